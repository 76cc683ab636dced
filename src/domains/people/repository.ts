import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export interface PersonHeading {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  personType: 'child' | 'unborn' | 'adult';
  allocatedTeamId: string | null;
  mergedInto: string | null;
}

export async function findPersonHeading(db: Kysely<Database>, id: string): Promise<PersonHeading | null> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'person_type', 'allocated_team_id', 'merged_into'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        givenName: row.given_name,
        familyName: row.family_name,
        dateOfBirth: row.date_of_birth,
        personType: row.person_type,
        allocatedTeamId: row.allocated_team_id,
        mergedInto: row.merged_into,
      }
    : null;
}
