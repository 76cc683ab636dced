import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Connection } from '../../db/connection.ts';
import { BackupProblem, type BackupHeader, FORMAT, FORMAT_VERSION, LINE, TableDigest, type TableSummary } from './format.ts';
import { loadOrder } from './load-order.ts';
import { appliedMigrations, countRows, postgresVersion, readCatalogue, streamRows, useCanonicalText } from './repository.ts';

export interface BackupResult {
  file: string;
  tables: number;
  rows: number;
  bytes: number;
  lastMigration: string;
}

/** Progress through the rows, for a progress bar: done so far out of the total. */
export type Progress = (done: number, total: number) => void;

/**
 * Writes the whole database to a new gzip file from one snapshot: a REPEATABLE READ, READ ONLY transaction on
 * PostgreSQL (Cairn keeps running; later writes are simply not in the backup), the one connection on PGlite.
 * Rows stream through in batches. The file appears under its name only once complete and flushed to disk, and
 * only its owner may read it: it holds everything, personal data included.
 */
export async function writeBackup(connection: Connection, file: string, progress: Progress = () => {}): Promise<BackupResult> {
  if (existsSync(file)) throw new BackupProblem(`There is already a file at ${file}. Choose a new name: a backup never overwrites another file.`);
  if (!existsSync(dirname(file))) throw new BackupProblem(`There is no folder ${dirname(file)} to write the backup in.`);
  const partial = `${file}.partial-${process.pid}`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
  // A failure while writing surfaces where the rows are written; this keeps it from also being reported unhandled.
  written.catch(() => {});
  const fileDigest = createHash('sha256');
  const write = async (line: string, digested = true) => {
    if (digested) fileDigest.update(line).update('\n');
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), written]);
  };

  try {
    const result = await connection.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await useCanonicalText(trx);
        const migrations = await appliedMigrations(trx, connection.schema);
        if (!migrations.length) throw new BackupProblem('This database has never been migrated: there is no Cairn data in it to back up.');
        const catalogue = await readCatalogue(trx, connection.schema);
        const byName = new Map(catalogue.tables.map((t) => [t.name, t]));
        const order = loadOrder([...byName.keys()], catalogue.foreignKeys).map((name) => byName.get(name)!);
        const header: BackupHeader = {
          format: FORMAT,
          version: FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          engine: connection.engine,
          postgres: await postgresVersion(trx),
          migrations: [...migrations].sort((a, b) => a.localeCompare(b)),
          tables: order.map((t) => ({ name: t.name, columns: t.columns.map(({ name, type }) => ({ name, type })) })),
        };
        let total = 0;
        for (const table of order) total += await countRows(trx, connection.schema, table.name);
        let done = 0;
        progress(done, total);

        await write(`${LINE.header}${JSON.stringify(header)}`);
        const summaries: TableSummary[] = [];
        for (const table of order) {
          await write(`${LINE.table}${JSON.stringify({ name: table.name })}`);
          const digest = new TableDigest();
          await streamRows(trx, connection.schema, table, async (lines) => {
            for (const line of lines) {
              digest.add(line);
              await write(line);
            }
            done += lines.length;
            progress(done, total);
          });
          const summary = digest.summary(table.name);
          summaries.push(summary);
          await write(`${LINE.end}${JSON.stringify(summary)}`);
        }
        await write(`${LINE.complete}${JSON.stringify({ tables: summaries, sha256: fileDigest.digest('hex') })}`, false);
        return { tables: order.length, rows: done, lastMigration: header.migrations.at(-1)! };
      });
    gzip.end();
    await written;
    await flushToDisk(partial);
    if (existsSync(file)) throw new BackupProblem(`A file appeared at ${file} while the backup was being written; the backup was not put there.`);
    await rename(partial, file);
    return { file, ...result, bytes: (await stat(file)).size };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await unlink(partial).catch(() => {});
    throw error;
  }
}

async function flushToDisk(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
