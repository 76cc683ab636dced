import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { recordChronology } from './service.ts';

describe('a person’s chronology', () => {
  let t: TestApp;
  let sam: TestClient;
  let child: string;
  let police: string;
  let unshared: string;

  before(async () => {
    t = await testApp({ children: 5 });
    // Children of the test's own, so the demo's journeys add nothing to their chronologies or involvements.
    const [mine, other] = await t.db
      .insertInto('people')
      .values(['Chronology', 'Unshared'].map((family) => ({ person_type: 'child' as const, given_name: 'Test', family_name: family, date_of_birth: '2016-05-01', search_name: `test ${family.toLowerCase()}` })))
      .returning('id')
      .execute();
    child = mine!.id;
    unshared = other!.id;
    police = (await t.db.selectFrom('agencies').select('id').where('kind', '=', 'police').executeTakeFirstOrThrow()).id;
    const recorder = (await t.db.selectFrom('users').select('id').where('email', '=', 'sam.rowe@cairn.example').executeTakeFirstOrThrow()).id;
    await recordChronology(t.db, { personId: child, occurredAt: new Date('2026-03-10T10:00:00Z'), entryType: 'contact.received', summary: 'Police notification of a domestic incident', agencyId: police, recordedBy: recorder });
    await recordChronology(t.db, { personId: child, occurredAt: new Date('2026-04-02T15:30:00Z'), entryType: 'threshold.decision', summary: 'Referred to children’s social care', agencyId: null, recordedBy: recorder });
    for (let i = 0; i < 55; i++) {
      await recordChronology(t.db, { personId: child, occurredAt: new Date(Date.UTC(2025, 0, 1 + i, 9)), entryType: 'note.added', summary: `Case note ${i + 1}`, agencyId: null, recordedBy: recorder });
    }
    sam = await t.client();
    await sam.signIn('sam.rowe@cairn.example');
  });
  after(() => t.close());

  it('lists entries newest first with type, summary, agency and who recorded them, and audits the view', async () => {
    const page = await sam.get(`/people/${child}/chronology`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chronology/);
    assert.match(page.body, /57 entries/);
    const threshold = page.body.indexOf('Referred to children’s social care');
    const contact = page.body.indexOf('Police notification of a domestic incident');
    assert.ok(threshold > 0 && contact > threshold, 'newest first');
    assert.match(page.body, /Threshold decision/);
    assert.match(page.body, /Brackenshire Police/);
    assert.match(page.body, /10 March 2026 at 10:00/);
    assert.match(page.body, /Sam Rowe/);
    assert.match(page.body, /govuk-pagination/);
    assert.doesNotMatch(page.body, /Case note 1</, 'the oldest entries are on page two');
    const page2 = await sam.get(`/people/${child}/chronology?page=2`);
    assert.match(page2.body, /Case note 1</);
    const audit = await t.db.selectFrom('access_audit').select('outcome').where('person_id', '=', child).where('action', '=', 'person.view').execute();
    assert.ok(audit.length >= 2 && audit.every((a) => a.outcome === 'allowed'));
  });

  it('filters by type, agency and dates', async () => {
    const byType = await sam.get(`/people/${child}/chronology?type=contact.received`);
    assert.match(byType.body, /1 entry match/);
    assert.match(byType.body, /Police notification/);
    const byAgency = await sam.get(`/people/${child}/chronology?agency=${police}`);
    assert.match(byAgency.body, /1 entry match/);
    const byDate = await sam.get(`/people/${child}/chronology?from-day=1&from-month=4&from-year=2026&to-day=2&to-month=4&to-year=2026`);
    assert.match(byDate.body, /1 entry match/);
    assert.match(byDate.body, /Referred to children’s social care/);
  });

  it('shows date errors with an error summary and keeps what was typed', async () => {
    const notReal = await sam.get(`/people/${child}/chronology?from-day=31&from-month=2&from-year=2026`);
    assert.equal(notReal.statusCode, 400);
    assert.match(notReal.body, /There is a problem/);
    assert.match(notReal.body, /Date from must be a real date/);
    assert.match(notReal.body, /value="31"/);
    const partial = await sam.get(`/people/${child}/chronology?to-day=3&to-year=2026`);
    assert.match(partial.body, /Date to must include a month/);
    const backwards = await sam.get(`/people/${child}/chronology?from-day=2&from-month=4&from-year=2026&to-day=1&to-month=4&to-year=2026`);
    assert.match(backwards.body, /Date to must be the same as or after date from/);
    assert.doesNotMatch(backwards.body, /Referred to children’s social care/);
  });

  it('is refused to those who may not see the record, and to roles that never see records', async () => {
    const pat = await t.signedIn('pat.quinn@cairn.example');
    const refused = await pat.get(`/people/${unshared}/chronology`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /request emergency access/);
    const alex = await t.signedIn('alex.brent@cairn.example');
    assert.equal((await alex.get(`/people/${child}/chronology`)).statusCode, 403);
    assert.equal((await sam.get('/people/00000000-0000-4000-8000-000000000000/chronology')).statusCode, 404);
    assert.equal((await sam.get('/people/nonsense/chronology')).statusCode, 404);
  });
});
