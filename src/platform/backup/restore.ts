import type { Connection } from '../../db/connection.ts';
import { migrateUpTo, migrationNames } from '../../db/migrate.ts';
import { type BackupHeader, type BackupManifest, BackupProblem, lastMigration, summaryDifference, TableDigest } from './format.ts';
import { readBackupFile } from './file-reader.ts';
import { keysToSuspend } from './load-order.ts';
import {
  addForeignKey,
  appliedMigrations,
  type Catalogue,
  dropForeignKey,
  emptyTables,
  hasRows,
  insertRows,
  readCatalogue,
  resetSequence,
  setUserTriggers,
  streamRows,
  useCanonicalText,
} from './repository.ts';

/**
 * Tables a migration fills with defaults (the threshold document, forecast costs): a freshly migrated database has
 * rows in them and is still empty. A later migration that fills another table must be added here, or restoring into
 * a new database would be refused as though it held data (the restore tests check that it is not).
 */
export const FILLED_BY_MIGRATIONS = [
  'threshold_levels', 'threshold_domains', 'threshold_descriptors', 'forecast_unit_costs', 'forecast_settings', 'retention_rules',
  'audit_templates', 'audit_template_questions', 'section11_standards',
  'practice_tools', 'practice_tool_domains', 'practice_tool_items', 'practice_tool_bands', 'dataset_settings',
];

export interface RestoreOptions {
  /** Put the backup in place of whatever the database holds, the access audit included. */
  replace?: boolean;
  /** `checkBackupFile`'s answer when the caller has already checked the file (before opening the database). */
  checked?: Awaited<ReturnType<typeof checkBackupFile>>;
}

export interface RestoreResult {
  header: BackupHeader;
  tables: number;
  rows: number;
  /** Migrations applied to bring the database to the backup's level before loading. */
  migrated: string[];
  /** Migrations this Cairn knows beyond the backup's level: `migrate` (or starting Cairn) applies them. */
  behind: string[];
}

/** The file is sound, but the database or the backup's level says no. Nothing has been changed. */
export class RestoreRefused extends BackupProblem {}

/** Reads the whole file and checks it, without a database: what `restore --check` does, and restore's first step. */
export async function checkBackupFile(file: string): Promise<{ header: BackupHeader; manifest: BackupManifest }> {
  let header: BackupHeader | undefined;
  for await (const event of readBackupFile(file)) {
    if (event.kind === 'header') {
      header = event.header;
      refuseNewerSchema(header);
    }
    if (event.kind === 'complete') return { header: header!, manifest: event.manifest };
  }
  throw new Error('A backup that was read to its end must have a manifest');
}

/**
 * Restores a backup into an empty database (or, with `replace`, over one in use). The file is checked through
 * before anything is touched; the database is brought to the backup's migration level; then every table is
 * emptied and loaded, foreign keys are checked, sequences moved on and every table's rows compared with the
 * manifest, all in one transaction, so any failure leaves the database exactly as it was.
 */
export async function restoreBackup(connection: Connection, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const { db, schema } = connection;
  const { header, manifest } = options.checked ?? (await checkBackupFile(file));
  const applied = new Set(await appliedMigrations(db, schema));
  const past = [...applied].filter((m) => !header.migrations.includes(m));
  if (past.length) {
    throw new RestoreRefused(
      `This database has been migrated past the backup (it has ${past.join(', ')}; the backup was made at ${lastMigration(header)}). ` +
        'Restore into a new, empty database instead: a new PostgreSQL database, or for the embedded database a new CAIRN_DATA_DIR.',
    );
  }
  if (applied.size && !options.replace) await refuseIfInUse(connection, await readCatalogue(db, schema));

  const migrated = header.migrations.some((m) => !applied.has(m)) ? await migrateUpTo(db, lastMigration(header), schema) : [];
  const nowApplied = await appliedMigrations(db, schema);
  if (nowApplied.length !== header.migrations.length || nowApplied.some((m) => !header.migrations.includes(m))) {
    throw new RestoreRefused(`This database cannot be brought to exactly the backup's migrations (${header.migrations.join(', ')}).`);
  }
  const catalogue = await readCatalogue(db, schema);
  refuseDifferentTables(header, catalogue);

  try {
    const rows = await db.transaction().execute(async (trx) => {
      await useCanonicalText(trx);
      const target = { ...connection, db: trx };
      if (!options.replace) await refuseIfInUse(target, catalogue);
      return load(target, file, header, manifest, catalogue);
    });
    const known = migrationNames();
    return { header, tables: header.tables.length, rows, migrated, behind: known.filter((m) => !header.migrations.includes(m)).sort((a, b) => a.localeCompare(b)) };
  } catch (error) {
    if (error instanceof BackupProblem) throw error;
    throw new BackupProblem(`The restore failed and the database has been left as it was: ${(error as Error).message}`);
  }
}

