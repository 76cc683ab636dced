import { type Kysely, sql } from 'kysely';
import type { ForeignKey } from './load-order.ts';

// The backup reads and writes every table whatever its shape, so it works below the typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Kysely's own bookkeeping: its content is the migration list in the backup's header, not rows. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export interface TableShape {
  name: string;
  columns: { name: string; type: string; generated: boolean }[];
  /** Primary key columns in key order; text-like ones are sorted byte-wise, so every engine and locale agrees. */
  key: { name: string; collatable: boolean }[];
}

export interface Catalogue {
  tables: TableShape[];
  foreignKeys: ForeignKey[];
  /** Tables with triggers of Cairn's own (the access audit's append-only guard), switched off while loading. */
  triggered: string[];
  sequences: { table: string; column: string; sequence: string }[];
}

/**
 * Fixes how values are written as text for this transaction only, so the same rows read the same on every engine
 * and server: checksums are taken over that text.
 */
export async function useCanonicalText(db: AnyDb): Promise<void> {
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(db);
  await sql`SET LOCAL IntervalStyle = 'postgres'`.execute(db);
  await sql`SET LOCAL extra_float_digits = 1`.execute(db);
  await sql`SET LOCAL statement_timeout = 0`.execute(db);
}

export async function postgresVersion(db: AnyDb): Promise<string> {
  const { rows } = await sql<{ version: string }>`SELECT version() AS version`.execute(db);
  return rows[0]!.version;
}

/** The migrations applied, by name; none if the database has never been migrated. */
export async function appliedMigrations(db: AnyDb, schema: string): Promise<string[]> {
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass(${`${quoteIdent(schema)}.kysely_migration`}) IS NOT NULL AS present`.execute(db);
  if (!rows[0]!.present) return [];
  const applied = await sql<{ name: string }>`SELECT name FROM ${sql.id(schema, 'kysely_migration')}`.execute(db);
  return applied.rows.map((r) => r.name);
}

export async function readCatalogue(db: AnyDb, schema: string): Promise<Catalogue> {
  const columns = await sql<{ table: string; name: string; type: string; generated: boolean }>`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated <> '' AS generated
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname NOT IN (${sql.join(MIGRATOR_TABLES)})
    ORDER BY c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table: string; name: string; collatable: boolean }>`
    SELECT c.relname AS table, a.attname AS name, a.attcollation <> 0 AS collatable
    FROM pg_constraint p
    JOIN pg_class c ON c.oid = p.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = ${schema} AND p.contype = 'p'
    ORDER BY c.relname, k.position`.execute(db);
  const foreignKeys = await sql<ForeignKey>`
    SELECT p.conname AS name, c.relname AS child, f.relname AS parent, pg_get_constraintdef(p.oid) AS definition
    FROM pg_constraint p
    JOIN pg_class c ON c.oid = p.conrelid
    JOIN pg_class f ON f.oid = p.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND p.contype = 'f'
    ORDER BY c.relname, p.conname`.execute(db);
  const triggered = await sql<{ table: string }>`
    SELECT DISTINCT c.relname AS table
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND NOT t.tgisinternal
    ORDER BY c.relname`.execute(db);
  const sequences = await sql<{ table: string; column: string; sequence: string | null }>`
    SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      AND (a.attidentity <> '' OR pg_get_expr(
        (SELECT d.adbin FROM pg_attrdef d WHERE d.adrelid = c.oid AND d.adnum = a.attnum), c.oid) LIKE 'nextval(%')`.execute(db);

  const tables = new Map<string, TableShape>();
  for (const c of columns.rows) {
    const table = tables.get(c.table) ?? { name: c.table, columns: [], key: [] };
    table.columns.push({ name: c.name, type: c.type, generated: c.generated });
    tables.set(c.table, table);
  }
  for (const k of keys.rows) tables.get(k.table)?.key.push({ name: k.name, collatable: k.collatable });
  return {
    tables: [...tables.values()],
    foreignKeys: foreignKeys.rows.filter((k) => tables.has(k.child) && tables.has(k.parent)),
    triggered: triggered.rows.map((r) => r.table).filter((t) => tables.has(t)),
    sequences: sequences.rows.flatMap((s) => (s.sequence && tables.has(s.table) ? [{ table: s.table, column: s.column, sequence: s.sequence }] : [])),
  };
}

