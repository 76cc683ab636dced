import { type Kysely, sql } from 'kysely';

/**
 * A person's date of death belongs to the person index, so every record that opens a child who died says so (a
 * worker must never plan a visit to a child who has died). The Child Death Overview Panel's notification sets it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people ADD COLUMN date_of_death date`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people DROP COLUMN date_of_death`.execute(db);
}
