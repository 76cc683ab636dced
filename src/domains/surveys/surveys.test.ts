import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';

const TESS = 'tess.marlow@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const KIT = 'kit.ellery@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const today = ukToday();

describe('surveys', () => {
  let t: TestApp;
  let tess: TestClient;
  before(async () => {
    t = await testApp({ children: 10 });
    tess = await t.signedIn(TESS);
  });
  after(() => t.close());

  const details = (overrides: Record<string, string> = {}) => ({ idempotencyKey: uuidv7(), title: 'How safe do you feel?', audience: 'children', introduction: 'Tell us how safe you feel.', anonymous: 'yes', ...dateFields('opensOn', today), ...dateFields('closesOn', addCalendarDays(today, 14)), ...overrides });
  const versionOf = async (id: string) => String((await t.db.selectFrom('surveys').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  async function survey(overrides: Record<string, string> = {}, questions: Record<string, string>[] = [{ text: 'Do you feel safe at school?', kind: 'single', required: 'yes', options: 'Yes\nNo' }, { text: 'Anything else?', kind: 'text', required: 'no' }]): Promise<string> {
    const created = await tess.post('/surveys/new', details(overrides));
    assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
    const id = String(created.headers.location).split('/').pop()!;
    for (const q of questions) assert.equal((await tess.post(`/surveys/${id}/questions/new`, q)).statusCode, 303);
    return id;
  }
  const open = async (id: string) => assert.equal((await tess.post(`/surveys/${id}/open`, { version: await versionOf(id) })).statusCode, 303);
  async function links(id: string, count: number): Promise<string[]> {
    const made = await tess.post(`/surveys/${id}/links`, { count: String(count), idempotencyKey: uuidv7() });
    assert.equal(made.statusCode, 200, made.body.slice(0, 1500));
    return [...made.body.matchAll(/\/s\/([A-Za-z0-9_-]+)<\/code>/g)].map((m) => m[1]!);
  }

  it('keeps bad input with errors, creates once per submission and cannot open without questions', async () => {
    const bad = await tess.post('/surveys/new', details({ title: '', anonymous: 'no', ...dateFields('closesOn', addCalendarDays(today, -3)) }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a title for the survey/);
    assert.match(bad.body, /always anonymous/);
    assert.match(bad.body, /closing date must be the same as or after/);
    assert.match(bad.body, /Tell us how safe you feel\./, 'what was typed is kept');
    const form = details();
    const first = await tess.post('/surveys/new', form);
    const again = await tess.post('/surveys/new', form);
    assert.equal(first.headers.location, again.headers.location, 'the same form twice makes one survey');
    const id = String(first.headers.location).split('/').pop()!;
    const refused = await tess.post(`/surveys/${id}/open`, { version: await versionOf(id) });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Add at least one question/);
    const badQuestion = await tess.post(`/surveys/${id}/questions/new`, { text: 'Pick one', kind: 'single', required: 'yes', options: 'Only' });
    assert.equal(badQuestion.statusCode, 400);
    assert.match(badQuestion.body, /at least 2 answers/);
    assert.equal((await tess.post(`/surveys/${id}/open`, { version: '1' })).statusCode, 409);
    assert.equal((await tess.get(`/surveys/${uuidv7()}`)).statusCode, 404);
  });

  it('lets only the business manager build, and board members read results', async () => {
    const id = await survey();
    const bea = await t.signedIn(BEA);
    assert.equal((await bea.get(`/surveys/${id}`)).statusCode, 403);
    assert.equal((await bea.post(`/surveys/${id}/questions/new`, { text: 'Sneaky', kind: 'text', required: 'no' })).statusCode, 403);
    assert.equal((await bea.get('/surveys')).statusCode, 200);
    assert.equal((await bea.get(`/surveys/${id}/results`)).statusCode, 200);
    const sam = await t.signedIn(SAM);
    assert.equal((await sam.get(`/surveys/${id}/results`)).statusCode, 403);
  });

  it('a one-time link answers once, even when two submit at once, and then says so kindly', async () => {
    const id = await survey();
    const early = await links(id, 3);
    assert.equal(early.length, 3);
    const notYet = await (await t.client()).get(`/s/${early[0]}`);
    assert.equal(notYet.statusCode, 410);
    assert.match(notYet.body, /not open yet/);
    await open(id);
    const [q1, q2] = await t.db.selectFrom('survey_questions').select('id').where('survey_id', '=', id).orderBy('position').execute();
    const stored = await t.db.selectFrom('survey_links').select('token_hash').where('survey_id', '=', id).execute();
    assert.ok(stored.every((l) => !early.includes(l.token_hash) && /^[0-9a-f]{64}$/.test(l.token_hash)), 'only hashes are kept');

    const child = await t.client();
    const page = await child.get(`/s/${early[0]}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Send my answers/);
    assert.doesNotMatch(page.body, /govuk-service-navigation/, 'no site navigation');
    const missing = await child.post(`/s/${early[0]}`, { [`q-${q2!.id}`]: 'I like my teacher' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Please choose an answer for “Do you feel safe at school\?”/);
    assert.match(missing.body, /I like my teacher/, 'answers are kept');
    const answer = { [`q-${q1!.id}`]: 'Yes', [`q-${q2!.id}`]: 'I like my teacher' };
    const [a, b] = await Promise.all([child.post(`/s/${early[0]}`, answer), (await t.client()).post(`/s/${early[0]}`, answer)]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 410], 'one of two simultaneous submissions is saved');
    assert.equal((await child.get('/s/thank-you')).statusCode, 200);
    const used = await child.get(`/s/${early[0]}`);
    assert.equal(used.statusCode, 410);
    assert.match(used.body, /already been used/);
    assert.equal((await child.post(`/s/${early[0]}`, answer)).statusCode, 410);
    const unknown = await child.get('/s/not-a-real-link-at-all');
    assert.equal(unknown.statusCode, 404);
    assert.equal(String(unknown.headers['x-ratelimit-limit']), '60', 'the public page is rate-limited');
    assert.equal((await child.get('/s/%3Cscript%3E')).statusCode, 404);
    const noCsrf = await (await t.client()).post(`/s/${early[1]}`, { _csrf: 'forged', ...answer });
    assert.equal(noCsrf.statusCode, 403, 'the public form is CSRF-checked');
    const rows = await t.db.selectFrom('survey_responses').select(['link_id', 'user_id']).where('survey_id', '=', id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.user_id, null);

    const results = await tess.get(`/surveys/${id}/results`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /1 of 3 used \(33% response rate\)/);
    assert.match(results.body, /I like my teacher/);
    assert.match(results.body, /role="img"/, 'a chart is drawn');
    const csv = await tess.get(`/surveys/${id}/results.csv`);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /Do you feel safe at school\?,Choose one answer,1,Yes,1,100/);

    // Questions cannot change once answered; closing stops the links still unused.
    assert.equal((await tess.post(`/surveys/${id}/questions/new`, { text: 'Late', kind: 'text', required: 'no' })).statusCode, 409);
    assert.equal((await tess.post(`/surveys/${id}/questions/${q1!.id}/remove`)).statusCode, 409);
    assert.equal((await tess.post(`/surveys/${id}/close`, { version: await versionOf(id) })).statusCode, 303);
    const closed = await (await t.client()).get(`/s/${early[2]}`);
    assert.equal(closed.statusCode, 410);
    assert.match(closed.body, /has closed/);
    assert.equal((await tess.post(`/surveys/${id}/links`, { count: '2', idempotencyKey: uuidv7() })).statusCode, 409);
  });

  it('refuses a bad number of links and makes one batch when the form is sent twice', async () => {
    const id = await survey();
    const bad = await tess.post(`/surveys/${id}/links`, { count: '500', idempotencyKey: uuidv7() });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /no more than 200/);
    const key = uuidv7();
    assert.equal((await tess.post(`/surveys/${id}/links`, { count: '2', idempotencyKey: key })).statusCode, 200);
    const again = await tess.post(`/surveys/${id}/links`, { count: '2', idempotencyKey: key });
    assert.match(again.body, /already made/);
    assert.equal((await t.db.selectFrom('survey_links').select('id').where('survey_id', '=', id).execute()).length, 2);
  });

  it('practitioners answer once; an anonymous survey never shows who, a named one does', async () => {
    for (const anonymous of ['yes', 'no']) {
      const id = await survey({ audience: 'practitioners', anonymous, title: `Practice ${anonymous}` }, [{ text: 'What would help?', kind: 'text', required: 'yes' }, { text: 'How confident are you?', kind: 'scale', required: 'yes' }]);
      const [q1, q2] = await t.db.selectFrom('survey_questions').select('id').where('survey_id', '=', id).orderBy('position').execute();
      const sam = await t.signedIn(SAM);
      assert.equal((await sam.get(`/surveys/${id}/answer`)).statusCode, 404, 'a draft cannot be answered');
      await open(id);
      assert.match((await sam.get('/surveys/to-answer')).body, new RegExp(`Practice ${anonymous}`));
      const blank = await sam.post(`/surveys/${id}/answer`, { [`q-${q2!.id}`]: '4' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /Enter an answer for “What would help\?”/);
      assert.equal((await sam.post(`/surveys/${id}/answer`, { [`q-${q1!.id}`]: 'Shared training', [`q-${q2!.id}`]: '4' })).statusCode, 200);
      const twice = await sam.post(`/surveys/${id}/answer`, { [`q-${q1!.id}`]: 'Again', [`q-${q2!.id}`]: '2' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /already answered/);
      const kit = await t.signedIn(KIT);
      assert.equal((await kit.post(`/surveys/${id}/answer`, { [`q-${q1!.id}`]: 'Fewer forms', [`q-${q2!.id}`]: '2' })).statusCode, 200);
      const results = await (await t.signedIn(BEA)).get(`/surveys/${id}/results`);
      assert.match(results.body, /Shared training/);
      assert.match(results.body, /average 3 out of 5/);
      const response = await t.db.selectFrom('survey_responses').select('user_id').where('survey_id', '=', id).execute();
      if (anonymous === 'yes') {
        assert.doesNotMatch(results.body, /Sam Rowe|Kit Ellery/, 'nobody is named');
        assert.ok(response.every((r) => r.user_id === null), 'an anonymous response keeps nobody');
        assert.doesNotMatch((await tess.get(`/surveys/${id}/results.csv`)).body, /Sam Rowe|Written by/);
      } else {
        assert.match(results.body, /Shared training <span class="govuk-body-s">\(Sam Rowe\)/);
        assert.equal(response.filter((r) => r.user_id).length, 2);
      }
    }
  });

  it('changes a draft’s details at the version read, and refuses a stale or late change', async () => {
    const id = await survey();
    const form = { ...details({ title: 'Renamed' }), version: '1' };
    assert.equal((await tess.post(`/surveys/${id}/edit`, form)).statusCode, 303);
    const stale = await tess.post(`/surveys/${id}/edit`, { ...form, title: 'Stale' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Stale/, 'what was typed is shown back');
    await open(id);
    assert.equal((await tess.post(`/surveys/${id}/edit`, { ...form, version: await versionOf(id) })).statusCode, 409);
  });
});
