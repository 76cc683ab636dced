import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { readCatalogue } from '../../platform/backup/repository.ts';
import { PERSON_DATA_MAP, type PersonTable } from '../../platform/governance/person-data-map.ts';
import { DESTROYED_TEXT, PERSONAL_COLUMNS } from '../../platform/governance/personal-columns.ts';
import { personIds, personRows, type PersonTableRows } from '../../platform/governance/repository.ts';

// Destruction works table by table from the person-data map, below the typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The append-only access audit is kept whole: it is the record of who saw what, holds ids and action names rather
 * than content, and its trigger refuses any change anyway.
 */
const KEPT_WHOLE = new Set(['access_audit', 'retention_destructions']);

export interface DestroyedPerson {
  id: string;
  givenName: string;
  familyName: string;
  nhsNumber: string | null;
}

interface Shape {
  key: string[];
  columns: Map<string, { type: string; notNull: boolean }>;
}

async function shapes(db: AnyDb): Promise<Map<string, Shape>> {
  const { rows: schemaRows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const schema = schemaRows[0]!.schema;
  const catalogue = await readCatalogue(db, schema);
  const { rows: notNull } = await sql<{ table: string; column: string }>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = ${schema} AND is_nullable = 'NO'`.execute(db);
  const required = new Set(notNull.map((r) => `${r.table}.${r.column}`));
  return new Map(
    catalogue.tables.map((t) => [
      t.name,
      {
        key: t.key.map((k) => k.name),
        columns: new Map(t.columns.map((col) => [col.name, { type: col.type, notNull: required.has(`${t.name}.${col.name}`) }])),
      },
    ]),
  );
}

/** A row picked by the id `personRows` gave it: its key columns joined by "/", or the row's hash for a keyless table. */
function rowMatch(shape: Shape, id: string): RawBuilder<boolean> {
  if (!shape.key.length) return sql<boolean>`md5(to_jsonb(x.*)::text) = ${id}`;
  const parts = id.split('/');
  return sql<boolean>`(${sql.join(shape.key.map((k, i) => sql`${sql.ref(`x.${k}`)}::text = ${parts[i] ?? ''}`), sql` AND `)})`;
}

/**
 * What a cleared column becomes. Text that was there is replaced by a fixed note and an empty column stays empty, so
 * rules such as "a withdrawn request has a reason" or "a released hold says why" still hold; a list or a JSON value
 * becomes an empty one of its kind; a file (bytea) goes.
 */
function clearedValue(name: string, column: { type: string; notNull: boolean }): RawBuilder<unknown> {
  const ref = sql.ref(name);
  if (column.type === 'bytea') return column.notNull ? sql`''::bytea` : sql`NULL`;
  if (column.type.endsWith('[]')) return sql`CASE WHEN ${ref} IS NULL THEN NULL ELSE '{}' END`;
  if (column.type.startsWith('json')) {
    return sql`CASE WHEN ${ref} IS NULL THEN NULL WHEN ${sql.raw(column.type)}_typeof(${ref}) = 'array' THEN '[]' ELSE '{}' END::${sql.raw(column.type)}`;
  }
  return sql`CASE WHEN ${ref} IS NULL THEN NULL ELSE ${DESTROYED_TEXT} END`;
}

/**
 * Which of the person's subject rows are shared with someone else still on record (a contact about three children):
 * those keep their text, which belongs to the others too. A row reached through a parent is shared when its parent is.
 */
function sharedRows(found: PersonTableRows[], personId: string) {
  const byTable = new Map(found.map((t) => [t.table, t]));
  const memo = new Map<string, Promise<Set<string>>>();
  return (db: AnyDb, tableName: string): Promise<Set<string>> => {
    const compute = async (name: string, depth: number): Promise<Set<string>> => {
      const declared = PERSON_DATA_MAP[name] as PersonTable | undefined;
      const rows = byTable.get(name)?.rows ?? [];
      const shared = new Set<string>();
      if (!declared || declared.about !== 'person' || depth > 6) return shared;
      for (const link of declared.links) {
        if ('through' in link && link.role === 'subject') {
          const others = await sql<{ key: string }>`
            SELECT DISTINCT ${sql.ref(`j.${link.key}`)}::text AS key FROM ${sql.table(link.through)} j JOIN people o ON o.id = ${sql.ref(`j.${link.person}`)}
            WHERE ${sql.ref(`j.${link.key}`)}::text IN (${sql.join(rows.length ? rows.map((r) => r.id) : [''])})
              AND o.id <> ${personId} AND o.destroyed_at IS NULL AND o.merged_into IS NULL
              ${link.when ? ('is' in link.when ? sql`AND ${sql.ref(`j.${link.when.column}`)} = ${link.when.is}` : sql`AND ${sql.ref(`j.${link.when.column}`)} IS DISTINCT FROM ${link.when.isNot}`) : sql``}`.execute(db);
          for (const o of others.rows) shared.add(o.key);
        } else if ('parent' in link) {
          const parentShared = await get(link.parent, depth + 1);
          for (const r of rows) if (parentShared.has(String(r.data[link.column]))) shared.add(r.id);
        }
      }
      return shared;
    };
    const get = (name: string, depth: number): Promise<Set<string>> => {
      if (!memo.has(name)) memo.set(name, compute(name, depth));
      return memo.get(name)!;
    };
    return get(tableName, 0);
  };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Patterns for the person's full name and NHS number as they might be typed into someone else's free text. */
function mentionPatterns(person: DestroyedPerson): string[] {
  const patterns = [`\\m${escapeRegex(person.givenName.trim())}\\s+${escapeRegex(person.familyName.trim())}\\M`];
  if (person.nhsNumber) {
    const n = person.nhsNumber.replace(/\D/g, '');
    patterns.push(`${n.slice(0, 3)}[\\s-]?${n.slice(3, 6)}[\\s-]?${n.slice(6)}`);
  }
  return patterns;
}

/**
 * Removes a person's personal data in the transaction `db`, keeping every row that statistics count: rows only about
 * them lose their free text and identifiers, rows shared with someone still on record keep their text but lose the
 * person's name and NHS number where typed into it, other names, addresses and relationships go. Returns the number of
 * rows changed per table. The people row itself is the caller's (names, date of birth, identifiers, the mark).
 */
export async function clearPersonalData(db: AnyDb, person: DestroyedPerson): Promise<Record<string, number>> {
  const found = await personRows(db, person.id);
  const tables = await shapes(db);
  const shared = sharedRows(found, person.id);
  const counts: Record<string, number> = {};
  const add = (table: string, n: number) => {
    if (n) counts[table] = (counts[table] ?? 0) + n;
  };

  for (const t of found) {
    if (KEPT_WHOLE.has(t.table) || t.table === 'people') continue;
    if (t.table === 'document_versions') add('document_files_in_object_store', t.rows.filter((r) => r.data.storage === 's3').length);
    const classes = PERSONAL_COLUMNS[t.table];
    const shape = tables.get(t.table);
    // The classification test makes this unreachable; refusing beats destroying half a record.
    if (!classes || !shape) throw new Error(`Table ${t.table} has no column classification for destruction`);
    if (classes.remove) {
      for (const r of t.rows) {
        await sql`DELETE FROM ${sql.table(t.table)} AS x WHERE ${rowMatch(shape, r.id)}`.execute(db);
      }
      add(t.table, t.rows.length);
      continue;
    }
    const sharedHere = await shared(db, t.table);
    const own = t.rows.filter((r) => r.role === 'subject' && !sharedHere.has(r.id));
    const clear = classes.clear.filter((col) => shape.columns.has(col));
    if (!own.length || !clear.length) continue;
    const set = sql.join(clear.map((col) => sql`${sql.id(col)} = ${clearedValue(col, shape.columns.get(col)!)}`));
    for (const r of own) {
      await sql`UPDATE ${sql.table(t.table)} AS x SET ${set} WHERE ${rowMatch(shape, r.id)}`.execute(db);
    }
    add(t.table, own.length);
  }
  add('text_mentions_removed', await scrubMentions(db, person, tables));
  if (tables.has('document_versions') && tables.has('document_blobs')) {
    add('document_blobs', await deleteStoredFiles(db, found));
  }
  return counts;
}

/**
 * The files of the person's documents kept in the database. Files in an object store are counted in the log
 * (`document_files_in_object_store`) for the store's own deletion: a transaction cannot take them back.
 */
async function deleteStoredFiles(db: AnyDb, found: PersonTableRows[]): Promise<number> {
  const versions = found.find((t) => t.table === 'document_versions')?.rows ?? [];
  const keys = versions.filter((v) => v.data.storage === 'database').map((v) => String(v.data.storage_key));
  if (!keys.length) return 0;
  const { rows } = await sql<{ n: number }>`
    WITH gone AS (DELETE FROM document_blobs WHERE key IN (${sql.join(keys)}) RETURNING 1) SELECT count(*)::int AS n FROM gone`.execute(db);
  return rows[0]!.n;
}

/**
 * The person's full name and NHS number taken out of the free text of every person table: what is kept for others
 * (a shared contact, a sibling's assessment) must not still identify them. Skipped for the name when someone else on
 * record has the same name, whose own records would otherwise lose it.
 */
async function scrubMentions(db: AnyDb, person: DestroyedPerson, tables: Map<string, Shape>): Promise<number> {
  const { rows: namesakes } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM people WHERE id <> ${person.id} AND destroyed_at IS NULL
      AND lower(given_name) = lower(${person.givenName}) AND lower(family_name) = lower(${person.familyName})`.execute(db);
  const patterns = mentionPatterns(person).filter((_, i) => i > 0 || namesakes[0]!.n === 0);
  let changed = 0;
  for (const [table, classes] of Object.entries(PERSONAL_COLUMNS)) {
    const shape = tables.get(table);
    if (!shape || KEPT_WHOLE.has(table) || table === 'people') continue;
    const textColumns = classes.clear.filter((col) => shape.columns.get(col)?.type === 'text');
    for (const col of textColumns) {
      for (const pattern of patterns) {
        const { rows } = await sql<{ n: number }>`
          WITH changed AS (
            UPDATE ${sql.table(table)} SET ${sql.id(col)} = regexp_replace(${sql.ref(col)}, ${pattern}, '[name removed]', 'gi')
            WHERE ${sql.ref(col)} ~* ${pattern} RETURNING 1)
          SELECT count(*)::int AS n FROM changed`.execute(db);
        changed += rows[0]!.n;
      }
    }
  }
  return changed;
}

/**
 * The people row, and any duplicate merged into it: names replaced, dates cut to their month (age bands still work),
 * identifiers cleared, marked destroyed. Returns the rows changed.
 */
export async function anonymisePerson(db: Kysely<Database>, personId: string): Promise<number> {
  const ids = await personIds(db, personId);
  const { rows } = await sql<{ n: number }>`
    WITH changed AS (
      UPDATE people SET
        given_name = 'Record', family_name = 'destroyed', search_name = '',
        nhs_number = NULL, upn = NULL,
        date_of_birth = date_trunc('month', date_of_birth)::date,
        expected_date_of_delivery = date_trunc('month', expected_date_of_delivery)::date,
        date_of_death = date_trunc('month', date_of_death)::date,
        destroyed_at = now(), updated_at = now(), version = version + 1
      WHERE id IN (${sql.join(ids)}) RETURNING 1)
    SELECT count(*)::int AS n FROM changed`.execute(db);
  return rows[0]!.n;
}
