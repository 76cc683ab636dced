import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/** SQL for the work on a case: its assessment, Team Around the Child, plan and reviews. */

const bump = { updated_at: sql<Date>`now()`, version: sql<number>`version + 1` };

export const findAssessment = (db: Kysely<Database>, caseId: string) =>
  db.selectFrom('early_help_assessments').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();

export const listSections = (db: Kysely<Database>, assessmentId: string) =>
  db.selectFrom('early_help_assessment_sections').selectAll().where('assessment_id', '=', assessmentId).execute();

export interface AssessmentColumns {
  child_views: string | null;
  family_views: string | null;
  summary: string | null;
  consent_given: boolean;
  consent_by: string | null;
  consent_on: string | null;
}

export const insertAssessment = (db: Kysely<Database>, row: AssessmentColumns & { id: string; case_id: string; started_on: string; created_by: string }) =>
  db.insertInto('early_help_assessments').values(row).execute();

/** Saves the assessment if it is still the draft at the version the user read; whether it was. */
export async function updateAssessmentAtVersion(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: AssessmentColumns & Partial<{ status: 'registered'; registered_on: string; completed_by: string; completing_agency_id: string }>,
) {
  const row = await db
    .updateTable('early_help_assessments')
    .set({ ...changes, ...bump })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function replaceSections(
  db: Kysely<Database>,
  assessmentId: string,
  sections: { domainId: string; strengths: string | null; needs: string | null; level: number | null }[],
) {
  await db.deleteFrom('early_help_assessment_sections').where('assessment_id', '=', assessmentId).execute();
  const rows = sections
    .filter((s) => s.strengths || s.needs || s.level)
    .map((s) => ({ assessment_id: assessmentId, domain_id: s.domainId, strengths: s.strengths, needs: s.needs, level: s.level }));
  if (rows.length) await db.insertInto('early_help_assessment_sections').values(rows).execute();
}

export const listTeam = (db: Kysely<Database>, caseId: string) =>
  db
    .selectFrom('tac_members')
    .innerJoin('users', 'users.id', 'tac_members.user_id')
    .innerJoin('agencies', 'agencies.id', 'tac_members.agency_id')
    .select([
      'tac_members.id',
      'tac_members.user_id',
      'tac_members.agency_id',
      'tac_members.role_in_team',
      'tac_members.started_on',
      'tac_members.ended_on',
      'users.name',
      'agencies.name as agency_name',
    ])
    .where('tac_members.case_id', '=', caseId)
    .orderBy(sql`tac_members.ended_on IS NULL`, 'desc')
    .orderBy('tac_members.started_on')
    .orderBy('users.name')
    .execute();

export const currentTeamUserIds = async (db: Kysely<Database>, caseId: string) =>
  (await db.selectFrom('tac_members').select('user_id').where('case_id', '=', caseId).where('ended_on', 'is', null).execute()).map((r) => r.user_id);

export const findMember = (db: Kysely<Database>, caseId: string, memberId: string) =>
  db.selectFrom('tac_members').selectAll().where('case_id', '=', caseId).where('id', '=', memberId).executeTakeFirst();

export const insertMember = (db: Kysely<Database>, row: { id: string; case_id: string; user_id: string; agency_id: string; role_in_team: string; started_on: string; created_by: string }) =>
  db.insertInto('tac_members').values(row).execute();

/** Ends current memberships (all of the case's, or the ones named); returns the ids ended. */
export async function endMembers(db: Kysely<Database>, caseId: string, endedOn: string, memberIds?: readonly string[]) {
  let q = db.updateTable('tac_members').set({ ended_on: endedOn, ...bump }).where('case_id', '=', caseId).where('ended_on', 'is', null);
  if (memberIds) {
    if (!memberIds.length) return [];
    q = q.where('id', 'in', memberIds);
  }
  return (await q.returning('id').execute()).map((r) => r.id);
}

export const listOutcomes = (db: Kysely<Database>, caseId: string) =>
  db.selectFrom('early_help_outcomes').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();

export const findOutcome = (db: Kysely<Database>, caseId: string, id: string) =>
  db.selectFrom('early_help_outcomes').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();

export const insertOutcome = (db: Kysely<Database>, row: { id: string; case_id: string; outcome: string; created_by: string }) =>
  db.insertInto('early_help_outcomes').values(row).execute();

export async function updateOutcomeAtVersion(db: Kysely<Database>, id: string, version: number, changes: { outcome?: string; achieved_on?: string | null }) {
  const row = await db.updateTable('early_help_outcomes').set({ ...changes, ...bump }).where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  return Boolean(row);
}

export const listActions = (db: Kysely<Database>, caseId: string) =>
  db
    .selectFrom('early_help_actions')
    .innerJoin('users', 'users.id', 'early_help_actions.owner_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .selectAll('early_help_actions')
    .select(['users.name as owner_name', 'agencies.name as owner_agency'])
    .where('early_help_actions.case_id', '=', caseId)
    .orderBy('early_help_actions.due_on')
    .orderBy('early_help_actions.id')
    .execute();

export const findAction = (db: Kysely<Database>, caseId: string, id: string) =>
  db.selectFrom('early_help_actions').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();

export interface ActionColumns {
  outcome_id: string | null;
  action: string;
  owner_id: string;
  due_on: string;
  completed_on: string | null;
}

export const insertAction = (db: Kysely<Database>, row: ActionColumns & { id: string; case_id: string; created_by: string }) =>
  db.insertInto('early_help_actions').values(row).execute();

export async function updateActionAtVersion(db: Kysely<Database>, id: string, version: number, changes: ActionColumns) {
  const row = await db.updateTable('early_help_actions').set({ ...changes, ...bump }).where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  return Boolean(row);
}

export const listReviews = (db: Kysely<Database>, caseId: string) =>
  db
    .selectFrom('early_help_reviews')
    .leftJoin('users', 'users.id', 'early_help_reviews.created_by')
    .selectAll('early_help_reviews')
    .select('users.name as recorded_by_name')
    .where('early_help_reviews.case_id', '=', caseId)
    .orderBy('early_help_reviews.held_on', 'desc')
    .orderBy('early_help_reviews.created_at', 'desc')
    .execute();

export const insertReview = (
  db: Kysely<Database>,
  row: { id: string; case_id: string; held_on: string; progress: string; family_views: string | null; decision: 'continue' | 'close' | 'step_up'; next_review_due: string | null; created_by: string },
) => db.insertInto('early_help_reviews').values(row).execute();
