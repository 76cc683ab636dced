import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** The indexed reads the work inbox makes on every page. */

/** Assessments not yet authorised for these children, or started by these workers, with the child's name. */
export const openAssessments = (db: Kysely<Database>, personIds: readonly string[], workerIds: readonly string[]) =>
  db
    .selectFrom('assessments')
    .innerJoin('cin_episodes', 'cin_episodes.id', 'assessments.episode_id')
    .innerJoin('people', 'people.id', 'assessments.person_id')
    .select(['assessments.id', 'assessments.person_id', 'assessments.status', 'assessments.due_date', 'assessments.worker_id', 'cin_episodes.referral_date', 'people.given_name', 'people.family_name'])
    .where('assessments.status', '<>', 'authorised')
    .where('cin_episodes.closure_date', 'is', null)
    .where((eb) => eb.or([eb('assessments.worker_id', 'in', [...workerIds]), ...(personIds.length ? [eb('assessments.person_id', 'in', [...personIds])] : [])]))
    .execute();

/** Open child in need plans for these children, with the child's name. */
export async function openPlans(db: Kysely<Database>, personIds: readonly string[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('cin_plans')
    .innerJoin('people', 'people.id', 'cin_plans.person_id')
    .select(['cin_plans.id', 'cin_plans.person_id', 'cin_plans.start_date', 'cin_plans.next_review_due', 'people.given_name', 'people.family_name'])
    .where('cin_plans.end_date', 'is', null)
    .where('cin_plans.person_id', 'in', [...personIds])
    .execute();
}
