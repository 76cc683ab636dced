import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Connection } from '../../db/connection.ts';
import { DEMO_CHILDREN, seedDemoIfEmpty } from '../../demo/seed.ts';
import { appliedMigrationNames, backupLines, fingerprint, forgeBackup, unmigratedDatabase } from '../../../test/support/backup-files.ts';
import { type Seed, testDatabase, testEngine } from '../../../test/support/database.ts';
import { writeBackup } from './backup.ts';
import { BackupFileError } from './format.ts';
import { FILLED_BY_MIGRATIONS, RestoreRefused, restoreBackup } from './restore.ts';

const demo: Seed = { name: `demo-${DEMO_CHILDREN}`, run: (db) => seedDemoIfEmpty(db, { children: DEMO_CHILDREN }).then(() => undefined) };
const crossEngine = testEngine === 'postgres' ? false : 'needs PostgreSQL as well as PGlite: it runs in the pg stage';

/** Rows a plain copy in primary key order could get wrong: a person merged into one recorded after them, awkward text. */
async function addAwkwardRows(connection: Connection) {
  const { db } = connection;
  const people = await db.selectFrom('people').select('id').orderBy('id').execute();
  await db.updateTable('people').set({ merged_into: people.at(-1)!.id, given_name: 'Zoë "Jo"\nO\'Brien ✓ \\ \t' }).where('id', '=', people[0]!.id).execute();
  const cases = await db.selectFrom('marac_cases').select('id').orderBy('id').execute();
  if (cases.length > 1) await db.updateTable('marac_cases').set({ repeat_of: cases.at(-1)!.id }).where('id', '=', cases[0]!.id).execute();
}

