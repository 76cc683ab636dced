import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';

const OWEN = 'owen.pryce@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const MORGAN = 'morgan.hale@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const daysAgo = (n: number) => addCalendarDays(ukToday(), -n);

describe('practice reviews', () => {
  let t: TestApp;
  let owen: TestClient;
  let child: string;
  let police: string;
  let csc: string;
  const referral = (key: string, overrides: Record<string, string> = {}) => ({
    action: 'save', child: [child], idempotencyKey: key, title: 'Child W', referringAgencyId: police,
    ...dateFields('incidentOn', daysAgo(40)), ...dateFields('awareOn', daysAgo(38)), summary: 'A toddler was admitted with a head injury; abuse is suspected.', ...overrides,
  });
  before(async () => {
    t = await testApp({ children: 10 });
    owen = await t.signedIn(OWEN);
    child = await insertTestPerson(t.db, { givenName: 'Wilder', familyName: 'Quennell', dateOfBirth: '2023-04-09' });
    const agency = async (name: string) => (await t.db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    police = await agency('Brackenshire Police');
    csc = await agency("Brackenshire Children's Social Care");
  });
  after(() => t.close());

  const versionOf = async (id: string) => String((await t.db.selectFrom('practice_reviews').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  async function refer(): Promise<string> {
    const saved = await owen.post('/practice-reviews/new', referral(uuidv7()));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
    return String(saved.headers.location).split('/').pop()!;
  }

  it('finds the child, keeps bad input with errors, records one review per submission and involves the partnership', async () => {
    const found = await owen.post('/practice-reviews/new', { action: 'search', searchName: 'Quennell' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Wilder Quennell/);
    const noChild = await owen.post('/practice-reviews/new', { action: 'continue' });
    assert.equal(noChild.statusCode, 400, 'a child is required');
    assert.match(noChild.body, /There is a problem/);
    const key = uuidv7();
    const bad = await owen.post('/practice-reviews/new', referral(key, { summary: '', referringAgencyId: '', 'awareOn-day': '31', 'awareOn-month': '2' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter briefly what happened/);
    assert.match(bad.body, /Select the agency that referred the case/);
    assert.match(bad.body, /Child W/, 'what was typed is kept');
    const before = await owen.post('/practice-reviews/new', referral(key, { ...dateFields('awareOn', daysAgo(45)) }));
    assert.equal(before.statusCode, 400);
    assert.match(before.body, /cannot have become aware before the incident/);

    const first = await owen.post('/practice-reviews/new', referral(key));
    assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
    assert.equal((await owen.post('/practice-reviews/new', referral(key))).headers.location, first.headers.location, 'a double submit is one review');
    const id = String(first.headers.location).split('/').pop()!;
    const row = await t.db.selectFrom('practice_reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(row.reference, /^PR \d{4}\/\d{2}$/);
    const involvement = await t.db.selectFrom('involvements').select(['basis', 'end_date']).where('person_id', '=', child).where('source_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(involvement.basis, 'practice_review');
    const chronology = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('record_id', '=', id).execute();
    assert.deepEqual(chronology, [{ summary: CHILD_CHRONOLOGY_SUMMARY, entry_type: 'practice_review.referred' }]);

    const page = await owen.get(`/practice-reviews/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Wilder Quennell/);
    assert.match(page.body, /Overdue/, 'the notification was due 5 working days after the partnership became aware');
    const inbox = await owen.get('/work');
    assert.match(inbox.body, /National panel notification overdue/);
    assert.match(inbox.body, /Rapid review (due|overdue)/);

    const together = await Promise.all([refer(), refer(), refer()]);
    const references = await t.db.selectFrom('practice_reviews').select('reference').where('id', 'in', together).execute();
    assert.equal(new Set(references.map((r) => r.reference)).size, 3, 'referrals saved at once take a reference each');
  });

  it('takes a review through notification, rapid review, decision and report, refusing stale versions and steps out of order', async () => {
    const id = await refer();
    const decision = { decision: 'lcspr', ...dateFields('decidedOn', daysAgo(10)), rationale: 'Learning for several agencies.', version: await versionOf(id) };
    assert.equal((await owen.post(`/practice-reviews/${id}/decision`, decision)).statusCode, 409, 'the decision follows the rapid review');
    const notify = await owen.post(`/practice-reviews/${id}/notification`, { ...dateFields('notifiedOn', daysAgo(36)), version: await versionOf(id) });
    assert.equal(notify.statusCode, 303, notify.body.slice(0, 1500));
    const rapid = { ...dateFields('heldOn', daysAgo(20)), agencyIds: [police, csc], recommendation: 'lcspr', version: await versionOf(id) };
    assert.equal((await owen.post(`/practice-reviews/${id}/rapid-review`, { ...rapid, agencyIds: [] })).statusCode, 400);
    assert.equal((await owen.post(`/practice-reviews/${id}/rapid-review`, rapid)).statusCode, 303);
    const stale = await owen.post(`/practice-reviews/${id}/rapid-review`, { ...rapid, recommendation: 'national' });
    assert.equal(stale.statusCode, 409, 'a stale version is a conflict');
    assert.match(stale.body, /Someone else changed this review/);
    assert.equal((await owen.post(`/practice-reviews/${id}/decision`, { ...decision, version: await versionOf(id) })).statusCode, 303);
    const tooEarly = await owen.post(`/practice-reviews/${id}/review`, { ...dateFields('reportReceivedOn', daysAgo(5)), version: await versionOf(id) });
    assert.equal(tooEarly.statusCode, 400);
    assert.match(tooEarly.body, /terms of reference were agreed before the report/);
    const reviewer = await owen.post(`/practice-reviews/${id}/review`, { reviewer1Name: 'Dr Isolde Marchbank', version: await versionOf(id) });
    assert.equal(reviewer.statusCode, 400, 'independence is asked of each reviewer');
    const review = { reviewer1Name: 'Dr Isolde Marchbank', reviewer1Independent: 'yes', ...dateFields('termsAgreedOn', daysAgo(8)), ...dateFields('reportReceivedOn', daysAgo(2)), version: await versionOf(id) };
    assert.equal((await owen.post(`/practice-reviews/${id}/review`, review)).statusCode, 303);
    const page = await owen.get(`/practice-reviews/${id}`);
    assert.match(page.body, /Dr Isolde Marchbank \(independent\)/);
    assert.match(page.body, /Report received/);
  });

  it('tracks actions to completion: evidence required, history kept, managers of the owning agency only', async () => {
    const id = await refer();
    for (const [path, form] of <[string, Record<string, string | string[]>][]>[
      ['rapid-review', { ...dateFields('heldOn', daysAgo(20)), agencyIds: [csc], recommendation: 'learning_other' }],
      ['decision', { decision: 'learning_other', ...dateFields('decidedOn', daysAgo(15)), rationale: 'Single-agency learning.' }],
    ]) assert.equal((await owen.post(`/practice-reviews/${id}/${path}`, { ...form, version: await versionOf(id) })).statusCode, 303, path);
    const key = uuidv7();
    const rec = await owen.post(`/practice-reviews/${id}/recommendations/new`, { text: 'Supervision should test drift in child in need plans.', idempotencyKey: key });
    assert.equal(rec.statusCode, 303);
    assert.equal((await owen.post(`/practice-reviews/${id}/recommendations/new`, { text: 'Supervision should test drift in child in need plans.', idempotencyKey: key })).statusCode, 303);
    const recs = await t.db.selectFrom('practice_review_recommendations').select(['id', 'number']).where('review_id', '=', id).execute();
    assert.equal(recs.length, 1, 'a double submit is one recommendation');
    const action = { what: 'Audit supervision records for drift', agencyId: csc, owner: 'Head of Quality Assurance', ...dateFields('dueOn', daysAgo(1)), rag: 'amber', idempotencyKey: uuidv7() };
    assert.equal((await owen.post(`/practice-reviews/${id}/recommendations/${recs[0]!.id}/actions/new`, { ...action, owner: '' })).statusCode, 400);
    assert.equal((await owen.post(`/practice-reviews/${id}/recommendations/${recs[0]!.id}/actions/new`, action)).statusCode, 303);
    const row = await t.db.selectFrom('practice_review_actions').selectAll().where('review_id', '=', id).executeTakeFirstOrThrow();

    const morgan = await t.signedIn(MORGAN);
    const tracker = await morgan.get(`/practice-reviews/actions?agency=${csc}&rag=amber`);
    assert.equal(tracker.statusCode, 200);
    assert.match(tracker.body, /Audit supervision records for drift/);
    assert.match(tracker.body, /Overdue/);
    assert.doesNotMatch(tracker.body, /Wilder|Quennell/, 'the tracker names no child');
    assert.match((await morgan.get('/work')).body, /Practice review action overdue/);
    const noEvidence = await morgan.post(`/practice-reviews/actions/${row.id}/update`, { rag: 'complete', note: 'Audit done.', ...dateFields('completedOn', ukToday()), version: String(row.version) });
    assert.equal(noEvidence.statusCode, 400);
    assert.match(noEvidence.body, /Enter the evidence that the action is complete/);
    assert.match(noEvidence.body, /Audit done\./, 'what was typed is kept');
    assert.equal((await morgan.post(`/practice-reviews/actions/${row.id}/update`, { rag: 'red', note: 'Auditor off sick.', version: String(row.version) })).statusCode, 303);
    const stale = await morgan.post(`/practice-reviews/actions/${row.id}/update`, { rag: 'green', note: 'Back on track.', version: String(row.version) });
    assert.equal(stale.statusCode, 409);
    const later = dateFields('dueOn', addCalendarDays(ukToday(), 30));
    const notChair = await morgan.post(`/practice-reviews/actions/${row.id}/update`, { rag: 'red', note: 'Asking for more time.', ...later, version: String(row.version + 1) });
    assert.equal(notChair.statusCode, 400);
    assert.match(notChair.body, /Only the review chair can agree a new due date/);
    assert.equal((await owen.post(`/practice-reviews/actions/${row.id}/update`, { rag: 'amber', note: 'Extension agreed by the group.', ...later, version: String(row.version + 1) })).statusCode, 303);
    const moved = await t.db.selectFrom('practice_review_actions').select('due_on').where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(moved.due_on, addCalendarDays(ukToday(), 30));
    const early = await owen.post(`/practice-reviews/${id}/close`, { ...dateFields('closedOn', ukToday()), note: 'Learning embedded.', version: await versionOf(id) });
    assert.equal(early.statusCode, 409, 'a review with an open action stays open');
    assert.match(early.body, /1 action is not complete yet/);
    const done = await morgan.post(`/practice-reviews/actions/${row.id}/update`, { rag: 'complete', note: 'Audit done.', evidence: 'Audit report to the board, 20 files.', ...dateFields('completedOn', ukToday()), version: String(row.version + 2) });
    assert.equal(done.statusCode, 303, done.body.slice(0, 1500));
    const history = await t.db.selectFrom('practice_review_action_updates').select(['rag', 'note']).where('action_id', '=', row.id).orderBy('created_at').execute();
    assert.deepEqual(history.map((h) => h.rag), ['amber', 'red', 'amber', 'complete']);
    assert.match(history[2]!.note, /due date moved from/);
    assert.match((await owen.get(`/practice-reviews/${id}`)).body, /Auditor off sick/, 'the review’s history has the updates');

    const blank = await owen.post(`/practice-reviews/${id}/close`, { ...dateFields('closedOn', ukToday()), note: '', version: await versionOf(id) });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter what the review achieved/);
    assert.equal((await owen.post(`/practice-reviews/${id}/close`, { ...dateFields('closedOn', ukToday()), note: 'Learning embedded in supervision.', version: await versionOf(id) })).statusCode, 303);
    assert.match((await owen.get(`/practice-reviews/${id}`)).body, /Closed on .*Learning embedded in supervision\./);
    const ended = await t.db.selectFrom('involvements').select('end_date').where('source_id', '=', id).execute();
    assert.ok(ended.length && ended.every((i) => i.end_date === ukToday()), 'the partnership stops seeing the children');
    assert.equal((await owen.post(`/practice-reviews/${id}/recommendations/new`, { text: 'Late thought.', idempotencyKey: uuidv7() })).statusCode, 409, 'a closed review is kept as it was');

    const bea = await t.signedIn(BEA);
    const seen = await bea.get(`/practice-reviews/actions?status=all`);
    assert.equal(seen.statusCode, 200);
    assert.match(seen.body, /Child W/);
    assert.doesNotMatch(seen.body, /Wilder|Quennell/);
    assert.equal((await bea.get(`/practice-reviews/actions/${row.id}`)).statusCode, 200);
    assert.equal((await bea.get(`/practice-reviews/actions/${row.id}/update`)).statusCode, 403, 'board members follow actions, they do not update them');
    assert.equal((await bea.get(`/practice-reviews/${id}`)).statusCode, 403);
    assert.equal((await bea.get('/practice-reviews/figures')).statusCode, 200);
  });

  it('issues learning briefings and refuses everyone else the chair’s pages', async () => {
    const id = await refer();
    const key = uuidv7();
    const form = { title: 'Head injuries in babies', reviewIds: [id], ...dateFields('issuedOn', ukToday()), audience: 'All health and social care practitioners', keyMessages: 'Any bruise on a non-mobile baby needs a referral.', idempotencyKey: key };
    assert.equal((await owen.post('/practice-reviews/briefings/new', { ...form, reviewIds: [] })).statusCode, 400);
    const issued = await owen.post('/practice-reviews/briefings/new', form);
    assert.equal(issued.statusCode, 303);
    assert.equal((await owen.post('/practice-reviews/briefings/new', form)).headers.location, issued.headers.location);
    const bea = await t.signedIn(BEA);
    const list = await bea.get('/practice-reviews/briefings');
    assert.match(list.body, /Head injuries in babies/);
    assert.equal((await bea.get(String(issued.headers.location))).statusCode, 200);
    assert.equal((await bea.get('/practice-reviews/briefings/new')).statusCode, 403);

    const sam = await t.signedIn(SAM);
    for (const url of ['/practice-reviews', '/practice-reviews/new', `/practice-reviews/${id}`, '/practice-reviews/actions', '/practice-reviews/briefings', '/practice-reviews/figures', `/practice-reviews/${id}/decision`]) {
      assert.equal((await sam.get(url)).statusCode, 403, url);
    }
    assert.equal((await sam.post(`/practice-reviews/${id}/notification`, { ...dateFields('notifiedOn', ukToday()), version: '1' })).statusCode, 403);
    assert.doesNotMatch((await sam.get('/work')).body, /Practice reviews/);
    assert.match((await owen.get('/practice-reviews')).body, /href="\/practice-reviews"/);
    assert.match((await owen.get('/practice-reviews/figures')).body, /Reviews by year and decision/);
    assert.equal((await owen.get(`/practice-reviews/${uuidv7()}`)).statusCode, 404);
  });
});