async function load(target: Connection, file: string, header: BackupHeader, manifest: BackupManifest, catalogue: Catalogue): Promise<number> {
  const { db, schema } = target;
  const shapes = new Map(catalogue.tables.map((t) => [t.name, t]));
  const order = header.tables.map((t) => t.name);
  const suspended = keysToSuspend(order, catalogue.foreignKeys);

  await setUserTriggers(db, schema, catalogue.triggered, false);
  await emptyTables(db, schema, order);
  for (const key of suspended) await dropForeignKey(db, schema, key);
  // The file is read again rather than kept from the check: it may be far bigger than memory. The reader checks
  // it again as it goes, so a file changed since the check is caught too.
  for await (const event of readBackupFile(file)) {
    if (event.kind === 'rows') await insertRows(db, schema, shapes.get(event.table)!, event.lines);
  }
  for (const key of suspended) await addForeignKey(db, schema, key);
  await setUserTriggers(db, schema, catalogue.triggered, true);
  for (const sequence of catalogue.sequences) await resetSequence(db, schema, sequence);

  let rows = 0;
  for (const expected of manifest.tables) {
    const digest = new TableDigest();
    await streamRows(db, schema, shapes.get(expected.name)!, async (lines) => lines.forEach((line) => digest.add(line)));
    const difference = summaryDifference(expected, digest.summary(expected.name));
    if (difference) throw new BackupProblem(`After loading, ${difference}, so nothing has been restored: the database has been left as it was.`);
    rows += expected.rows;
  }
  // Everyone signs in again: a session signed out or revoked since the backup was made must not come back to life.
  await emptyTables(db, schema, ['sessions']);
  return rows;
}

function refuseNewerSchema(header: BackupHeader): void {
  const known = new Set(migrationNames());
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new RestoreRefused(`This backup was made by a newer Cairn (its database has the migration(s) ${unknown.join(', ')}, which this version does not know): upgrade Cairn first, then restore.`);
  }
}

async function refuseIfInUse(connection: Connection, catalogue: Catalogue): Promise<void> {
  const holding: string[] = [];
  for (const table of catalogue.tables) {
    if (!FILLED_BY_MIGRATIONS.includes(table.name) && (await hasRows(connection.db, connection.schema, table.name))) holding.push(table.name);
  }
  if (holding.length) {
    const named = holding.length > 5 ? `${holding.slice(0, 5).join(', ')} and ${holding.length - 5} more` : holding.join(', ');
    throw new RestoreRefused(
      `This database already holds data (in ${named}), so nothing has been restored. Restore into a new, empty database, ` +
        'or give --replace to discard everything in this one, the access audit included, and put the backup in its place.',
    );
  }
}

function refuseDifferentTables(header: BackupHeader, catalogue: Catalogue): void {
  const shape = (columns: { name: string; type: string }[]) => columns.map((c) => `${c.name} ${c.type}`).sort().join(', ');
  const here = new Map(catalogue.tables.map((t) => [t.name, shape(t.columns)]));
  const inBackup = new Map(header.tables.map((t) => [t.name, shape(t.columns)]));
  const differences = [
    ...[...inBackup.keys()].filter((t) => !here.has(t)).map((t) => `${t} is only in the backup`),
    ...[...here.keys()].filter((t) => !inBackup.has(t)).map((t) => `${t} is only in the database`),
    ...[...inBackup].filter(([t, columns]) => here.has(t) && here.get(t) !== columns).map(([t]) => `${t} has different columns`),
  ];
  if (differences.length) {
    throw new RestoreRefused(`The backup's tables do not match this database's at the same migration level (${differences.slice(0, 5).join('; ')}), so nothing has been restored.`);
  }
}
