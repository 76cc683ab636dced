import { type Kysely, sql } from 'kysely';

/**
 * Name search moves from GiST to GIN trigram indexes. On a population with a realistic spread of family names a
 * GIN index finds the people matching a full name in a few milliseconds where GiST's lossy signatures took tens
 * (bench/person-search.ts); GiST only won while the synthetic authority had a thousand family names between them.
 */
const NAME_INDEXES: [name: string, table: string][] = [
  ['people_search_name', 'people'],
  ['person_names_search', 'person_names'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table] of NAME_INDEXES) {
    await sql.raw(`DROP INDEX ${name}`).execute(db);
    await sql.raw(`CREATE INDEX ${name} ON ${table} USING gin (search_name gin_trgm_ops)`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name, table] of NAME_INDEXES) {
    await sql.raw(`DROP INDEX ${name}`).execute(db);
    await sql.raw(`CREATE INDEX ${name} ON ${table} USING gist (search_name gist_trgm_ops)`).execute(db);
  }
}
