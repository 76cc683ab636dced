import type { Insertable, Kysely, Selectable } from 'kysely';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import type { AssociationsTable } from './tables.ts';

export type AssociationRow = Selectable<AssociationsTable>;

export async function insertAssociation(db: Kysely<Database>, row: Insertable<AssociationsTable> & { id: string }): Promise<void> {
  await db.insertInto('associations').values(row).execute();
}

export async function findAssociation(db: Kysely<Database>, id: string): Promise<AssociationRow | null> {
  return (await db.selectFrom('associations').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * Associations with either end among these people, oldest first; `currentOn` keeps only those that have begun and
 * not ended by that day (an association ending on a day still stands that day).
 */
export async function associationsTouching(db: Kysely<Database>, personIds: readonly string[], currentOn: string | null): Promise<AssociationRow[]> {
  const ids = [...new Set(personIds)];
  if (!ids.length) return [];
  let query = db
    .selectFrom('associations')
    .selectAll()
    .where((eb) => eb.or([eb('person_id', 'in', ids), eb('other_person_id', 'in', ids)]));
  if (currentOn) {
    query = query.where('from_date', '<=', currentOn).where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', currentOn)]));
  }
  return query.orderBy('from_date').orderBy('created_at').orderBy('id').execute();
}

/** An association between these two people (either way round) that has not ended, if there is one. */
export async function openAssociationBetween(db: Kysely<Database>, a: string, b: string): Promise<AssociationRow | null> {
  const row = await db
    .selectFrom('associations')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('person_id', '=', a), eb('other_person_id', '=', b)]), eb.and([eb('person_id', '=', b), eb('other_person_id', '=', a)])]))
    .where('to_date', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** Ends an association at the version the user read; false when someone changed it first. */
export async function endAssociationAtVersion(db: Kysely<Database>, id: string, version: number, toDate: string): Promise<boolean> {
  return updateAtVersion(db, 'associations', id, version, { to_date: toDate });
}
