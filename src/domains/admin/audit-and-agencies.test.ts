import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { toCsv } from './audit-service.ts';

describe('agencies, teams and the access audit', () => {
  let t: TestApp;
  let admin: TestClient;
  let personId: string;

  before(async () => {
    t = await testApp({ children: 5 });
    admin = await t.client();
    await admin.signIn('ada.kerr@cairn.example');
    personId = (await t.db.selectFrom('people').select('id').executeTakeFirstOrThrow()).id;
    const pat = (await t.db.selectFrom('users').select('id').where('email', '=', 'pat.quinn@cairn.example').executeTakeFirstOrThrow()).id;
    await recordAccess(t.db, { userId: pat, action: 'person.view', outcome: 'denied', resourceType: 'person', resourceId: personId, personId });
    await recordAccess(t.db, { userId: pat, action: 'person.break_glass', outcome: 'break_glass', resourceType: 'person', resourceId: personId, personId, reason: '=HYPERLINK("http://evil.example")' });
  });
  after(() => t.close());

  it('adds an agency and a team, validating both', async () => {
    const empty = await admin.post('/admin/agencies/new', { name: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the agency’s name/);
    assert.match(empty.body, /Select the kind of agency/);
    const added = await admin.post('/admin/agencies/new', { name: 'Brackenshire Housing', kind: 'housing' });
    assert.equal(added.statusCode, 303);
    const duplicate = await admin.post('/admin/agencies/new', { name: 'brackenshire housing', kind: 'housing' });
    assert.match(duplicate.body, /An agency with this name already exists/);
    const agency = await t.db.selectFrom('agencies').select(['id', 'kind']).where('name', '=', 'Brackenshire Housing').executeTakeFirstOrThrow();
    assert.equal(agency.kind, 'housing');
    assert.equal((await admin.get(`/admin/agencies/${agency.id}/teams/new`)).statusCode, 200);
    const team = await admin.post(`/admin/agencies/${agency.id}/teams/new`, { name: 'Tenancy Support' });
    assert.equal(team.statusCode, 303);
    const dupTeam = await admin.post(`/admin/agencies/${agency.id}/teams/new`, { name: 'Tenancy support' });
    assert.match(dupTeam.body, /already has a team with this name/);
    const list = await admin.get('/admin/agencies');
    assert.match(list.body, /Brackenshire Housing/);
    assert.match(list.body, /Tenancy Support/);
    const audit = await t.db.selectFrom('access_audit').select('action').where('action', 'in', ['agency.create', 'team.create']).execute();
    assert.equal(audit.length, 2);
  });

  it('searches the audit by user, person, action, outcome and date, newest first', async () => {
    const all = await admin.get('/admin/audit');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Signed in/);
    const byUser = await admin.get('/admin/audit?email=PAT.QUINN%40cairn.example');
    assert.match(byUser.body, /2 entries/);
    assert.ok(byUser.body.indexOf('Used emergency access') < byUser.body.indexOf('Viewed the record'), 'newest first');
    const byOutcome = await admin.get(`/admin/audit?personId=${personId}&outcome=break_glass`);
    assert.match(byOutcome.body, /1 entry/);
    assert.match(byOutcome.body, /Emergency access/);
    const byAction = await admin.get('/admin/audit?action=person.view&outcome=denied');
    assert.match(byAction.body, /1 entry/);
    const today = new Date();
    const d = `from-day=${today.getUTCDate()}&from-month=${today.getUTCMonth() + 1}&from-year=${today.getUTCFullYear()}`;
    assert.match((await admin.get(`/admin/audit?${d}&email=pat.quinn%40cairn.example`)).body, /2 entries/);
    assert.match((await admin.get('/admin/audit?to-day=1&to-month=1&to-year=2020')).body, /0 entries/);
  });

  it('shows filter errors with an error summary', async () => {
    const bad = await admin.get('/admin/audit?email=nope&personId=123&from-day=30&from-month=2&from-year=2026&to-day=1&to-month=1');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /email address in the correct format/);
    assert.match(bad.body, /Enter a person id in the correct format/);
    assert.match(bad.body, /Date from must be a real date/);
    assert.match(bad.body, /Date to must include a year/);
    assert.match(bad.body, /value="nope"/);
    const backwards = await admin.get('/admin/audit?from-day=2&from-month=1&from-year=2026&to-day=1&to-month=1&to-year=2026');
    assert.match(backwards.body, /Date to must be the same as or after date from/);
    assert.equal((await admin.get('/admin/audit.csv?personId=123')).statusCode, 400);
  });

  it('exports the filtered entries as CSV, defuses spreadsheet formulas, and audits the export', async () => {
    const csv = await admin.get(`/admin/audit.csv?personId=${personId}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="access-audit-/);
    const lines = csv.body.trim().split('\r\n');
    assert.match(lines[0]!, /Time \(UTC\),User,Email address/);
    assert.equal(lines.length, 3);
    assert.match(csv.body, /"'=HYPERLINK\(""http:\/\/evil.example""\)"/);
    const exported = await t.db.selectFrom('access_audit').selectAll().where('action', '=', 'audit.export').executeTakeFirstOrThrow();
    assert.equal(exported.person_id, personId);
    assert.equal(exported.outcome, 'allowed');
    assert.equal(toCsv([]).trim(), lines[0]!.replace(/^\uFEFF/, ''));
  });
});
