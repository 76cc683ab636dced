import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';

describe('break-glass, alerts and who has seen a record', () => {
  let t: TestApp;
  let pat: TestClient;
  let manager: TestClient;
  let unknownChild: string;
  let otherChild: string;
  let morganId: string;

  before(async () => {
    t = await testApp({ children: 20 });
    // Children the school (Pat Quinn's agency) is not involved with, and that are not restricted.
    const rows = await sql<{ id: string }>`
      SELECT p.id FROM people p
      WHERE p.person_type = 'child' AND NOT p.restricted
        AND NOT EXISTS (SELECT 1 FROM involvements i JOIN agencies a ON a.id = i.agency_id
                        WHERE i.person_id = p.id AND a.name = 'Fernhollow Academy')
      ORDER BY p.id LIMIT 2`.execute(t.db);
    assert.equal(rows.rows.length, 2, 'the demo data has children the school does not know');
    [unknownChild, otherChild] = rows.rows.map((r) => r.id) as [string, string];
    morganId = (await t.db.selectFrom('users').select('id').where('email', '=', 'morgan.hale@cairn.example').executeTakeFirstOrThrow()).id;
    pat = await t.client();
    await pat.signIn('pat.quinn@cairn.example');
    manager = await t.client();
    await manager.signIn('morgan.hale@cairn.example');
  });
  after(() => t.close());

  it('offers emergency access to a partner refused a record, and asks for a reason and a declaration', async () => {
    const refused = await pat.get(`/people/${unknownChild}`);
    assert.equal(refused.statusCode, 403);
    const form = await pat.get(`/people/${unknownChild}/break-glass`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Emergency access is recorded/);
    assert.match(form.body, /managers responsible for this record will be told/);
    const empty = await pat.post(`/people/${unknownChild}/break-glass`, { reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /Enter why you need emergency access to this record/);
    assert.match(empty.body, /Confirm that you have an urgent safeguarding reason/);
    const short = await pat.post(`/people/${unknownChild}/break-glass`, { reason: 'urgent', declaration: 'yes' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Reason must be 10 characters or more/);
    assert.match(short.body, />urgent<\/textarea>/);
    const grants = await t.db.selectFrom('break_glass').select('id').where('person_id', '=', unknownChild).execute();
    assert.equal(grants.length, 0);
  });

  it('opens the record with a reason, audits it, and alerts the record’s manager', async () => {
    const reason = 'Child disclosed harm at school today and may not be safe going home';
    const opened = await pat.post(`/people/${unknownChild}/break-glass`, { reason, declaration: 'yes' });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, `/people/${unknownChild}`);

    const grant = await t.db.selectFrom('break_glass').selectAll().where('person_id', '=', unknownChild).executeTakeFirstOrThrow();
    assert.equal(grant.reason, reason);
    const hours = (grant.expires_at.getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 7.9 && hours <= 8, 'expires after the configured hours');

    const audit = await t.db.selectFrom('access_audit').selectAll().where('person_id', '=', unknownChild).where('action', '=', 'person.break_glass').executeTakeFirstOrThrow();
    assert.equal(audit.outcome, 'break_glass');
    assert.equal(audit.reason, reason);

    const view = await pat.get(`/people/${unknownChild}`);
    assert.equal(view.statusCode, 200);
    const viewed = await t.db.selectFrom('access_audit').select('outcome').where('person_id', '=', unknownChild).where('action', '=', 'person.view').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(viewed.outcome, 'break_glass');

    const alerts = await t.db.selectFrom('alerts').selectAll().where('person_id', '=', unknownChild).execute();
    assert.ok(alerts.some((a) => a.user_id === morganId && a.kind === 'break_glass'));
    assert.match(alerts[0]!.message, /Pat Quinn \(Fernhollow Academy\) used emergency access/);
    assert.match(alerts[0]!.message, /may not be safe going home/);
  });

  it('shows the manager their alerts, newest first, and marks them read', async () => {
    const page = await manager.get('/alerts');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Pat Quinn \(Fernhollow Academy\) used emergency access/);
    assert.match(page.body, /New/);
    assert.match(page.body, /Alerts \(1 new\)/, 'the navigation counts unread alerts');
    const alert = await t.db.selectFrom('alerts').select('id').where('user_id', '=', morganId).executeTakeFirstOrThrow();
    assert.equal((await pat.post(`/alerts/${alert.id}/read`)).statusCode, 303);
    const untouched = await t.db.selectFrom('alerts').select('read_at').where('id', '=', alert.id).executeTakeFirstOrThrow();
    assert.equal(untouched.read_at, null, 'nobody can mark someone else’s alert');
    assert.equal((await manager.post(`/alerts/${alert.id}/read`)).statusCode, 303);
    const read = await t.db.selectFrom('alerts').select('read_at').where('id', '=', alert.id).executeTakeFirstOrThrow();
    assert.ok(read.read_at);
    assert.doesNotMatch((await manager.get('/alerts')).body, /Alerts \(\d+ new\)/);
    assert.match((await pat.get('/alerts')).body, /You have no alerts/);
  });

  it('lets the manager see who has seen the record, including the emergency access and its reason', async () => {
    const page = await manager.get(`/people/${unknownChild}/viewers`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Who has seen this record/);
    assert.match(page.body, /Pat Quinn/);
    assert.match(page.body, /Emergency access/);
    assert.match(page.body, /Refused/);
    assert.match(page.body, /may not be safe going home/);
    assert.match(page.body, /Used emergency access/);
    const audit = await t.db.selectFrom('access_audit').select('outcome').where('person_id', '=', unknownChild).where('action', '=', 'person.viewers').execute();
    assert.equal(audit.length, 1);
    assert.equal((await pat.get(`/people/${unknownChild}/viewers`)).statusCode, 403);
    const sam = await t.signedIn('sam.rowe@cairn.example');
    assert.equal((await sam.get(`/people/${unknownChild}/viewers`)).statusCode, 403, 'practitioners are not managers');
  });

  it('refuses break-glass to analysts, board members and administrators, and needs none for social care staff', async () => {
    for (const email of ['alex.brent@cairn.example', 'bea.tollard@cairn.example', 'ada.kerr@cairn.example']) {
      const client = await t.signedIn(email);
      assert.equal((await client.get(`/people/${otherChild}/break-glass`)).statusCode, 403, email);
      const post = await client.post(`/people/${otherChild}/break-glass`, { reason: 'I would like to see this record please', declaration: 'yes' });
      assert.equal(post.statusCode, 403, email);
      assert.equal((await client.api('POST', `/api/v1/people/${otherChild}/break-glass`, { reason: 'I would like to see this record please' })).statusCode, 403);
    }
    const grants = await t.db.selectFrom('break_glass').select('id').where('person_id', '=', otherChild).execute();
    assert.equal(grants.length, 0);
    const sam = await t.signedIn('sam.rowe@cairn.example');
    assert.equal((await sam.get(`/people/${otherChild}/break-glass`)).headers.location, `/people/${otherChild}`);
  });

  it('offers the same through the API, with validation as problem responses', async () => {
    const bad = await pat.api('POST', `/api/v1/people/${otherChild}/break-glass`, { reason: 'short' });
    assert.equal(bad.statusCode, 400);
    const refused = await pat.api('GET', `/api/v1/people/${otherChild}`);
    if (refused.statusCode === 403) assert.match(String(refused.json<{ breakGlass?: string }>().breakGlass), /break-glass/);
    const ok = await pat.api('POST', `/api/v1/people/${otherChild}/break-glass`, { reason: 'Police called about the child tonight' });
    assert.equal(ok.statusCode, 201);
    const body = ok.json<{ personId: string; expiresAt: string; managersTold: number }>();
    assert.equal(body.personId, otherChild);
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    assert.ok(body.managersTold >= 1);
    const audit = await t.db.selectFrom('access_audit').select(['outcome', 'reason']).where('person_id', '=', otherChild).where('action', '=', 'person.break_glass').executeTakeFirstOrThrow();
    assert.equal(audit.outcome, 'break_glass');
    assert.equal((await pat.api('POST', `/api/v1/people/not-a-uuid/break-glass`, { reason: 'Police called about the child tonight' })).statusCode, 400);
  });
});
