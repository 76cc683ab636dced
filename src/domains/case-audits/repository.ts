import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { CaseAuditActionsTable, CaseAuditsTable, Grade } from './tables.ts';

type Db = Kysely<Database>;
export type AuditRow = Selectable<CaseAuditsTable>;
export type ActionRow = Selectable<CaseAuditActionsTable>;

// Templates
export const templates = (db: Db) => db.selectFrom('audit_templates').selectAll().orderBy('title').execute();
export const findTemplate = (db: Db, id: string) => db.selectFrom('audit_templates').selectAll().where('id', '=', id).executeTakeFirst();
export const questionsOf = (db: Db, templateId: string) =>
  db.selectFrom('audit_template_questions').select(['id', 'position', 'text']).where('template_id', '=', templateId).orderBy('position').execute();
export const questionCounts = (db: Db) =>
  db.selectFrom('audit_template_questions').select(['template_id', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('template_id').execute();

export async function insertTemplate(db: Db, row: { id: string; title: string; description: string; created_by: string }) {
  await db.insertInto('audit_templates').values(row).execute();
}
export async function templateTitleTaken(db: Db, title: string): Promise<boolean> {
  return Boolean(await db.selectFrom('audit_templates').select('id').where((eb) => eb(eb.fn('lower', ['title']), '=', title.toLowerCase())).executeTakeFirst());
}
/** Adds a question at the end; the unique position makes two added at once wait for each other's number. */
export async function appendQuestion(db: Db, templateId: string, text: string, createdBy: string) {
  const last = await db.selectFrom('audit_template_questions').select((eb) => eb.fn.max('position').as('p')).where('template_id', '=', templateId).executeTakeFirst();
  await db.insertInto('audit_template_questions').values({ template_id: templateId, position: Number(last?.p ?? 0) + 1, text, created_by: createdBy }).execute();
}
/** A template in use by an audit keeps its questions as they were asked. */
export async function templateInUse(db: Db, templateId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('case_audits').select('id').where('template_id', '=', templateId).where('state', '<>', 'draft').executeTakeFirst());
}

// Audits
export const findAudit = (db: Db, id: string) => db.selectFrom('case_audits').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertAudit(db: Db, row: Insertable<CaseAuditsTable> & { id: string }, agencyIds: readonly string[]) {
  await db.insertInto('case_audits').values(row).execute();
  await db.insertInto('case_audit_agencies').values(agencyIds.map((agency_id) => ({ audit_id: row.id, agency_id }))).execute();
}
export const updateAudit = (db: Db, id: string, version: number, changes: Updateable<CaseAuditsTable>) => updateAtVersion(db, 'case_audits', id, version, changes);

/** Every audit with its template's title, newest period first; only those an agency takes part in when given. */
export async function auditList(db: Db, agencyId?: string) {
  let q = db
    .selectFrom('case_audits')
    .innerJoin('audit_templates', 'audit_templates.id', 'case_audits.template_id')
    .select(['case_audits.id', 'case_audits.title', 'case_audits.state', 'case_audits.period_from', 'case_audits.period_to', 'case_audits.answers_due_on', 'audit_templates.title as theme']);
  if (agencyId) {
    q = q
      .innerJoin('case_audit_agencies', 'case_audit_agencies.audit_id', 'case_audits.id')
      .where('case_audit_agencies.agency_id', '=', agencyId)
      .where('case_audits.state', '<>', 'draft')
      .select('case_audit_agencies.submitted_at');
  }
  return q.orderBy('case_audits.period_to', 'desc').orderBy('case_audits.created_at', 'desc').execute();
}

export async function participants(db: Db, auditId: string) {
  return db
    .selectFrom('case_audit_agencies')
    .innerJoin('agencies', 'agencies.id', 'case_audit_agencies.agency_id')
    .select(['agencies.id', 'agencies.name', 'case_audit_agencies.submitted_at'])
    .where('case_audit_agencies.audit_id', '=', auditId)
    .orderBy('agencies.name')
    .execute();
}
export async function markSubmitted(db: Db, auditId: string, agencyId: string, userId: string): Promise<boolean> {
  const row = await db
    .updateTable('case_audit_agencies')
    .set({ submitted_at: new Date(), submitted_by: userId })
    .where('audit_id', '=', auditId)
    .where('agency_id', '=', agencyId)
    .where('submitted_at', 'is', null)
    .returning('agency_id')
    .executeTakeFirst();
  return Boolean(row);
}

export const agencies = (db: Db) => db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
export async function existingAgencies(db: Db, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await db.selectFrom('agencies').select('id').where('id', 'in', [...ids]).execute()).map((a) => a.id);
}

// The sample
export const casesOf = (db: Db, auditId: string) =>
  db.selectFrom('case_audit_cases').select(['id', 'case_number', 'person_id', 'description', 'version']).where('audit_id', '=', auditId).orderBy('case_number').execute();
export const findCase = (db: Db, auditId: string, caseId: string) =>
  db.selectFrom('case_audit_cases').select(['id', 'case_number', 'person_id', 'description', 'version']).where('audit_id', '=', auditId).where('id', '=', caseId).executeTakeFirst();
export async function replaceSample(db: Db, auditId: string, cases: readonly { personId: string; description: string }[], createdBy: string) {
  await db.deleteFrom('case_audit_cases').where('audit_id', '=', auditId).execute();
  if (cases.length) {
    await db.insertInto('case_audit_cases').values(cases.map((c, i) => ({ audit_id: auditId, case_number: i + 1, person_id: c.personId, description: c.description, created_by: createdBy }))).execute();
  }
}
export const touchCase = (db: Db, id: string, version: number) => updateAtVersion(db, 'case_audit_cases', id, version, {});

