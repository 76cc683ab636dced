import { type Kysely, type RawBuilder, sql } from 'kysely';
import { readCatalogue } from '../backup/repository.ts';
import { type LinkCondition, type LinkRole, PERSON_DATA_MAP, type PersonTable, type TableDeclaration } from './person-data-map.ts';

// The map is read table by table whatever each table's shape, so this works below the typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export interface PersonRow {
  /** The row's primary key: its `id`, or its key columns joined by "/" for a join table. */
  id: string;
  role: LinkRole;
  /** The row's date by the map's date column, as the database wrote it ('YYYY-MM-DD' or an ISO moment). */
  date: string | null;
  data: Record<string, unknown>;
}

export interface PersonTableRows {
  table: string;
  recordType: string;
  capability: string;
  rows: PersonRow[];
}

/** Parent chains are short (four levels at most today); the limit only stops a mistaken map from recursing forever. */
const MAX_DEPTH = 6;

function narrow(alias: string, when: LinkCondition | undefined): RawBuilder<unknown> {
  if (!when) return sql`TRUE`;
  const column = sql.ref(`${alias}.${when.column}`);
  return 'is' in when ? sql`${column} = ${when.is}` : sql`${column} IS DISTINCT FROM ${when.isNot}`;
}

/**
 * The condition under which a row of `tableName` (aliased `alias`) is linked to one of `ids`, in `role` or in either.
 * Parent links inherit the parent row's role; a chain deeper than MAX_DEPTH contributes nothing.
 */
function linked(map: Record<string, TableDeclaration>, tableName: string, alias: string, ids: string[], role: LinkRole | null, depth = 0): RawBuilder<boolean> {
  const declared = map[tableName];
  if (!declared || declared.about !== 'person' || depth > MAX_DEPTH) return sql<boolean>`FALSE`;
  const idList = sql.join(ids);
  const parts: RawBuilder<unknown>[] = [];
  declared.links.forEach((link, i) => {
    if ('parent' in link) {
      const parentAlias = `p${depth}_${i}`;
      const inner = linked(map, link.parent, parentAlias, ids, role, depth + 1);
      parts.push(sql`(${narrow(alias, link.when)} AND ${sql.ref(`${alias}.${link.column}`)} IN (
        SELECT ${sql.ref(`${parentAlias}.${link.parentKey ?? 'id'}`)} FROM ${sql.table(link.parent)} AS ${sql.id(parentAlias)} WHERE ${inner}))`);
    } else if (role === null || link.role === role) {
      if ('through' in link) {
        const joinAlias = `j${depth}_${i}`;
        parts.push(sql`${sql.ref(`${alias}.id`)} IN (
          SELECT ${sql.ref(`${joinAlias}.${link.key}`)} FROM ${sql.table(link.through)} AS ${sql.id(joinAlias)}
          WHERE ${sql.ref(`${joinAlias}.${link.person}`)} IN (${idList}) AND ${narrow(joinAlias, link.when)})`);
      } else {
        parts.push(sql`(${sql.ref(`${alias}.${link.column}`)} IN (${idList}) AND ${narrow(alias, link.when)})`);
      }
    }
  });
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` OR `)})` : sql<boolean>`FALSE`;
}

/** The person and every duplicate record merged into them: a merge moves the index's rows, not each capability's. */
export async function personIds(db: AnyDb, personId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE ids AS (
      SELECT id FROM people WHERE id = ${personId}
      UNION SELECT p.id FROM people p JOIN ids ON p.merged_into = ids.id)
    SELECT id FROM ids`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Every row about a person, table by table in the map's order, each marked subject or mentioned, with tables the
 * person has no rows in left out. Tables declared but not (yet) in the schema are skipped. `only` limits the
 * tables read, `exclude` leaves some out (a SAR's own bundle copies).
 */
export async function personRows(
  db: AnyDb,
  personId: string,
  options: { only?: string[]; exclude?: string[]; map?: Record<string, TableDeclaration> } = {},
): Promise<PersonTableRows[]> {
  const map = options.map ?? PERSON_DATA_MAP;
  const ids = await personIds(db, personId);
  if (!ids.length) return [];
  const { rows: schemaRows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const catalogue = await readCatalogue(db, schemaRows[0]!.schema);
  const keys = new Map(catalogue.tables.map((t) => [t.name, t.key.map((k) => k.name)]));
  const result: PersonTableRows[] = [];
  for (const [tableName, declared] of Object.entries(map)) {
    if (declared.about !== 'person' || !keys.has(tableName)) continue;
    if (options.only && !options.only.includes(tableName)) continue;
    if (options.exclude?.includes(tableName)) continue;
    const rows = await rowsOf(db, map, tableName, declared, keys.get(tableName)!, ids);
    if (rows.length) result.push({ table: tableName, recordType: declared.recordType, capability: declared.capability, rows });
  }
  return result;
}

async function rowsOf(db: AnyDb, map: Record<string, TableDeclaration>, tableName: string, declared: PersonTable, key: string[], ids: string[]): Promise<PersonRow[]> {
  // As JSON writes it: 'YYYY-MM-DD' for a date, ISO 8601 for a moment, the same on both engines.
  const date = declared.dateColumn ? sql`to_jsonb(${sql.ref(`x.${declared.dateColumn}`)}) #>> '{}'` : sql`NULL::text`;
  const order = declared.dateColumn ? sql`${sql.ref(`x.${declared.dateColumn}`)} NULLS LAST, ` : sql``;
  const keyText = key.length ? sql.join(key.map((k) => sql`${sql.ref(`x.${k}`)}::text`), sql` || '/' || `) : sql`md5(to_jsonb(x.*)::text)`;
  const { rows } = await sql<{ id: string; is_subject: boolean; date: string | null; data: Record<string, unknown> | string }>`
    SELECT ${keyText} AS id, ${linked(map, tableName, 'x', ids, 'subject')} AS is_subject, ${date} AS date, to_jsonb(x.*) AS data
    FROM ${sql.table(tableName)} AS x
    WHERE ${linked(map, tableName, 'x', ids, null)}
    ORDER BY ${order}1`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    role: r.is_subject ? 'subject' : 'mentioned',
    date: r.date,
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
  }));
}
