import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { type Connection, openDatabase } from '../db/connection.ts';
import { fingerprint, unmigratedDatabase } from '../../test/support/backup-files.ts';
import { testDatabase, testEngine } from '../../test/support/database.ts';
import { runCliForTest } from './run.test-support.ts';

describe('the backup and restore commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-backup-cli-'));
  const file = join(dir, 'cairn.backup.gz');
  let source: Connection;
  let sourcePrint: Record<string, string>;

  const run = runCliForTest;
  const noDatabase = async (): Promise<Connection> => assert.fail('this command should not open the database');

  before(async () => {
    // A small fixture: an agency, a user and their audit entry, beside the defaults migrations write.
    source = await testDatabase();
    const created = await run(['create-user', '--email', 'ops.lead@council.example', '--name', 'Ops Lead', '--agency', 'Brackenshire Council', '--role', 'administrator'], { open: async () => source });
    assert.equal(created.code, 0, created.err);
    sourcePrint = await fingerprint(source);
  });
  after(async () => {
    await source.close();
    // PGlite finishes closing a data directory a moment after close() resolves; removing it sooner upsets that.
    await delay(500);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists both commands in the help', async () => {
    const help = await run(['--help']);
    assert.match(help.out, /backup <file>/);
    assert.match(help.out, /restore <file>[\s\S]*--replace[\s\S]*--check/);
  });

  it('backs up to a new file, and says why when it will not', async () => {
    const missing = await run(['backup'], { open: noDatabase });
    assert.equal(missing.code, 1);
    assert.match(missing.err, /backup needs one file name/);
    const made = await run(['backup', file], { open: async () => source });
    assert.equal(made.code, 0, made.err);
    assert.match(made.out, /^Backed up \d+ tables \(\d+ rows, at migration \d{4}_\w+\) to .*cairn\.backup\.gz: [\d.]+ MB in [\d.]+ s\.$/);
    const again = await run(['backup', file], { open: async () => source });
    assert.equal(again.code, 1);
    assert.match(again.err, /^Error: There is already a file at .*a backup never overwrites another file\.$/);
  });

  it('checks a backup without opening a database, and refuses a missing file before making any database', async () => {
    const checked = await run(['restore', '--check', file], { open: noDatabase });
    assert.equal(checked.code, 0, checked.err);
    assert.match(checked.out, /is a complete, undamaged backup this version of Cairn can restore: \d+ tables, \d+ rows, made .* at migration/);
    const newDir = join(dir, 'never-made');
    const missing = await run(['restore', join(dir, 'missing.gz')], { env: { CAIRN_DATA_DIR: newDir } });
    assert.equal(missing.code, 1);
    assert.match(missing.err, /There is no file at/);
    assert.equal(existsSync(newDir), false);
  });

  it('restores into a new database, refuses it once it holds data, and replaces it when told to', async () => {
    // The embedded database the way an operator restores one: a new CAIRN_DATA_DIR, opened, migrated and closed by
    // the command itself. On PostgreSQL, a new schema nobody has migrated.
    const dataDir = join(dir, 'restored-data');
    const target = testEngine === 'embedded' ? null : await unmigratedDatabase('postgres');
    let reopened: Connection | undefined;
    try {
      const restored = target
        ? await target.schemaChanges(() => run(['restore', file], { open: async () => target }))
        : await run(['restore', file], { env: { CAIRN_DATA_DIR: dataDir } });
      assert.equal(restored.code, 0, restored.err);
      assert.match(restored.out, /^Migrated the database to the backup's level \(\d+ migration\(s\)\)\.\nRestored \d+ tables \(\d+ rows, each table checked against the backup\) from /);

      // Opened once more (the restore closed the embedded one), so the next commands do not each open it again.
      const restoredDb = target ?? (reopened = await openDatabase({ engine: 'embedded', dataDir }));
      assert.deepEqual(await fingerprint(restoredDb), sourcePrint);
      const refused = await run(['restore', file], { open: async () => restoredDb });
      assert.equal(refused.code, 1);
      assert.match(refused.err, /already holds data \(in access_audit, agencies, users.*--replace/);
      await restoredDb.db.insertInto('agencies').values({ name: 'Only in this database', kind: 'early_help' }).execute();
      const replaced = await run(['restore', '--replace', file], { open: async () => restoredDb });
      assert.equal(replaced.code, 0, replaced.err);
      assert.deepEqual(await fingerprint(restoredDb), sourcePrint);
    } finally {
      await reopened?.close();
      await target?.close();
    }
  });
});
