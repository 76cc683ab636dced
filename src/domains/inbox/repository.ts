import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export interface Colleague {
  id: string;
  name: string;
  agencyId: string;
}

/** Everyone who shares a team with this user (themselves included), enabled accounts only. */
export async function teamMembers(db: Kysely<Database>, userId: string): Promise<Colleague[]> {
  return db
    .selectFrom('user_teams as mine')
    .innerJoin('user_teams as theirs', 'theirs.team_id', 'mine.team_id')
    .innerJoin('users', 'users.id', 'theirs.user_id')
    .select(['users.id', 'users.name', 'users.agency_id as agencyId'])
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('users.disabled', '=', false)
    .orderBy('users.name')
    .execute();
}