// Agencies' answers
export async function responsesOf(db: Db, auditId: string, agencyId?: string) {
  let q = db
    .selectFrom('case_audit_responses')
    .innerJoin('case_audit_cases', 'case_audit_cases.id', 'case_audit_responses.case_id')
    .select(['case_audit_responses.id', 'case_audit_responses.case_id', 'case_audit_responses.agency_id', 'case_audit_responses.not_involved', 'case_audit_responses.version'])
    .where('case_audit_cases.audit_id', '=', auditId);
  if (agencyId) q = q.where('case_audit_responses.agency_id', '=', agencyId);
  return q.execute();
}
export async function answersOf(db: Db, responseIds: readonly string[]) {
  if (!responseIds.length) return [];
  return db.selectFrom('case_audit_answers').selectAll().where('response_id', 'in', [...responseIds]).execute();
}
export async function findResponse(db: Db, caseId: string, agencyId: string) {
  return db.selectFrom('case_audit_responses').select(['id', 'not_involved', 'version']).where('case_id', '=', caseId).where('agency_id', '=', agencyId).executeTakeFirst();
}
/** The first answer an agency saves for a child makes its response row; a second saved at once finds it made. */
export async function ensureResponse(db: Db, caseId: string, agencyId: string, createdBy: string) {
  await db.insertInto('case_audit_responses').values({ case_id: caseId, agency_id: agencyId, created_by: createdBy }).onConflict((oc) => oc.columns(['case_id', 'agency_id']).doNothing()).execute();
  return (await findResponse(db, caseId, agencyId))!;
}
export async function saveResponse(db: Db, r: { id: string; version: number; notInvolved: boolean; answers: { questionId: string; grade: Grade | null; commentary: string | null }[] }): Promise<boolean> {
  if (!(await updateAtVersion(db, 'case_audit_responses', r.id, r.version, { not_involved: r.notInvolved }))) return false;
  await db.deleteFrom('case_audit_answers').where('response_id', '=', r.id).execute();
  const kept = r.answers.filter((a) => a.grade || a.commentary);
  if (kept.length) await db.insertInto('case_audit_answers').values(kept.map((a) => ({ response_id: r.id, question_id: a.questionId, grade: a.grade, commentary: a.commentary }))).execute();
  return true;
}

// Moderation
export async function moderationsOf(db: Db, auditId: string) {
  return db
    .selectFrom('case_audit_moderations')
    .innerJoin('case_audit_cases', 'case_audit_cases.id', 'case_audit_moderations.case_id')
    .select(['case_audit_moderations.case_id', 'case_audit_moderations.question_id', 'case_audit_moderations.grade', 'case_audit_moderations.note'])
    .where('case_audit_cases.audit_id', '=', auditId)
    .execute();
}
export async function replaceModeration(db: Db, caseId: string, rows: readonly { questionId: string; grade: Grade; note: string | null }[]) {
  await db.deleteFrom('case_audit_moderations').where('case_id', '=', caseId).execute();
  if (rows.length) await db.insertInto('case_audit_moderations').values(rows.map((r) => ({ case_id: caseId, question_id: r.questionId, grade: r.grade, note: r.note }))).execute();
}

// Actions
export async function actionsOf(db: Db, auditId?: string) {
  let q = db
    .selectFrom('case_audit_actions')
    .innerJoin('agencies', 'agencies.id', 'case_audit_actions.agency_id')
    .innerJoin('case_audits', 'case_audits.id', 'case_audit_actions.audit_id')
    .selectAll('case_audit_actions')
    .select(['agencies.name as agency_name', 'case_audits.title as audit_title']);
  if (auditId) q = q.where('case_audit_actions.audit_id', '=', auditId);
  return q.orderBy('case_audit_actions.due_on').orderBy('case_audit_actions.created_at').execute();
}
export const findAction = (db: Db, auditId: string, id: string) =>
  db.selectFrom('case_audit_actions').selectAll().where('audit_id', '=', auditId).where('id', '=', id).executeTakeFirst();
export async function insertAction(db: Db, row: Insertable<CaseAuditActionsTable> & { id: string }): Promise<void> {
  await db.insertInto('case_audit_actions').values(row).execute();
}
export const updateAction = (db: Db, id: string, version: number, changes: Updateable<CaseAuditActionsTable>) => updateAtVersion(db, 'case_audit_actions', id, version, changes);

/** Active managers and partner practitioners among these users, with their agency: the people who answer audits. */
export async function answerers(db: Db, userIds: readonly string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('users')
    .select(['id', 'agency_id'])
    .where('id', 'in', [...userIds])
    .where('disabled', '=', false)
    .where((eb) => eb.or([eb(sql<string>`'manager'`, '=', eb.fn.any('roles')), eb(sql<string>`'partner_practitioner'`, '=', eb.fn.any('roles'))]))
    .execute();
}

/** Open audits whose answers these agencies have not yet submitted. */
export async function awaitingAnswers(db: Db, agencyIds: readonly string[]) {
  if (!agencyIds.length) return [];
  return db
    .selectFrom('case_audit_agencies')
    .innerJoin('case_audits', 'case_audits.id', 'case_audit_agencies.audit_id')
    .select(['case_audits.id', 'case_audits.title', 'case_audits.answers_due_on', 'case_audit_agencies.agency_id'])
    .where('case_audit_agencies.agency_id', 'in', [...agencyIds])
    .where('case_audit_agencies.submitted_at', 'is', null)
    .where('case_audits.state', '=', 'open')
    .execute();
}
