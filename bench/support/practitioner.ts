/**
 * One social care practitioner's working session, as the load benchmark plays it: find a person by name, open
 * their record, then either record a visit to the child on their own caseload (which writes the visit and its
 * chronology entry) or change that child's details at the version the form was read at, following each save's
 * redirect as a browser does. Between steps the practitioner reads, types and thinks for 0.5–2 s (seeded).
 */
import { performance } from 'node:perf_hooks';
import { random } from '../../src/domains/people/synthetic.ts';
import { formFields, withFields } from './forms.ts';

export interface Practitioner {
  /** The Cookie header of their session. */
  cookie: string;
  /** The child they write to: nobody else edits it, so writes never pile onto one record. */
  childId: string;
  seed: number;
}

/** A person to look for: searched by name, then opened. */
export interface Sought {
  id: string;
  name: string;
}

/** Every response the users saw, by action. */
export class Tally {
  readonly times = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  /** Saves refused because the record had changed since the form was read (409), each then re-read and retried. */
  conflicts = 0;
  requests = 0;
  /** Saves answered with a redirect (the record written), by action: checked against the database afterwards. */
  readonly saved = new Map<string, number>();
  searches = 0;
  /** Searches whose results listed the person looked for. */
  found = 0;

  time(action: string, ms: number) {
    this.requests++;
    const list = this.times.get(action) ?? [];
    list.push(ms);
    this.times.set(action, list);
  }

  error(action: string, what: string) {
    const key = `${action}: ${what}`;
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  get errorCount() {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }
}

const THINK_MS = [500, 2_000] as const;
const VISIT_NOTE = 'Saw the child at home with their carer. Talked about school and their weekend; no new concerns. Next visit in four weeks.';

interface Answer {
  status: number;
  html: string;
  location: string | null;
}

/** Plays one practitioner until `until` (a performance.now() time), recording into `tally`. */
export async function practise(user: Practitioner, options: { base: string; sought: Sought[]; until: number; tally: Tally }): Promise<void> {
  const { base, sought, until, tally } = options;
  const rnd = random(user.seed);
  const jar = new Map(user.cookie.split('; ').map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const));
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Reads, types or thinks; false once the run is over. */
  const think = async () => {
    await pause(THINK_MS[0] + rnd() * (THINK_MS[1] - THINK_MS[0]));
    return performance.now() < until;
  };

  /** One request, timed under `action`; null (and counted) when it failed. 409 is returned for the caller to judge. */
  const request = async (action: string, path: string, body?: URLSearchParams): Promise<Answer | null> => {
    const started = performance.now();
    let answer: Answer;
    try {
      const response = await fetch(`${base}${path}`, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          accept: 'text/html',
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: body?.toString(),
      });
      answer = { status: response.status, html: await response.text(), location: response.headers.get('location') };
      for (const c of response.headers.getSetCookie()) {
        const [pair] = c.split(';');
        jar.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
      }
    } catch (error) {
      tally.error(action, `no answer (${(error as Error).message})`);
      return null;
    }
    tally.time(action, performance.now() - started);
    if (answer.status >= 400 && answer.status !== 409) {
      tally.error(action, String(answer.status));
      return null;
    }
    return answer;
  };

  /** A save, which must redirect (a 200 or 400 would be the form again); then the page it redirects to. */
  const save = async (action: string, path: string, body: URLSearchParams, next: string): Promise<Answer | null> => {
    const answer = await request(action, path, body);
    if (!answer || answer.status === 409) return answer;
    if (answer.status !== 303 || !answer.location) {
      tally.error(action, `${answer.status} instead of a redirect`);
      return null;
    }
    tally.saved.set(action, (tally.saved.get(action) ?? 0) + 1);
    await request(next, answer.location);
    return answer;
  };

  const recordVisit = async () => {
    const path = `/people/${user.childId}/visits/new`;
    const form = await request('visit form', path);
    if (!form || !(await think())) return;
    const body = withFields(formFields(form.html, path), { purpose: 'child_in_need', seen: rnd() < 0.7 ? 'alone' : 'with_others', notes: VISIT_NOTE });
    await save('save visit', path, body, 'social care record');
  };

  const changeDetails = async () => {
    const path = `/people/${user.childId}/edit`;
    // A conflict shows the practitioner both versions; they read the form again (the new version) and save once more.
    for (let attempt = 0; attempt < 2; attempt++) {
      const form = await request('change details form', path);
      if (!form || !(await think())) return;
      const fields = formFields(form.html, path);
      const language = fields.find(([name]) => name === 'language')?.[1];
      const answer = await save('save details', path, withFields(fields, { language: language === 'Polish' ? 'English' : 'Polish' }), 'open record');
      if (answer?.status !== 409) return;
      tally.conflicts++;
    }
    tally.error('save details', '409 twice in a row');
  };

  // Users arrive over the first two seconds rather than all in the same instant.
  await pause(rnd() * 2_000);
  while (performance.now() < until) {
    const search = await request('find a person', '/people');
    if (!search || !(await think())) continue;
    const person = sought[Math.floor(rnd() * sought.length)]!;
    const results = await request('search by name', '/people/search', withFields(formFields(search.html, '/people/search'), { name: person.name }));
    if (results) {
      tally.searches++;
      if (results.html.includes(`/people/${person.id}`)) tally.found++;
    }
    if (!(await think())) break;
    await request('open record', `/people/${person.id}?from=search`);
    if (!(await think())) break;
    await (rnd() < 0.5 ? recordVisit() : changeDetails());
    if (!(await think())) break;
  }
}
