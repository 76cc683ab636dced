import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { testEngine } from '../../../test/support/database.ts';
import { financialYearStart } from '../../platform/calendar/financial-year.ts';
import { addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { assessmentFigures } from '../early-help/service-figures.ts';
import { countDue, datesForPerson, typedForPerson } from './retention-repository.ts';
import { destroy, placeHold } from './retention-service.ts';

const GWEN = 'gwen.ashdown@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const ADA = 'ada.kerr@cairn.example';
const ALEX = 'alex.brent@cairn.example';

const years = (date: string, n: number) => addMonths(date, 12 * n);

describe('retention', () => {
  let t: TestApp;
  let gwen: TestClient;
  const today = ukToday();
  const ids: Record<string, string> = {};

  const personByName = async (given: string, family: string) =>
    (await t.db.selectFrom('people').select(['id', 'date_of_birth', 'nhs_number']).where('given_name', '=', given).where('family_name', '=', family).executeTakeFirstOrThrow());
  const typeDate = async (personId: string, type: string) => (await typedForPerson(t.db, personId)).find((r) => r.record_type === type);

  before(async () => {
    t = await testApp({ children: 40 });
    gwen = await t.signedIn(GWEN);
    for (const [key, given, family] of [['earlyHelp', 'Rowan', 'Pellow'], ['mother', 'Imelda', 'Pellow'], ['contactOnly', 'Casimir', 'Brandreth'], ['childInNeed', 'Tamsin', 'Quarrie'], ['held', 'Oswin', 'Hartigan']] as const) {
      ids[key] = (await personByName(given, family)).id;
    }
  });
  after(() => t.close());

  it('works out each record type’s date from the records and the schedule', async () => {
    const eh = await personByName('Rowan', 'Pellow');
    // Early help: the 25th birthday is later than six years after the case closed.
    assert.equal((await typeDate(eh.id, 'early_help'))?.retain_until, years(eh.date_of_birth!, 25));
    // Named in a relative's record: the mother is kept as long as her child.
    assert.equal((await typeDate(ids.mother!, 'family_member'))?.retain_until, years(eh.date_of_birth!, 25));
    // A contact: six years after it was received.
    assert.equal((await typeDate(ids.contactOnly!, 'contact'))?.retain_until, years(years(today, -20), 6));
    // Children's social care: eight years after a case closed at 17 is later than the 25th birthday.
    const cin = await personByName('Tamsin', 'Quarrie');
    const closure = (await t.db.selectFrom('cin_episodes').select('closure_date').where('person_id', '=', cin.id).executeTakeFirstOrThrow()).closure_date!;
    assert.equal((await typeDate(cin.id, 'social_care'))?.retain_until, years(closure, 8));

    // Looked after: 75 years from birth; for a child who died before 18, 15 years from the death instead.
    const cared = await t.db.selectFrom('care_periods').innerJoin('people', 'people.id', 'care_periods.person_id').select(['people.id', 'people.date_of_birth']).where('people.date_of_birth', 'is not', null).executeTakeFirstOrThrow();
    assert.equal((await typeDate(cared.id, 'looked_after'))?.retain_until, years(cared.date_of_birth!, 75));
    const died = years(cared.date_of_birth!, 10);
    await t.db.updateTable('people').set({ date_of_death: died }).where('id', '=', cared.id).execute();
    assert.equal((await typeDate(cared.id, 'looked_after'))?.retain_until, years(died, 15));
    await t.db.updateTable('people').set({ date_of_death: null }).where('id', '=', cared.id).execute();

    // Adoption: 100 years from the order (an episode ending E11), and that governs the person's date.
    const episode = await t.db.selectFrom('care_episodes').select(['id', 'reason_ceased', 'end_date']).where('person_id', '=', cared.id).orderBy('start_date', 'desc').executeTakeFirstOrThrow();
    const order = years(today, -1);
    await t.db.updateTable('care_episodes').set({ reason_ceased: 'E11', end_date: order }).where('id', '=', episode.id).execute();
    assert.equal((await typeDate(cared.id, 'adoption'))?.retain_until, years(order, 100));
    assert.equal((await datesForPerson(t.db, cared.id, today))?.governing_type, 'adoption');
    await t.db.updateTable('care_episodes').set({ reason_ceased: episode.reason_ceased, end_date: episode.end_date }).where('id', '=', episode.id).execute();

    // A LADO allegation: pension age or ten years from the allegation, whichever is later; a malicious one a year after closure.
    const lado = await t.db.selectFrom('lado_cases').innerJoin('people', 'people.id', 'lado_cases.adult_id').select(['lado_cases.id', 'people.id as adult', 'people.date_of_birth', 'lado_cases.received_on']).executeTakeFirstOrThrow();
    const expected = [lado.date_of_birth ? years(lado.date_of_birth, 67) : null, years(lado.received_on, 10)].filter(Boolean).sort().at(-1);
    assert.equal((await typeDate(lado.adult, 'lado'))?.retain_until, expected);

    // Child death reviews are kept permanently: never due.
    const cdop = await t.db.selectFrom('cdop_cases').select('child_id').executeTakeFirst();
    if (cdop) assert.equal((await datesForPerson(t.db, cdop.child_id, today))?.permanent, true);
  });

  it('lists the people due, oldest date first, with their record types, and leaves out the held', async () => {
    const page = await gwen.get('/governance/retention');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /4 records due for review/);
    for (const id of [ids.earlyHelp, ids.mother, ids.contactOnly, ids.childInNeed]) assert.ok(page.body.includes(`/governance/retention/people/${id}`));
    assert.ok(!page.body.includes(ids.held!), 'a held person is not due');
    assert.ok(page.body.indexOf(ids.contactOnly!) < page.body.indexOf(ids.childInNeed!), 'oldest first');
    assert.ok(!page.body.includes('Pellow'), 'the queue names nobody');
    assert.match(page.body, /Named in a relative(’|&#39;|')s record/);
  });

  it('audits a review, refuses to destroy a held record or one with open work, and releases a hold', async () => {
    const review = await gwen.get(`/governance/retention/people/${ids.held}`);
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /Oswin Hartigan/);
    assert.match(review.body, /A legal hold is in force/);
    const audit = await t.db.selectFrom('access_audit').select('action').where('person_id', '=', ids.held!).where('action', '=', 'retention.review').execute();
    assert.equal(audit.length, 1);

    const refused = await gwen.post(`/governance/retention/people/${ids.held}/destroy`, { confirm: 'yes' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /A legal hold is in force/);

    const hold = await t.db.selectFrom('retention_holds').select(['id', 'version']).where('person_id', '=', ids.held!).executeTakeFirstOrThrow();
    const blank = await gwen.post(`/governance/retention/holds/${hold.id}/release`, { version: String(hold.version), releaseReason: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter why the hold is released/);
    const released = await gwen.post(`/governance/retention/holds/${hold.id}/release`, { version: String(hold.version), releaseReason: 'Inquiry closed its evidence gathering' });
    assert.equal(released.statusCode, 303);
    const stale = await gwen.post(`/governance/retention/holds/${hold.id}/release`, { version: String(hold.version), releaseReason: 'Again' });
    assert.equal(stale.statusCode, 409);
    assert.equal(await countDue(t.db, today), 5, 'released, the record is due');

    // An open subject access request about the person blocks destruction; once disclosed it does not.
    const request = await t.db
      .insertInto('sar_requests')
      .values({ person_id: ids.contactOnly!, requester_kind: 'subject', requester_name: 'Casimir Brandreth', requester_contact: 'By post', identity_check: 'Passport seen', received_on: today, due_on: years(today, 1) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sarRefused = await gwen.post(`/governance/retention/people/${ids.contactOnly}/destroy`, { confirm: 'yes' });
    assert.equal(sarRefused.statusCode, 409);
    assert.match(sarRefused.body, /subject access request about this person is still open/);
    await t.db.updateTable('sar_requests').set({ status: 'withdrawn', closure_reason: 'Withdrawn by the requester' }).where('id', '=', request.id).execute();
    assert.doesNotMatch((await gwen.get(`/governance/retention/people/${ids.contactOnly}`)).body, /subject access request/);

    // Open work: a child with an open early help case, dated as if born long ago.
    const open = await t.db.selectFrom('early_help_cases').innerJoin('people', 'people.id', 'early_help_cases.person_id').select(['people.id', 'people.date_of_birth']).where('early_help_cases.closed_on', 'is', null).executeTakeFirstOrThrow();
    await t.db.updateTable('people').set({ date_of_birth: '1980-05-10', updated_at: new Date('2001-01-01') }).where('id', '=', open.id).execute();
    const openDates = await datesForPerson(t.db, open.id, today);
    assert.equal(openDates?.open, true);
    const openRefused = await gwen.post(`/governance/retention/people/${open.id}/destroy`, { confirm: 'yes' });
    assert.equal(openRefused.statusCode, 409);
    assert.match(openRefused.body, /open work/);
    await t.db.updateTable('people').set({ date_of_birth: open.date_of_birth }).where('id', '=', open.id).execute();
  });

  it('places a hold with an error summary for bad input, once for a double submit, and keeps a record for longer', async () => {
    const form = await gwen.get(`/governance/retention/people/${ids.mother}/hold`);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const bad = await gwen.post(`/governance/retention/people/${ids.mother}/hold`, { idempotencyKey: key, reference: '', 'fromDate-day': '31', 'fromDate-month': '2', 'fromDate-year': '2026' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Select why the record must be kept/);
    assert.match(bad.body, /Enter the reference/);
    const good = { idempotencyKey: key, reason: 'litigation', reference: 'Claim HQ-2026-0042', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2026' };
    assert.equal((await gwen.post(`/governance/retention/people/${ids.mother}/hold`, good)).statusCode, 303);
    assert.equal((await gwen.post(`/governance/retention/people/${ids.mother}/hold`, good)).statusCode, 303);
    const holds = await t.db.selectFrom('retention_holds').select('id').where('person_id', '=', ids.mother!).execute();
    assert.equal(holds.length, 1, 'one hold for a double submit');
    const list = await gwen.get('/governance/retention/holds');
    assert.match(list.body, /Claim HQ-2026-0042/);

    const past = await gwen.post(`/governance/retention/people/${ids.childInNeed}/keep`, { 'keepUntil-day': '1', 'keepUntil-month': '1', 'keepUntil-year': '2020', reason: 'Complaint' });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /must be in the future/);
    const next = years(today, 2);
    const [y, m, d] = next.split('-');
    const kept = await gwen.post(`/governance/retention/people/${ids.childInNeed}/keep`, { 'keepUntil-day': d!, 'keepUntil-month': m!, 'keepUntil-year': y!, reason: 'Complaint to the ombudsman still open' });
    assert.equal(kept.statusCode, 303);
    assert.equal((await datesForPerson(t.db, ids.childInNeed!, today))?.review_date, next);
  });

  it('destroys a record in one go: statistics unchanged, no name, NHS number or free text left, logged once', async () => {
    const eh = await personByName('Rowan', 'Pellow');
    const registered = (await t.db.selectFrom('early_help_assessments').innerJoin('early_help_cases', 'early_help_cases.id', 'early_help_assessments.case_id').select('registered_on').where('early_help_cases.person_id', '=', eh.id).executeTakeFirstOrThrow()).registered_on!;
    const year = financialYearStart(registered);
    const analyst = { db: t.db, actor: { id: 'x', agencyId: 'x', roles: ['analyst'] }, requestId: 'test' } as unknown as Parameters<typeof assessmentFigures>[0];
    const before = await assessmentFigures(analyst, year);
    const freeText = (await t.db.selectFrom('early_help_assessments').innerJoin('early_help_cases', 'early_help_cases.id', 'early_help_assessments.case_id').select('summary').where('early_help_cases.person_id', '=', eh.id).executeTakeFirstOrThrow()).summary!;

    const confirm = await gwen.get(`/governance/retention/people/${eh.id}/destroy`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /cannot be undone/);
    const unconfirmed = await gwen.post(`/governance/retention/people/${eh.id}/destroy`, {});
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Confirm that you have checked the record/);

    const done = await gwen.post(`/governance/retention/people/${eh.id}/destroy`, { confirm: 'yes' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/governance/retention/log?destroyed=1');
    const again = await gwen.post(`/governance/retention/people/${eh.id}/destroy`, { confirm: 'yes' });
    assert.equal(again.statusCode, 303, 'a second submission finds it done');
    const logRows = await t.db.selectFrom('retention_destructions').selectAll().where('person_id', '=', eh.id).execute();
    assert.equal(logRows.length, 1);
    assert.deepEqual(logRows[0]!.record_types, ['early_help', 'family_member', 'person_index']);
    assert.ok(logRows[0]!.rows_cleared.early_help_assessments! >= 1 && logRows[0]!.rows_cleared.person_addresses === 1 && logRows[0]!.rows_cleared.relationships === 1);

    assert.deepEqual(await assessmentFigures(analyst, year), before, 'the early help figures are the same');

    // Nothing of the person is left in any text column of any table (the access audit holds ids and action names).
    const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
      WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`.execute(t.db);
    const needles = ['Rowan Pellow', 'Ro Pellow', eh.nhs_number!, freeText, 'Mill Lane'];
    for (const { table_name, column_name } of columns) {
      for (const needle of needles) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE ${sql.ref(column_name)}::text ILIKE ${`%${needle}%`}
          AND ${table_name === 'person_addresses' ? sql`person_id = ${eh.id}` : sql`true`}`.execute(t.db);
        assert.equal(rows[0]!.n, 0, `${needle} found in ${table_name}.${column_name}`);
      }
    }
    const person = await t.db.selectFrom('people').selectAll().where('id', '=', eh.id).executeTakeFirstOrThrow();
    assert.equal(`${person.given_name} ${person.family_name}`, 'Record destroyed');
    assert.equal(person.date_of_birth, `${eh.date_of_birth!.slice(0, 7)}-01`);
    assert.ok(person.destroyed_at);
    const audit = await t.db.selectFrom('access_audit').select('action').where('person_id', '=', eh.id).execute();
    assert.ok(audit.some((a) => a.action === 'retention.destroy'));

    const log = await gwen.get('/governance/retention/log');
    assert.match(log.body, /Early help/);
    assert.ok(!log.body.includes('Pellow'));

    // Whoever opens the record is told it was destroyed; search no longer finds it.
    const sam = await t.signedIn(SAM);
    const shown = await sam.get(`/people/${eh.id}`);
    assert.match(shown.body, /This record was destroyed on .* under the retention schedule/);
    const [by, bm] = person.date_of_birth!.split('-');
    const searches: Record<string, string>[] = [{ name: 'Record destroyed' }, { 'dateOfBirth-day': '1', 'dateOfBirth-month': bm!, 'dateOfBirth-year': by! }];
    for (const criteria of searches) {
      const search = await sam.post('/people/search', criteria);
      assert.equal(search.statusCode, 200);
      assert.ok(!search.body.includes(eh.id), 'not found by search');
    }
    // The same search finds a living person born that day, so the search itself works.
    await t.db.updateTable('people').set({ date_of_birth: person.date_of_birth }).where('id', '=', ids.contactOnly!).execute();
    const control = await sam.post('/people/search', { 'dateOfBirth-day': '1', 'dateOfBirth-month': bm!, 'dateOfBirth-year': by! });
    assert.ok(control.body.includes(ids.contactOnly!));
  });

  it('lets the officer change a rule, with errors kept and a stale version refused', async () => {
    const rule = await t.db.selectFrom('retention_rules').selectAll().where('record_type', '=', 'marac').executeTakeFirstOrThrow();
    const body = (overrides: Record<string, string>) => ({ version: String(rule.version), permanent: 'no', yearsFromBirth: '', yearsAfterEvent: '7', yearsAfterDeath: '', rule: 'Seven years after the case closed.', basis: 'Local protocol', ...overrides });
    const bad = await gwen.post('/governance/retention/schedule/marac', body({ yearsAfterEvent: '', rule: '' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter years from the date of birth or years after the event/);
    assert.match(bad.body, /Enter the rule in plain English/);
    assert.equal((await gwen.post('/governance/retention/schedule/marac', body({}))).statusCode, 303);
    const stale = await gwen.post('/governance/retention/schedule/marac', body({ yearsAfterEvent: '9' }));
    assert.equal(stale.statusCode, 409);
    const saved = await t.db.selectFrom('retention_rules').selectAll().where('record_type', '=', 'marac').executeTakeFirstOrThrow();
    assert.equal(saved.years_after_event, 7);
    assert.match((await gwen.get('/governance/retention/schedule')).body, /Seven years after the case closed/);
    assert.equal((await gwen.get('/governance/retention/schedule/nothing_like_this')).statusCode, 404);
  });

  it('is the data protection officer’s alone', async () => {
    const reviews = () => t.db.selectFrom('access_audit').select('id').where('person_id', '=', ids.contactOnly!).where('action', '=', 'retention.review').execute();
    const reviewedBefore = (await reviews()).length;
    for (const email of [SAM, ADA, ALEX]) {
      const client = await t.signedIn(email);
      for (const url of ['/governance/retention', '/governance/retention/schedule', `/governance/retention/people/${ids.contactOnly}`, '/governance/retention/holds', '/governance/retention/log']) {
        assert.equal((await client.get(url)).statusCode, 403, `${email} ${url}`);
      }
      assert.equal((await client.post(`/governance/retention/people/${ids.contactOnly}/destroy`, { confirm: 'yes' })).statusCode, 403);
    }
    assert.equal((await t.db.selectFrom('people').select('destroyed_at').where('id', '=', ids.contactOnly!).executeTakeFirstOrThrow()).destroyed_at, null);
    assert.equal((await reviews()).length, reviewedBefore, 'a refused review reads nothing');
  });

  // Races need two connections: the embedded engine's one session runs concurrent transactions' statements interleaved.
  it('never both destroys a record and places a hold on it when the two race, and destroys once when submitted twice at once', { skip: testEngine === 'embedded' && 'needs PostgreSQL: one embedded session cannot race' }, async () => {
    const officer = await t.db.selectFrom('users').select(['id', 'agency_id']).where('email', '=', GWEN).executeTakeFirstOrThrow();
    const ctx = { db: t.db, actor: { id: officer.id, agencyId: officer.agency_id, agencyKind: 'other', roles: ['data_protection'] }, requestId: 'race' } as const;
    const hold = { reason: 'police_investigation', reference: 'Crime 26/1234', detail: null, fromDate: today, untilDate: null } as const;
    const [destroyed, held] = await Promise.allSettled([destroy(ctx, ids.contactOnly!), placeHold(ctx, ids.contactOnly!, hold, crypto.randomUUID())]);
    assert.equal([destroyed, held].filter((r) => r.status === 'fulfilled').length, 1, `exactly one of the two wins: ${JSON.stringify([destroyed, held])}`);
    const person = await t.db.selectFrom('people').select('destroyed_at').where('id', '=', ids.contactOnly!).executeTakeFirstOrThrow();
    const holds = await t.db.selectFrom('retention_holds').select('id').where('person_id', '=', ids.contactOnly!).where('released_at', 'is', null).execute();
    assert.equal(Boolean(person.destroyed_at), destroyed.status === 'fulfilled');
    assert.equal(holds.length, held.status === 'fulfilled' ? 1 : 0);

    const twice = await Promise.all([destroy(ctx, ids.mother!).catch((e: Error) => e), destroy(ctx, ids.mother!).catch((e: Error) => e)]);
    // The mother is under the litigation hold placed earlier: both are refused alike, nothing half done.
    assert.ok(twice.every((r) => r instanceof Error && /legal hold/.test(r.message)));
    await t.db.updateTable('retention_holds').set({ released_at: new Date(), released_by: officer.id, release_reason: 'Claim settled' }).where('person_id', '=', ids.mother!).execute();
    const results = await Promise.all([destroy(ctx, ids.mother!), destroy(ctx, ids.mother!)]);
    assert.deepEqual(results.map((r) => r.replayed).sort(), [false, true]);
    assert.equal(results[0]!.destructionId, results[1]!.destructionId);
  });
});
