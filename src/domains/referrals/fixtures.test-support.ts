import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { TestApp, TestClient, TestResponse } from '../../../test/support/app.ts';
import { DEMO_PASSWORD } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';

export const SAM = 'sam.rowe@cairn.example';
export const ROB = 'rob.delaney@cairn.example';
export const MORGAN = 'morgan.hale@cairn.example';
export const PAT = 'pat.quinn@cairn.example';
export const ALEX = 'alex.brent@cairn.example';
export const KIT = 'kit.ellery@cairn.example';

/** A GOV.UK date input's three boxes for an ISO date. */
export const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

let made = 0;
/** A child nobody else's tests touch. */
export const newChild = (db: Kysely<Database>) => {
  made += 1;
  return insertTestPerson(db, { givenName: `Rowan${made}`, familyName: 'Fernlea', postcode: 'ZZ99 3CD', dateOfBirth: '2015-08-12' });
};

/** The id a 303 points at under `prefix`. */
export function idFrom(response: TestResponse, prefix: string): string {
  assert.equal(response.statusCode, 303, /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(response.body)?.[1] ?? /<main[\s\S]*?<\/main>/.exec(response.body)?.[0]?.slice(0, 1500) ?? response.body.slice(0, 1500));
  const match = new RegExp(`^${prefix}/([0-9a-f-]{36})`).exec(String(response.headers.location));
  assert.ok(match, `redirected under ${prefix}: ${String(response.headers.location)}`);
  return match[1]!;
}

/** Records a referral through the page; returns the episode id. */
export const refer = async (client: TestClient, personId: string, referralDate: string, source = '3A') =>
  idFrom(await client.post(`/people/${personId}/referrals/new`, { ...dateFields('referralDate', referralDate), source, reason: 'GP worried about weight loss and missed appointments', idempotencyKey: uuidv7() }), '/referrals');

export const version = async (db: Kysely<Database>, table: 'cin_episodes' | 'assessments' | 'cin_plans' | 'cin_plan_items', id: string) =>
  String((await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

/** A complete assessment form, as typed into the page. */
export const assessmentForm = (seen: string, outcome: string, factors: string[] = ['4B', '16A']) => ({
  ...dateFields('childSeenDate', seen),
  childViews: 'Says home is noisy and she is hungry at school',
  familyViews: 'Mum agrees she needs help with money and routines',
  analysis: 'Needs are significant but the family engage; support under a plan should meet them',
  factors,
  outcome,
});

/** Starts and submits an assessment through the pages; returns its id. */
export async function submittedAssessment(client: TestClient, db: Kysely<Database>, episodeId: string, start: string, outcome: string) {
  const assessmentId = idFrom(await client.post(`/referrals/${episodeId}/assessment/new`, { ...dateFields('startDate', start), version: await version(db, 'cin_episodes', episodeId) }), '/assessments');
  const submitted = await client.post(`/assessments/${assessmentId}`, { ...assessmentForm(start, outcome), intent: 'submit', version: await version(db, 'assessments', assessmentId) });
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 3000));
  return assessmentId;
}

/** A signed-in API client that can send an Idempotency-Key (the shared test client sends only its own headers). */
export async function apiPoster(t: TestApp, email: string) {
  const cookies = new Map<string, string>();
  const keep = (r: { cookies: { name: string; value: string }[] }) => r.cookies.forEach((c) => cookies.set(c.name, c.value));
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  keep(await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: cookie() }, payload: { _csrf: csrf, email, password: DEMO_PASSWORD } }));
  return async (url: string, payload: unknown, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'POST', url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf, cookie: cookie(), ...headers } });
    return { statusCode: r.statusCode, body: r.body, json: <T>() => r.json() as T };
  };
}
