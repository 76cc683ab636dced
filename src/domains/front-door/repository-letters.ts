import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/** Signed-off contacts naming this child as a child, newest decision first. */
export const decidedContactsOf = (db: Kysely<Database>, childId: string) =>
  db
    .selectFrom('contacts as c')
    .innerJoin('contact_people as cp', 'cp.contact_id', 'c.id')
    .select(['c.id', 'c.received_at', 'c.decided_at', 'c.decision_outcome'])
    .where('cp.person_id', '=', childId)
    .where('cp.role', '=', 'child')
    .where('c.status', '=', 'decided')
    .where('c.decision_outcome', 'is not', null)
    .orderBy(sql`coalesce(c.decided_at, c.received_at)`, 'desc')
    .execute();
