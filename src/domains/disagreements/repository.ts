import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import type { DisagreementStepsTable, DisagreementsTable } from './tables.ts';

export type DisagreementRow = Selectable<DisagreementsTable>;
export type StepRow = Selectable<DisagreementStepsTable>;

export async function findDisagreement(db: Kysely<Database>, id: string): Promise<DisagreementRow | undefined> {
  return db.selectFrom('disagreements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDisagreement(db: Kysely<Database>, row: Insertable<DisagreementsTable>): Promise<void> {
  await db.insertInto('disagreements').values(row).execute();
}

export const updateAtVersionOf = (db: Kysely<Database>, id: string, version: number, changes: Updateable<DisagreementsTable>) => updateAtVersion(db, 'disagreements', id, version, changes);

export async function insertStep(db: Kysely<Database>, step: Insertable<DisagreementStepsTable>): Promise<void> {
  await db.insertInto('disagreement_steps').values(step).execute();
}

/** A disagreement's steps, oldest first, with who recorded each and their agency. */
export async function stepsOf(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('disagreement_steps as s')
    .innerJoin('users as u', 'u.id', 's.recorded_by')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .selectAll('s')
    .select(['u.name as by_name', 'a.name as agency_name'])
    .where('s.disagreement_id', '=', id)
    .orderBy('s.occurred_on')
    .orderBy('s.created_at')
    .execute();
}

/** Every agency, for the "whose decision" choice and to name agencies on pages. */
export async function agencies(db: Kysely<Database>) {
  return db.selectFrom('agencies').select(['id', 'name', 'kind']).orderBy('name').execute();
}

export async function userName(db: Kysely<Database>, id: string): Promise<string | null> {
  return (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

export type ListScope = { kind: 'mine'; userId: string } | { kind: 'agency'; agencyId: string } | { kind: 'all' };

/** Disagreements in a scope, with agency names and the raiser's name, newest first. No child names. */
export async function listDisagreements(db: Kysely<Database>, scope: ListScope, status: 'open' | 'closed' | 'all') {
  let query = db
    .selectFrom('disagreements as d')
    .innerJoin('agencies as ra', 'ra.id', 'd.raised_by_agency')
    .innerJoin('agencies as aa', 'aa.id', 'd.about_agency')
    .innerJoin('users as u', 'u.id', 'd.raised_by')
    .select(['d.id', 'd.raised_on', 'd.decision', 'd.stage', 'd.stage_due', 'd.stage_responded_on', 'd.status', 'd.resolution', 'd.closed_on', 'd.raised_by', 'd.raised_by_agency', 'd.about_agency'])
    .select(['ra.name as raised_by_agency_name', 'aa.name as about_agency_name', 'u.name as raised_by_name']);
  if (scope.kind === 'mine') query = query.where('d.raised_by', '=', scope.userId);
  if (scope.kind === 'agency') query = query.where((w) => w.or([w('d.raised_by_agency', '=', scope.agencyId), w('d.about_agency', '=', scope.agencyId)]));
  if (status === 'open') query = query.where('d.status', '=', 'open');
  if (status === 'closed') query = query.where('d.status', '<>', 'open');
  return query.orderBy('d.raised_on', 'desc').orderBy('d.created_at', 'desc').limit(500).execute();
}

/** Every disagreement's reportable columns (no text, no names), for the figures. */
export async function disagreementsForFigures(db: Kysely<Database>) {
  return db
    .selectFrom('disagreements as d')
    .innerJoin('agencies as ra', 'ra.id', 'd.raised_by_agency')
    .innerJoin('agencies as aa', 'aa.id', 'd.about_agency')
    .select(['d.raised_on', 'd.stage', 'd.status', 'd.resolution', 'd.closed_on', 'ra.name as raised_by', 'aa.name as about'])
    .orderBy('d.raised_on')
    .execute();
}

/** Open disagreements, for the inbox: stage clocks and who should answer. */
export async function openDisagreements(db: Kysely<Database>) {
  return db
    .selectFrom('disagreements')
    .select(['id', 'raised_by', 'raised_by_agency', 'about_agency', 'raised_on', 'stage', 'stage_due', 'stage_responded_on'])
    .where('status', '=', 'open')
    .orderBy('stage_due')
    .execute();
}

/** Of these users, the ones with a role: managers (who answer for their agency) or the business unit. */
export async function usersWithRole(db: Kysely<Database>, userIds: readonly string[], role: 'manager' | 'review_chair') {
  if (!userIds.length) return [];
  return db
    .selectFrom('users')
    .select(['id', 'agency_id'])
    .where('id', 'in', [...userIds])
    .where('disabled', '=', false)
    .where(sql<boolean>`${role} = ANY(roles)`)
    .execute();
}
