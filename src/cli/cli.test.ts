import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Connection } from '../db/connection.ts';
import { checkSignIn } from '../platform/auth/users.ts';
import { testDatabase } from '../../test/support/database.ts';
import { runCliForTest } from './run.test-support.ts';

describe('the cairn command line', () => {
  let database: Connection;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.close());

  const run = (argv: string[], stdin = '', env: NodeJS.ProcessEnv = { CAIRN_DATA_DIR: ':memory:' }) => runCliForTest(argv, { stdin, env, open: async () => database });
  const lockout = { attempts: 5, minutes: 15 };

  it('shows help, and refuses unknown commands and options with exit code 1', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /create-user/);
    assert.equal((await run([])).code, 1);
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /Unknown command "frobnicate"/);
    const badOption = await run(['create-user', '--emial', 'x@y.example']);
    assert.equal(badOption.code, 1);
    assert.match(badOption.err, /Error: .*emial/);
  });

  it('migrates: nothing left to apply on a migrated database', async () => {
    const result = await run(['migrate']);
    assert.equal(result.code, 0);
    assert.match(result.out, /already up to date/);
  });

  it('creates the first administrator and their agency, with a one-time password they must change', async () => {
    const result = await run(['create-user', '--email', 'First.Admin@council.example', '--name', 'First Admin', '--agency', 'Brackenshire Council', '--role', 'administrator']);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /Added the agency "Brackenshire Council"/);
    const password = /Temporary password[^:]*: (\S+)/.exec(result.out)?.[1];
    assert.ok(password);
    const user = await database.db.selectFrom('users').innerJoin('agencies', 'agencies.id', 'users.agency_id').select(['users.roles', 'users.must_change_password', 'agencies.kind']).executeTakeFirstOrThrow();
    assert.deepEqual(user.roles, ['administrator']);
    assert.equal(user.must_change_password, true);
    assert.equal(user.kind, 'social_care');
    assert.equal((await checkSignIn(database.db, 'first.admin@council.example', password, lockout)).outcome, 'signed_in');
    const audit = await database.db.selectFrom('access_audit').select('action').where('action', '=', 'user.create').execute();
    assert.equal(audit.length, 1);
  });

  it('uses an existing agency, takes a password from standard input, and refuses weak ones and duplicates', async () => {
    const weak = await run(['create-user', '--email', 'kim.ash@council.example', '--name', 'Kim Ash', '--agency', 'brackenshire council', '--role', 'manager', '--password-stdin'], 'password123\n');
    assert.equal(weak.code, 1);
    assert.match(weak.err, /not acceptable/);
    const ok = await run(['create-user', '--email', 'kim.ash@council.example', '--name', 'Kim Ash', '--agency', 'brackenshire council', '--role', 'manager', '--password-stdin'], 'lantern orchard pebble\n');
    assert.equal(ok.code, 0, ok.err);
    assert.doesNotMatch(ok.out, /Added the agency/);
    assert.doesNotMatch(ok.out, /lantern/);
    assert.equal((await checkSignIn(database.db, 'kim.ash@council.example', 'lantern orchard pebble', lockout)).outcome, 'signed_in');
    assert.equal((await database.db.selectFrom('agencies').select('id').execute()).length, 1);
    const again = await run(['create-user', '--email', 'KIM.ASH@council.example', '--name', 'Kim Ash', '--agency', 'Brackenshire Council', '--role', 'manager']);
    assert.equal(again.code, 1);
    assert.match(again.err, /already exists/);
  });

  it('checks its arguments', async () => {
    const missing = await run(['create-user', '--name', 'No Email', '--agency', 'X']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /--email is required/);
    const badRole = await run(['create-user', '--email', 'a@b.example', '--name', 'A B', '--agency', 'X', '--role', 'overlord']);
    assert.match(badRole.err, /--role must be one of/);
    const noRole = await run(['create-user', '--email', 'a@b.example', '--name', 'A B', '--agency', 'X']);
    assert.equal(noRole.code, 1);
    assert.match(noRole.err, /Give at least one --role/);
  });

  it('loads demo data only in demo mode and only into an empty database', async () => {
    const refused = await run(['seed-demo'], '', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /only loaded in demo mode/);
    const notEmpty = await run(['seed-demo']);
    assert.equal(notEmpty.code, 0);
    assert.match(notEmpty.out, /already has data/);
  });
});
