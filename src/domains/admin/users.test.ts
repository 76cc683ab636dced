import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';

const ADMIN = 'ada.kerr@cairn.example';

describe('user administration', () => {
  let t: TestApp;
  let admin: TestClient;
  let agencies: { id: string; name: string }[];
  let teams: { id: string; agency_id: string; name: string }[];
  const csc = () => agencies.find((a) => a.name.includes('Social Care'))!;
  const school = () => agencies.find((a) => a.name === 'Fernhollow Academy')!;
  const teamOf = (agencyId: string) => teams.find((tm) => tm.agency_id === agencyId)!;

  before(async () => {
    t = await testApp({ children: 5 });
    admin = await t.client();
    await admin.signIn(ADMIN);
    agencies = await t.db.selectFrom('agencies').select(['id', 'name']).execute();
    teams = await t.db.selectFrom('teams').select(['id', 'agency_id', 'name']).execute();
  });
  after(() => t.close());

  const formFor = (page: string) => {
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(key, 'the form carries an idempotency key');
    return key;
  };

  it('refuses non-administrators', async () => {
    for (const email of ['sam.rowe@cairn.example', 'morgan.hale@cairn.example', 'alex.brent@cairn.example', 'pat.quinn@cairn.example']) {
      const client = await t.signedIn(email);
      for (const url of ['/admin/users', '/admin/users/new', '/admin/agencies', '/admin/audit', '/admin/audit.csv']) {
        assert.equal((await client.get(url)).statusCode, 403, `${email} ${url}`);
      }
      assert.equal((await client.post('/admin/users/new', { name: 'X', email: 'x@x.example', agencyId: csc().id, roles: 'practitioner' })).statusCode, 403);
    }
  });

  it('lists users with their agency, teams, roles and status, filtered by agency', async () => {
    const all = await admin.get('/admin/users');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Ada Kerr/);
    assert.match(all.body, /Pat Quinn/);
    assert.match(all.body, /Partner practitioner/);
    assert.match(all.body, /Active/);
    const filtered = await admin.get(`/admin/users?agency=${school().id}`);
    assert.match(filtered.body, /Pat Quinn/);
    assert.doesNotMatch(filtered.body, />Ada Kerr<\/a>/);
  });

  it('validates a new user, keeping what was typed', async () => {
    const missing = await admin.post('/admin/users/new', { name: 'Robin Vale', email: 'not-an-email', agencyId: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /There is a problem/);
    assert.match(missing.body, /Enter an email address in the correct format/);
    assert.match(missing.body, /Select at least one role/);
    assert.match(missing.body, /value="Robin Vale"/);
    const wrongTeam = await admin.post('/admin/users/new', { name: 'Robin Vale', email: 'robin.vale@cairn.example', agencyId: school().id, teamIds: teamOf(csc().id).id, roles: 'partner_practitioner' });
    assert.equal(wrongTeam.statusCode, 400);
    assert.match(wrongTeam.body, /Select only teams in the user’s agency/);
    const taken = await admin.post('/admin/users/new', { name: 'Someone', email: 'SAM.ROWE@cairn.example', agencyId: csc().id, roles: 'practitioner' });
    assert.match(taken.body, /A user with this email address already exists/);
  });

  it('adds a user, shows the temporary password once, makes them change it, and a double submit adds nobody else', async () => {
    const form = await admin.get('/admin/users/new');
    const key = formFor(form.body);
    const fields = { idempotencyKey: key, name: 'Robin Vale', email: 'robin.vale@cairn.example', agencyId: school().id, teamIds: teamOf(school().id).id, roles: ['partner_practitioner'] };
    const created = await admin.post('/admin/users/new', fields);
    assert.equal(created.statusCode, 200);
    const password = /<code>([^<]+)<\/code>/.exec(created.body)?.[1];
    assert.ok(password && password.length >= 16);
    const again = await admin.post('/admin/users/new', fields);
    assert.match(again.body, /This user has already been added/);
    assert.doesNotMatch(again.body, new RegExp(password));
    const rows = await t.db.selectFrom('users').select(['id', 'must_change_password']).where('email', '=', 'robin.vale@cairn.example').execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.must_change_password, true);
    const audit = await t.db.selectFrom('access_audit').selectAll().where('action', '=', 'user.create').where('resource_id', '=', rows[0]!.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.resource_type, 'user');

    const robin = await t.client();
    assert.equal((await robin.signIn('robin.vale@cairn.example', password)).statusCode, 302);
    assert.equal((await robin.get('/alerts')).headers.location, '/account/password');
  });

  it('refuses a stale edit with 409, showing both versions and overwriting nothing', async () => {
    const sam = (await t.db.selectFrom('users').select(['id', 'version']).where('email', '=', 'sam.rowe@cairn.example').executeTakeFirstOrThrow());
    const edit = await admin.get(`/admin/users/${sam.id}/edit`);
    assert.match(edit.body, new RegExp(`name="version" value="${sam.version}"`));
    const base = { name: 'Sam Rowe', email: 'sam.rowe@cairn.example', agencyId: csc().id, teamIds: teamOf(csc().id).id, roles: 'practitioner', version: String(sam.version) };
    const first = await admin.post(`/admin/users/${sam.id}/edit`, { ...base, name: 'Samantha Rowe' });
    assert.equal(first.statusCode, 303);
    const stale = await admin.post(`/admin/users/${sam.id}/edit`, { ...base, name: 'Sam Rowe-Smith' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /This record was changed by someone else/);
    assert.match(stale.body, /Sam Rowe-Smith/);
    assert.match(stale.body, /Samantha Rowe/);
    const saved = await t.db.selectFrom('users').select(['name', 'version']).where('id', '=', sam.id).executeTakeFirstOrThrow();
    assert.equal(saved.name, 'Samantha Rowe');
    assert.equal(saved.version, sam.version + 1);
  });

  it('stops administrators disabling themselves or dropping their own administrator role', async () => {
    const ada = await t.db.selectFrom('users').select(['id', 'version', 'agency_id']).where('email', '=', ADMIN).executeTakeFirstOrThrow();
    const base = { name: 'Ada Kerr', email: ADMIN, agencyId: ada.agency_id, version: String(ada.version) };
    const disable = await admin.post(`/admin/users/${ada.id}/edit`, { ...base, roles: 'administrator', disabled: 'yes' });
    assert.equal(disable.statusCode, 400);
    assert.match(disable.body, /You cannot disable your own account/);
    const demote = await admin.post(`/admin/users/${ada.id}/edit`, { ...base, roles: 'practitioner' });
    assert.match(demote.body, /You cannot remove your own administrator role/);
    const after = await t.db.selectFrom('users').select(['roles', 'disabled']).where('id', '=', ada.id).executeTakeFirstOrThrow();
    assert.deepEqual(after.roles, ['administrator']);
    assert.equal(after.disabled, false);
  });

  it('disabling a user signs them out at once', async () => {
    const jo = await t.signedIn('jo.nyland@cairn.example');
    assert.equal((await jo.get('/account/password')).statusCode, 200);
    const user = await t.db.selectFrom('users').select(['id', 'version', 'agency_id']).where('email', '=', 'jo.nyland@cairn.example').executeTakeFirstOrThrow();
    const saved = await admin.post(`/admin/users/${user.id}/edit`, { name: 'Jo Nyland', email: 'jo.nyland@cairn.example', agencyId: user.agency_id, roles: 'partner_practitioner', disabled: 'yes', version: String(user.version) });
    assert.equal(saved.statusCode, 303);
    assert.equal((await jo.get('/account/password')).statusCode, 302);
    const sessions = await t.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute();
    assert.equal(sessions.length, 0);
    assert.match((await admin.get('/admin/users')).body, /Disabled/);
    const audit = await t.db.selectFrom('access_audit').select('action').where('resource_id', '=', user.id).execute();
    assert.ok(audit.some((a) => a.action === 'user.disable'));
  });

  it('an administrator’s reset unlocks the account, signs it out and forces a new password', async () => {
    const lee = await t.db.selectFrom('users').select('id').where('email', '=', 'lee.marsh@cairn.example').executeTakeFirstOrThrow();
    await t.db.updateTable('users').set({ locked_until: new Date(Date.now() + 3_600_000) }).where('id', '=', lee.id).execute();
    assert.match((await admin.get(`/admin/users/${lee.id}/edit`)).body, /Unlock account/);
    assert.equal((await admin.get(`/admin/users/${lee.id}/reset-password`)).statusCode, 200);
    const reset = await admin.post(`/admin/users/${lee.id}/reset-password`);
    assert.equal(reset.statusCode, 200);
    const password = /<code>([^<]+)<\/code>/.exec(reset.body)?.[1];
    assert.ok(password);
    const row = await t.db.selectFrom('users').select(['must_change_password', 'locked_until']).where('id', '=', lee.id).executeTakeFirstOrThrow();
    assert.equal(row.must_change_password, true);
    assert.equal(row.locked_until, null);
    const client = await t.client();
    assert.equal((await client.signIn('lee.marsh@cairn.example')).statusCode, 401, 'the old password no longer works');
    assert.equal((await client.signIn('lee.marsh@cairn.example', password)).statusCode, 302);
    assert.equal((await client.get('/admin/users')).headers.location, '/account/password');
  });

  it('unlocks a locked account', async () => {
    const chris = await t.db.selectFrom('users').select('id').where('email', '=', 'chris.varley@cairn.example').executeTakeFirstOrThrow();
    await t.db.updateTable('users').set({ locked_until: new Date(Date.now() + 3_600_000), failed_sign_ins: 0 }).where('id', '=', chris.id).execute();
    const unlocked = await admin.post(`/admin/users/${chris.id}/unlock`);
    assert.equal(unlocked.statusCode, 303);
    const row = await t.db.selectFrom('users').select('locked_until').where('id', '=', chris.id).executeTakeFirstOrThrow();
    assert.equal(row.locked_until, null);
    assert.match((await admin.get(unlocked.headers.location as string)).body, /The account has been unlocked/);
  });
});
