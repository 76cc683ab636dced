import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * Moves everything recorded against `from` onto `to`. Relationships that would become a self-link or repeat one
 * the survivor already has are removed; everything else keeps its id, so links to it still work.
 */
export async function moveRecords(db: Kysely<Database>, from: string, to: string): Promise<{ relationshipsDropped: number }> {
  await db.updateTable('person_names').set({ person_id: to }).where('person_id', '=', from).execute();
  await db.updateTable('person_addresses').set({ person_id: to }).where('person_id', '=', from).execute();
  await db.updateTable('involvements').set({ person_id: to }).where('person_id', '=', from).execute();
  await db.updateTable('chronology').set({ person_id: to }).where('person_id', '=', from).execute();
  await sql`INSERT INTO restricted_access (person_id, user_id, created_by)
            SELECT ${to}, user_id, created_by FROM restricted_access WHERE person_id = ${from}
            ON CONFLICT DO NOTHING`.execute(db);

  const rows = await db
    .selectFrom('relationships')
    .selectAll()
    .where((eb) => eb.or([eb('person_id', '=', from), eb('related_person_id', '=', from)]))
    .execute();
  let dropped = 0;
  for (const r of rows) {
    const a = r.person_id === from ? to : r.person_id;
    const b = r.related_person_id === from ? to : r.related_person_id;
    const duplicate = await db
      .selectFrom('relationships')
      .select('id')
      .where('person_id', '=', a)
      .where('related_person_id', '=', b)
      .where('kind', '=', r.kind)
      .where('id', '<>', r.id)
      .executeTakeFirst();
    if (a === b || duplicate) {
      await db.deleteFrom('relationships').where('id', '=', r.id).execute();
      dropped++;
    } else {
      await db.updateTable('relationships').set({ person_id: a, related_person_id: b }).where('id', '=', r.id).execute();
    }
  }
  return { relationshipsDropped: dropped };
}

export async function markMerged(db: Kysely<Database>, from: string, to: string, survivorRestricted: boolean) {
  await db
    .updateTable('people')
    .set({ merged_into: to, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('id', '=', from)
    .execute();
  // A restricted duplicate's protection follows its history onto the survivor.
  if (survivorRestricted) {
    await db.updateTable('people').set({ restricted: true, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` }).where('id', '=', to).execute();
  }
}
