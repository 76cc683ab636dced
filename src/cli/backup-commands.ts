import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Connection } from '../db/connection.ts';
import { writeBackup } from '../platform/backup/backup.ts';
import { BackupProblem, lastMigration } from '../platform/backup/format.ts';
import { checkBackupFile, restoreBackup } from '../platform/backup/restore.ts';
import { progressBar } from './progress.ts';

export const BACKUP_USAGE = `  backup <file>           Write the whole database to a new gzip file (one format for both engines)
                          from one consistent snapshot. On PostgreSQL Cairn may keep running; stop
                          it first for the embedded database. The file holds personal data: only its
                          owner may read it; keep it as securely as the database. Never overwrites.
  restore <file>          Put a backup into an empty database (a new PostgreSQL database or a new
                          CAIRN_DATA_DIR); stop Cairn first. The whole file is checked before anything
                          is touched; the database is migrated to the backup's level, then loaded and
                          checked table by table against the backup in one transaction: if anything
                          fails, nothing changes. Refuses a backup made by a newer Cairn, and a
                          database that already holds data.
      --replace               Discard everything the database holds, the access audit included
                              (entries made since the backup are lost), and put the backup in its
                              place. Back the database up first.
      --check                 Only check the file (complete, undamaged, restorable by this version);
                              no database is opened.`;

/** Rows from which a backup shows its progress. */
const LARGE = 100_000;

type WithDatabase = (work: (connection: Connection) => Promise<void>) => Promise<void>;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

function fileArgument(command: string, args: string[], options: Record<string, { type: 'boolean' }>) {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new BackupProblem(`${command} needs one file name, like: npm run cairn -- ${command} cairn-2026-12-05.backup.gz`);
  return { file: resolve(positionals[0]!), values: values as Record<string, boolean | undefined> };
}

export async function backupCommand(args: string[], io: Io, withDatabase: WithDatabase): Promise<void> {
  const { file } = fileArgument('backup', args, {});
  await withDatabase(async (connection) => {
    const started = Date.now();
    const bar = progressBar('rows', io.err);
    // A database the size of the demo is backed up in seconds; a bar is only worth showing for a large one.
    const result = await writeBackup(connection, file, (done, total) => total >= LARGE && bar(done, total));
    io.out(
      `Backed up ${result.tables} tables (${count(result.rows)} rows, at migration ${result.lastMigration}) to ${result.file}: ` +
        `${megabytes(result.bytes)} in ${seconds(started)}.`,
    );
  });
}

export async function restoreCommand(args: string[], io: Io, withDatabase: WithDatabase): Promise<void> {
  const { file, values } = fileArgument('restore', args, { replace: { type: 'boolean' }, check: { type: 'boolean' } });
  if (values.check && values.replace) throw new BackupProblem('Give either --check or --replace, not both.');
  // Checked before the database is opened: opening an embedded one that is not there yet would make it.
  const checked = await checkBackupFile(file);
  if (values.check) {
    const { header, manifest } = checked;
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    io.out(`${file} is a complete, undamaged backup this version of Cairn can restore: ${manifest.tables.length} tables, ${count(rows)} rows, made ${header.createdAt} at migration ${lastMigration(header)}.`);
    return;
  }
  await withDatabase(async (connection) => {
    const started = Date.now();
    const result = await restoreBackup(connection, file, { replace: values.replace === true, checked });
    if (result.migrated.length) io.out(`Migrated the database to the backup's level (${result.migrated.length} migration(s)).`);
    io.out(
      `Restored ${result.tables} tables (${count(result.rows)} rows, each table checked against the backup) from ${file}, ` +
        `made ${result.header.createdAt}, in ${seconds(started)}.`,
    );
    if (result.behind.length) {
      io.out(`The backup is ${result.behind.length} migration(s) behind this version of Cairn: starting Cairn (or npm run cairn -- migrate) brings it up to date.`);
    }
  });
}

const count = (n: number) => n.toLocaleString('en-GB');
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