describe('backup and restore', () => {
  let source: Connection;
  let restored: Connection;
  let sourcePrint: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'cairn-backup-test-'));
  const file = join(dir, 'demo.backup.gz');

  before(async () => {
    source = await testDatabase(demo);
    await addAwkwardRows(source);
    sourcePrint = await fingerprint(source);
    // A session signed in after the fingerprint: the backup holds it, and a restore must not bring it back.
    const user = await source.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    await source.db.insertInto('sessions').values({ token_hash: 'restored-sessions-must-go', user_id: user.id, expires_at: new Date(Date.now() + 3_600_000) }).execute();
    restored = await testDatabase();
  });
  after(async () => {
    await source.close();
    await restored.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up the demo database to a new file only its owner may read, and never overwrites one', async (t) => {
    const started = Date.now();
    const backup = await writeBackup(source, file);
    t.diagnostic(`backup of the demo database (${backup.rows} rows) on ${testEngine}: ${Date.now() - started} ms, ${backup.bytes} bytes`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(backup.tables, Object.keys(sourcePrint).length);
    assert.ok(backup.rows > 5000, `the demo has thousands of rows (${backup.rows})`);
    await assert.rejects(writeBackup(source, file), /already a file/);
  });

  it('refuses a backup made by a newer Cairn, or older than a database migrated past it, leaving the database untouched', async () => {
    const before = await fingerprint(restored);
    const newer = join(dir, 'newer.gz');
    forgeBackup(file, newer, { header: (h) => void (h.migrations as string[]).push('9999_from_the_future') });
    await assert.rejects(restoreBackup(restored, newer), (e) => e instanceof RestoreRefused && /newer Cairn.*9999_from_the_future.*upgrade Cairn first/.test(e.message));
    const newerFormat = join(dir, 'newer-format.gz');
    forgeBackup(file, newerFormat, { header: (h) => void (h.version = 2) });
    await assert.rejects(restoreBackup(restored, newerFormat), /newer Cairn \(backup format 2.*upgrade Cairn first/);
    const older = join(dir, 'older.gz');
    forgeBackup(file, older, { header: (h) => void (h.migrations as string[]).pop() });
    await assert.rejects(restoreBackup(restored, older), (e) => e instanceof RestoreRefused && /migrated past the backup/.test(e.message));
    assert.deepEqual(await fingerprint(restored), before);
  });

  it('restores into a freshly migrated database (which holds only migrations\' defaults): every table the same, sequences moved on', async (t) => {
    for (const table of FILLED_BY_MIGRATIONS) {
      const { rows } = await sql<{ filled: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.id(table)}) AS filled`.execute(restored.db);
      assert.ok(rows[0]!.filled, `a migration fills ${table}`);
    }
    const started = Date.now();
    const result = await restoreBackup(restored, file);
    t.diagnostic(`restore on ${testEngine}: ${Date.now() - started} ms`);
    assert.deepEqual(result.migrated, []);
    assert.equal(result.tables, Object.keys(sourcePrint).length);
    assert.deepEqual(await fingerprint(restored), sourcePrint);

    const highest = await restored.db.selectFrom('access_audit').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    const next = await sql<{ id: string }>`INSERT INTO access_audit (action, outcome, resource_type) VALUES ('test.sequence', 'allowed', 'test') RETURNING id`.execute(restored.db);
    assert.equal(BigInt(next.rows[0]!.id), BigInt(highest.id!) + 1n);
    await assert.rejects(sql`DELETE FROM access_audit`.execute(restored.db), /append-only/, 'the audit is append-only again after a restore');
  });

  it('refuses a database that already holds data, unless told to replace it, and then replaces it whole', async () => {
    const before = await fingerprint(restored);
    await assert.rejects(restoreBackup(restored, file), (e) => e instanceof RestoreRefused && /already holds data \(in access_audit/.test(e.message) && /--replace/.test(e.message));
    assert.deepEqual(await fingerprint(restored), before);

    await restored.db.insertInto('agencies').values({ name: 'Only in the target', kind: 'early_help' }).execute();
    // A copy forged without a change restores like the original: the refusals that use forged files are refused
    // for what the files say, not for how they were made.
    const copy = join(dir, 'unchanged-copy.gz');
    forgeBackup(file, copy, {});
    await restoreBackup(restored, copy, { replace: true });
    assert.deepEqual(await fingerprint(restored), sourcePrint);
  });

  it('leaves the target untouched when the file is damaged, cut short or not a backup', async () => {
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    for (let i = Math.floor(flipped.length / 2); i < flipped.length / 2 + 8; i++) flipped[i] = flipped[i]! ^ 0xff;
    writeFileSync(join(dir, 'flipped.gz'), flipped);
    writeFileSync(join(dir, 'truncated.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    writeFileSync(join(dir, 'text.txt'), 'not a backup\n');
    // A row changed and the file compressed again: gzip finds nothing wrong, the table's checksum does.
    const lines = backupLines(file);
    const row = lines.indexOf('#table {"name":"agencies"}') + 1;
    assert.match(lines[row]!, /"version": 1/);
    lines[row] = lines[row]!.replace('"version": 1', '"version": 7');
    writeFileSync(join(dir, 'changed-row.gz'), gzipSync(`${lines.join('\n')}\n`));

    const before = await fingerprint(restored);
    const expectations: [string, RegExp][] = [
      ['flipped.gz', /damaged/],
      ['truncated.gz', /incomplete/],
      ['text.txt', /not a Cairn backup/],
      ['changed-row.gz', /damaged: the rows of agencies do not match their checksum/],
      ['missing.gz', /There is no file/],
    ];
    for (const [name, message] of expectations) {
      await assert.rejects(restoreBackup(restored, join(dir, name), { replace: true }), (e) => e instanceof BackupFileError && message.test(e.message), name);
    }
    assert.deepEqual(await fingerprint(restored), before);
  });

  it('rolls everything back when the rows loaded do not read back as the backup has them', async () => {
    // A sound file whose timestamp is written as PostgreSQL would never write it: it loads, but reads back differently.
    const odd = join(dir, 'odd-timestamp.gz');
    let changed = false;
    forgeBackup(file, odd, {
      row: (table, line) => {
        if (table !== 'agencies' || changed) return line;
        changed = true;
        return line.replace(/"created_at": "([^"]+)\+00:00"/, '"created_at": "$1Z"');
      },
    });
    assert.ok(changed);
    const before = await fingerprint(restored);
    await assert.rejects(restoreBackup(restored, odd, { replace: true }), /After loading, the rows of agencies do not match their checksum.*left as it was/);
    assert.deepEqual(await fingerprint(restored), before);
  });

  it('restores a backup made on PGlite into a never-migrated PostgreSQL database, and one made on PostgreSQL into PGlite', { skip: crossEngine }, async () => {
    const embedded = await testDatabase(demo, 'embedded');
    const unmigrated = await unmigratedDatabase('postgres');
    const intoEmbedded = await testDatabase(undefined, 'embedded');
    try {
      await addAwkwardRows(embedded);
      const fromEmbedded = join(dir, 'from-embedded.gz');
      await writeBackup(embedded, fromEmbedded);
      const result = await unmigrated.schemaChanges(() => restoreBackup(unmigrated, fromEmbedded));
      assert.deepEqual([...result.migrated].sort(), await appliedMigrationNames(embedded));
      assert.deepEqual(await fingerprint(unmigrated), await fingerprint(embedded), 'PGlite → PostgreSQL');

      await restoreBackup(intoEmbedded, file);
      assert.deepEqual(await fingerprint(intoEmbedded), sourcePrint, 'PostgreSQL → PGlite');
    } finally {
      await Promise.all([embedded.close(), unmigrated.close(), intoEmbedded.close()]);
    }
  });
});