export async function countRows(db: AnyDb, schema: string, table: string): Promise<number> {
  const { rows } = await sql<{ count: string | number }>`SELECT count(*) AS count FROM ${sql.id(schema, table)}`.execute(db);
  return Number(rows[0]!.count);
}

export async function hasRows(db: AnyDb, schema: string, table: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.id(schema, table)}) AS present`.execute(db);
  return rows[0]!.present;
}

/**
 * Every row of a table as PostgreSQL's own JSON text, in primary key order, a batch at a time through a cursor,
 * so a table of any size streams. Must run inside a transaction (cursors live in one).
 */
export async function streamRows(db: AnyDb, schema: string, table: TableShape, onBatch: (lines: string[]) => Promise<void>, batchSize = 2000): Promise<void> {
  const order = table.key.length
    ? sql.join(table.key.map((k) => (k.collatable ? sql`r.${sql.id(k.name)} COLLATE "C"` : sql`r.${sql.id(k.name)}`)))
    : sql`to_jsonb(r.*)::text COLLATE "C"`;
  await sql`DECLARE cairn_backup_rows NO SCROLL CURSOR FOR
    SELECT to_jsonb(r.*)::text AS line FROM ${sql.id(schema, table.name)} AS r ORDER BY ${order}`.execute(db);
  try {
    for (;;) {
      const { rows } = await sql<{ line: string }>`FETCH FORWARD ${sql.raw(String(batchSize))} FROM cairn_backup_rows`.execute(db);
      if (rows.length) await onBatch(rows.map((r) => r.line));
      if (rows.length < batchSize) break;
    }
  } finally {
    await sql`CLOSE cairn_backup_rows`.execute(db);
  }
}

/** Inserts rows given as the JSON text `streamRows` wrote; PostgreSQL turns each value back into its column's type. */
export async function insertRows(db: AnyDb, schema: string, table: TableShape, lines: string[]): Promise<void> {
  const columns = sql.join(table.columns.filter((c) => !c.generated).map((c) => sql.id(c.name)));
  await sql`INSERT INTO ${sql.id(schema, table.name)} (${columns}) OVERRIDING SYSTEM VALUE
    SELECT ${columns} FROM jsonb_populate_recordset(NULL::${sql.id(schema, table.name)}, ${`[${lines.join(',')}]`}::jsonb)`.execute(db);
}

/** Empties every table in one statement (foreign keys among them are no obstacle then). */
export async function emptyTables(db: AnyDb, schema: string, tables: string[]): Promise<void> {
  // CASCADE: rows that exist only alongside these (a session's single sign-on details) go with them.
  if (tables.length) await sql`TRUNCATE ${sql.join(tables.map((t) => sql.id(schema, t)))} CASCADE`.execute(db);
}

/** Switches Cairn's own triggers off or on again, inside the restore's transaction only. */
export async function setUserTriggers(db: AnyDb, schema: string, tables: string[], enabled: boolean): Promise<void> {
  for (const table of tables) {
    await sql`ALTER TABLE ${sql.id(schema, table)} ${sql.raw(enabled ? 'ENABLE' : 'DISABLE')} TRIGGER USER`.execute(db);
  }
}

export async function dropForeignKey(db: AnyDb, schema: string, key: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.id(schema, key.child)} DROP CONSTRAINT ${sql.id(key.name)}`.execute(db);
}

/** Makes a dropped key again from its own definition; PostgreSQL checks every row against it as it does. */
export async function addForeignKey(db: AnyDb, schema: string, key: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.id(schema, key.child)} ADD CONSTRAINT ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(db);
}

/** Moves a sequence on past the highest value restored, so the next row does not collide with a restored one. */
export async function resetSequence(db: AnyDb, schema: string, target: { table: string; column: string; sequence: string }): Promise<void> {
  const highest = sql`(SELECT max(${sql.id(target.column)}) FROM ${sql.id(schema, target.table)})`;
  await sql`SELECT setval(${target.sequence}::regclass, COALESCE(${highest}, 1), ${highest} IS NOT NULL)`.execute(db);
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
