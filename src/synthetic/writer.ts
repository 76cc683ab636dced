import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/types.ts';

type Row = Record<string, unknown>;

/** A PostgreSQL array literal: every element quoted, so commas and quotes inside survive. */
const arrayLiteral = (values: unknown[]) => `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Queues rows and inserts them a table at a time as `INSERT … SELECT FROM unnest(text[], …)`: one statement with
 * one parameter per column for thousands of rows, on both engines, inside the caller's transaction. Values travel
 * as text and are cast to each column's type, so dates, arrays and booleans need no special handling.
 * Tables are written in the order they were first queued, so a parent queued before its children is written first.
 */
export class RowWriter {
  private readonly rows = new Map<string, Row[]>();
  private readonly columns = new Map<string, string[]>();
  private types: Map<string, Map<string, string>> | null = null;
  /** Rows written so far. */
  written = 0;

  constructor(private readonly batch = 5_000) {}

  add(table: string, row: Row): void {
    let list = this.rows.get(table);
    if (!list) {
      list = [];
      this.rows.set(table, list);
    }
    if (!this.columns.has(table)) this.columns.set(table, Object.keys(row));
    list.push(row);
  }

  queued(): number {
    let n = 0;
    for (const list of this.rows.values()) n += list.length;
    return n;
  }

  private pending: Promise<void> = Promise.resolve();

  /**
   * Sends what is queued and returns once the previous batch is in: the database inserts one batch while the
   * model builds the next. `drain` waits for the last.
   */
  async flush(db: Kysely<Database>): Promise<void> {
    this.types ??= await columnTypes(db);
    const batches: { table: string; columns: string[]; rows: Row[] }[] = [];
    for (const [table, list] of this.rows) {
      if (list.length) batches.push({ table, columns: this.columns.get(table)!, rows: list.splice(0) });
    }
    await this.pending;
    this.pending = this.insert(db, batches);
  }

  async drain(db: Kysely<Database>): Promise<void> {
    await this.flush(db);
    await this.pending;
  }

  private async insert(db: Kysely<Database>, batches: { table: string; columns: string[]; rows: Row[] }[]): Promise<void> {
    for (const { table, columns, rows: list } of batches) {
      const types = this.types!.get(table);
      if (!types) throw new Error(`No table called ${table}.`);
      for (let i = 0; i < list.length; i += this.batch) {
        const slice = list.slice(i, i + this.batch);
        const values = columns.map(() => [] as (string | null)[]);
        for (const row of slice) {
          const keys = Object.keys(row);
          if (keys.length !== columns.length) throw new Error(`${table}: every row must name the same columns (${columns.join(', ')}); one names ${keys.join(', ')}.`);
          for (let c = 0; c < columns.length; c++) values[c]!.push(text(row[columns[c]!]));
        }
        const casts = columns.map((column) => {
          const type = types.get(column);
          if (!type) throw new Error(`${table} has no column ${column}.`);
          return sql`${sql.ref(`u.${column}`)}::${sql.raw(type)}`;
        });
        await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
          SELECT ${sql.join(casts)} FROM unnest(${sql.join(values.map((v) => sql`${v}::text[]`))}) AS u(${sql.join(columns.map((c) => sql.ref(c)))})`.execute(db);
        this.written += slice.length;
      }
    }
  }
}

/** Each column's type as PostgreSQL spells it in a cast (uuid, date, text[], timestamp with time zone…). */
async function columnTypes(db: Kysely<Database>): Promise<Map<string, Map<string, string>>> {
  const { rows } = await sql<{ table_name: string; column_name: string; type: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = current_schema()`.execute(db);
  const types = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!types.has(r.table_name)) types.set(r.table_name, new Map());
    types.get(r.table_name)!.set(r.column_name, r.type);
  }
  return types;
}
