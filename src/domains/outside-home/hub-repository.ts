import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** Each child found at a place when missing since a moment: one row per place, child and incident. */
export async function foundMissingSince(db: Kysely<Database>, since: Date) {
  return db
    .selectFrom('place_incidents as i')
    .innerJoin('place_incident_people as ip', 'ip.incident_id', 'i.id')
    .innerJoin('places as p', 'p.id', 'i.place_id')
    .innerJoin('people as c', 'c.id', 'ip.person_id')
    .select(['i.id as incident_id', 'i.occurred_at', 'p.id as place_id', 'p.name as place_name', 'ip.person_id'])
    .where('i.kind', '=', 'found_missing')
    .where('i.occurred_at', '>=', since)
    .where('c.person_type', '=', 'child')
    .orderBy('i.occurred_at', 'desc')
    .execute();
}
