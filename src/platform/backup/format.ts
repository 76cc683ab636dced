import { createHash, type Hash } from 'node:crypto';
import { z } from 'zod';

/**
 * The backup file: gzip-compressed UTF-8 text, one record a line, the same whichever engine wrote or reads it.
 *
 *   #cairn-backup {header}            format version, when, from which engine, migrations applied, tables and columns
 *   #table {"name":"agencies"}        then that table's rows, one JSON object a line (PostgreSQL's own to_jsonb)
 *   {"id":"…","name":"…",…}
 *   #end {"name":"agencies","rows":3,"sha256":"…"}
 *   …                                 every table in the header, in that order (parents before children)
 *   #complete {"tables":[…],"sha256":"…"}   the manifest: every table's rows and checksum, and a checksum of every
 *                                     line above it
 *
 * Counts and checksums come last because the rows are streamed in one pass from one snapshot: a manifest at the
 * front would mean reading the database twice or holding the whole backup on disk twice. Restore reads the file
 * through once to check it before it touches the database, so it has the manifest before loading anything.
 * Checksums detect damage (a bad disk, a copy cut short); they are not a signature against deliberate tampering.
 */
export const FORMAT = 'cairn-backup';
export const FORMAT_VERSION = 1;

export const LINE = {
  header: `#${FORMAT} `,
  table: '#table ',
  end: '#end ',
  complete: '#complete ',
} as const;

const column = z.object({ name: z.string().min(1), type: z.string().min(1) });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const headerSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  engine: z.enum(['embedded', 'postgres']),
  postgres: z.string(),
  /** Every migration applied to the database backed up, in the order Kysely applies them. */
  migrations: z.array(z.string().min(1)).min(1),
  tables: z.array(z.object({ name: z.string().min(1), columns: z.array(column).min(1) })),
});
export type BackupHeader = z.infer<typeof headerSchema>;
export type TableColumns = BackupHeader['tables'][number];

export const tableStartSchema = z.object({ name: z.string().min(1) });
export const tableSummarySchema = z.object({ name: z.string().min(1), rows: z.number().int().nonnegative(), sha256 });
export type TableSummary = z.infer<typeof tableSummarySchema>;
export const completeSchema = z.object({ tables: z.array(tableSummarySchema), sha256 });
export type BackupManifest = z.infer<typeof completeSchema>;

/** The backup's level: the last migration applied to the database it came from. */
export const lastMigration = (header: Pick<BackupHeader, 'migrations'>): string => header.migrations.at(-1)!;

/** Something an operator can put right, told in plain words (the command line prints the message alone). */
export class BackupProblem extends Error {}

/** The file cannot be used: missing, not a backup, damaged or cut short. Nothing has been changed. */
export class BackupFileError extends BackupProblem {}

/** A table's row count and checksum: SHA-256 over its rows' lines, each ending in a newline, in primary key order. */
export class TableDigest {
  rows = 0;
  readonly #hash: Hash = createHash('sha256');

  add(line: string): void {
    this.rows += 1;
    this.#hash.update(line).update('\n');
  }

  summary(name: string): TableSummary {
    return { name, rows: this.rows, sha256: this.#hash.digest('hex') };
  }
}

/** Compares what was found with what the manifest says; a description of the first difference, or null. */
export function summaryDifference(expected: TableSummary, found: TableSummary): string | null {
  if (expected.rows !== found.rows) return `the table ${expected.name} has ${found.rows} rows where the backup has ${expected.rows}`;
  if (expected.sha256 !== found.sha256) return `the rows of ${expected.name} do not match their checksum in the backup`;
  return null;
}
