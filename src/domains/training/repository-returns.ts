import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { TrainingEvaluationsTable, TrainingImpactReturnsTable, TrainingValidationsTable } from './tables.ts';

export type ValidationRow = Selectable<TrainingValidationsTable>;

/** One evaluation a booking: a second submission changes nothing. */
export async function insertEvaluation(db: Kysely<Database>, row: Insertable<TrainingEvaluationsTable>): Promise<void> {
  await db.insertInto('training_evaluations').values(row).onConflict((oc) => oc.column('booking_id').doNothing()).execute();
}

export async function insertImpactReturn(db: Kysely<Database>, row: Insertable<TrainingImpactReturnsTable>): Promise<void> {
  await db.insertInto('training_impact_returns').values(row).onConflict((oc) => oc.column('booking_id').doNothing()).execute();
}

export async function evaluationOf(db: Kysely<Database>, bookingId: string) {
  return db.selectFrom('training_evaluations').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
}

export async function impactReturnOf(db: Kysely<Database>, bookingId: string) {
  return db.selectFrom('training_impact_returns').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
}

/** What attendees of a course said months later, without who said it: for the business manager's course page. */
export async function impactOfCourse(db: Kysely<Database>, courseId: string) {
  return db
    .selectFrom('training_impact_returns as i')
    .innerJoin('training_bookings as b', 'b.id', 'i.booking_id')
    .innerJoin('training_sessions as s', 's.id', 'b.session_id')
    .select(['i.practice_changed', 'i.what_changed', 'i.returned_on'])
    .where('s.course_id', '=', courseId)
    .orderBy('i.returned_on', 'desc')
    .execute();
}

export async function insertValidation(db: Kysely<Database>, row: Insertable<TrainingValidationsTable>): Promise<string> {
  return (await db.insertInto('training_validations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Submissions to the validation panel, all or one agency's, newest first. */
export async function validations(db: Kysely<Database>, agencyId: string | null) {
  let query = db.selectFrom('training_validations as v').innerJoin('agencies as a', 'a.id', 'v.agency_id').selectAll('v').select('a.name as agency');
  if (agencyId) query = query.where('v.agency_id', '=', agencyId);
  return query.orderBy(sql`v.decision IS NULL`, 'desc').orderBy('v.submitted_on', 'desc').orderBy('v.created_at', 'desc').execute();
}

export async function findValidation(db: Kysely<Database>, id: string) {
  return db.selectFrom('training_validations as v').innerJoin('agencies as a', 'a.id', 'v.agency_id').selectAll('v').select('a.name as agency').where('v.id', '=', id).executeTakeFirst();
}

export const updateValidationAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Parameters<typeof updateAtVersion<'training_validations'>>[4]) =>
  updateAtVersion(db, 'training_validations', id, version, changes);
