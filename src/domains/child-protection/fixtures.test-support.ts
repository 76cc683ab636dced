import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';

export const ROB = 'rob.delaney@cairn.example';
export const IRIS = 'iris.fenwick@cairn.example';
export const MORGAN = 'morgan.hale@cairn.example';
export const PAT = 'pat.quinn@cairn.example';
export const ALEX = 'alex.brent@cairn.example';

export const userIdOf = async (db: Kysely<Database>, email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
export const agencyOfKind = async (db: Kysely<Database>, kind: 'police' | 'health' | 'social_care' | 'education') =>
  (await db.selectFrom('agencies').select('id').where('kind', '=', kind).orderBy('name').executeTakeFirstOrThrow()).id;

let counter = 0;

/** A child referred to social care `referredDaysAgo` days ago, allocated to a worker (Rob Delaney unless told). */
export async function referredChild(db: Kysely<Database>, options: { referredDaysAgo?: number; worker?: string } = {}) {
  counter += 1;
  const personId = await insertTestPerson(db, { givenName: `Ash${counter}`, familyName: 'Protectionfixture' });
  const referral = addCalendarDays(ukToday(), -(options.referredDaysAgo ?? 30));
  const episode = await db.insertInto('cin_episodes').values({ person_id: personId, referral_date: referral, referral_source: '1A', referral_reason: 'Test referral' }).returning('id').executeTakeFirstOrThrow();
  const worker = await db
    .selectFrom('users')
    .innerJoin('user_teams', 'user_teams.user_id', 'users.id')
    .select(['users.id', 'user_teams.team_id'])
    .where('users.email', '=', options.worker ?? ROB)
    .executeTakeFirstOrThrow();
  await db.insertInto('case_allocations').values({ person_id: personId, worker_id: worker.id, team_id: worker.team_id, start_date: referral, reason: 'FCONTA' }).execute();
  return { personId, episodeId: episode.id, referral };
}

/** A GOV.UK date input's three boxes for a date. */
export const dateBoxes = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

/** Attendance rows as the form posts them. */
export function attendanceForm(rows: { agencyId: string; name: string; role?: string; attended?: boolean; report?: boolean }[]) {
  const form: Record<string, string> = { attendeeRows: String(Math.max(6, rows.length)) };
  rows.forEach((r, i) => {
    form[`attendee-${i}-agency`] = r.agencyId;
    form[`attendee-${i}-name`] = r.name;
    form[`attendee-${i}-role`] = r.role ?? '';
    form[`attendee-${i}-attended`] = r.attended === false ? 'no' : 'yes';
    form[`attendee-${i}-report`] = r.report ? 'yes' : 'no';
  });
  return form;
}
