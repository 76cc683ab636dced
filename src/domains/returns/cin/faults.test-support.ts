import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { addCalendarDays } from '../../../platform/calendar/working-days.ts';
import type { CollectionPeriod } from '../engine.ts';

/**
 * Fault seeding for tests: corrupts known records in a database holding a synthetic authority, each the way a
 * careless import or a hand edit could, and says which census rule should catch it for which child. Each fault is
 * put on a different child, so one fault's report cannot hide another's.
 */
export interface SeededFault {
  rule: string;
  /** The child's return identifier (LAchildID). */
  child: string;
  what: string;
}

export async function seedCinFaults(db: Kysely<Database>, period: CollectionPeriod): Promise<SeededFault[]> {
  const used: string[] = [];
  const faults: SeededFault[] = [];
  const { start, end } = period;
  const returnIdOf = async (personId: string) => {
    used.push(personId);
    return (await db.selectFrom('people').select('return_id').where('id', '=', personId).executeTakeFirstOrThrow()).return_id;
  };
  const notUsed = (column: string) => (used.length ? sql<boolean>`${sql.ref(column)} NOT IN (${sql.join(used)})` : sql<boolean>`true`);

  // A child protection plan that starts on no conference's date.
  const plan = await db
    .selectFrom('cp_plans')
    .select(['id', 'person_id', 'start_date'])
    .where('start_date', '>=', start)
    .where('start_date', '<', addCalendarDays(end, -30))
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', end)]))
    .where(notUsed('person_id'))
    .orderBy('start_date')
    .executeTakeFirstOrThrow();
  await db.updateTable('cp_plans').set({ start_date: addCalendarDays(plan.start_date, 1) }).where('id', '=', plan.id).execute();
  faults.push({ rule: '2885', child: await returnIdOf(plan.person_id), what: 'a CP plan moved off its conference date' });

  // An assessment that starts before its referral.
  const assessment = await db
    .selectFrom('assessments as a')
    .innerJoin('cin_episodes as e', 'e.id', 'a.episode_id')
    .select(['a.id', 'a.person_id', 'e.referral_date'])
    .where('e.referral_date', '>=', start)
    .where('e.referral_date', '<=', end)
    .where(notUsed('a.person_id'))
    .orderBy('e.referral_date')
    .executeTakeFirstOrThrow();
  await db.updateTable('assessments').set({ start_date: addCalendarDays(assessment.referral_date, -3) }).where('id', '=', assessment.id).execute();
  faults.push({ rule: '1103', child: await returnIdOf(assessment.person_id), what: 'an assessment started before the referral' });

  // A UPN with the wrong check letter.
  const pupil = await db
    .selectFrom('people')
    .innerJoin('cin_episodes as e', 'e.person_id', 'people.id')
    .select(['people.id as person_id', 'people.upn'])
    .where('people.upn', 'is not', null)
    .where('e.referral_date', '>=', start)
    .where('e.referral_date', '<=', end)
    .where(notUsed('people.id'))
    .orderBy('e.referral_date')
    .executeTakeFirstOrThrow();
  const wrong = pupil.upn![0] === 'A' ? 'B' : 'A';
  await db.updateTable('people').set({ upn: wrong + pupil.upn!.slice(1) }).where('id', '=', pupil.person_id).execute();
  faults.push({ rule: '1510', child: await returnIdOf(pupil.person_id), what: 'a UPN with the wrong check letter' });

  // A child in need with no ethnicity and no disability recorded.
  const unrecorded = await db
    .selectFrom('cin_episodes')
    .innerJoin('people', 'people.id', 'cin_episodes.person_id')
    .select('person_id')
    .where('referral_nfa', '=', false)
    .where('referral_date', '>=', start)
    .where('referral_date', '<=', end)
    .where('people.date_of_birth', '<', start)
    .where(notUsed('cin_episodes.person_id'))
    .orderBy('referral_date', 'desc')
    .executeTakeFirstOrThrow();
  await db.updateTable('people').set({ ethnicity: null, disabilities: [] }).where('id', '=', unrecorded.person_id).execute();
  const child = await returnIdOf(unrecorded.person_id);
  faults.push({ rule: '4220', child, what: 'no ethnicity' }, { rule: '8540', child, what: 'no disability' });

  // An episode closed before the work recorded in it.
  const closed = await db
    .selectFrom('cin_episodes as e')
    .innerJoin('assessments as a', 'a.episode_id', 'e.id')
    .select(['e.id', 'e.person_id', 'a.authorised_date'])
    .where('e.closure_date', '>=', start)
    .where('e.closure_date', '<=', end)
    .where('a.authorised_date', '>', start)
    .where('a.authorised_date', '>', sql<string>`e.referral_date`)
    .where(notUsed('e.person_id'))
    .orderBy('e.closure_date')
    .executeTakeFirstOrThrow();
  await db.updateTable('cin_episodes').set({ closure_date: addCalendarDays(closed.authorised_date!, -1) }).where('id', '=', closed.id).execute();
  faults.push({ rule: '8565', child: await returnIdOf(closed.person_id), what: 'an episode closed before its assessment was authorised' });

  return faults;
}
