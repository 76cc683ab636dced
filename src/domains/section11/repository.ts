import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Section11ChallengesTable, Section11RatingsTable, Section11RoundsTable, Section11StandardsTable } from './tables.ts';

/** Section 11's SQL. Nothing here reads a child's record: returns are about agencies. */

export const standards = (db: Kysely<Database>) => db.selectFrom('section11_standards').selectAll().orderBy('in_use', 'desc').orderBy('number').orderBy('title').execute();
export const standardsInUse = (db: Kysely<Database>) => db.selectFrom('section11_standards').selectAll().where('in_use', '=', true).orderBy('number').execute();
export const findStandard = (db: Kysely<Database>, id: string) => db.selectFrom('section11_standards').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertStandard(db: Kysely<Database>, row: Insertable<Section11StandardsTable>): Promise<string> {
  return (await db.insertInto('section11_standards').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export const updateStandardAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<Section11StandardsTable>) => updateAtVersion(db, 'section11_standards', id, version, changes);

export const agencies = (db: Kysely<Database>) => db.selectFrom('agencies').select(['id', 'name', 'kind']).orderBy('name').execute();

/** Rounds, newest first, with how many returns were asked for and submitted. */
export async function rounds(db: Kysely<Database>) {
  return db
    .selectFrom('section11_rounds as r')
    .selectAll('r')
    .select((eb) => [
      eb.selectFrom('section11_returns as x').select(eb.fn.countAll<number>().as('n')).whereRef('x.round_id', '=', 'r.id').as('asked'),
      eb.selectFrom('section11_returns as x').select(eb.fn.countAll<number>().as('n')).whereRef('x.round_id', '=', 'r.id').where('x.status', '=', 'submitted').as('submitted'),
    ])
    .orderBy('r.opens_on', 'desc')
    .execute();
}

export const findRound = (db: Kysely<Database>, id: string) => db.selectFrom('section11_rounds').selectAll().where('id', '=', id).executeTakeFirst();
export const findRoundByKey = (db: Kysely<Database>, key: string) => db.selectFrom('section11_rounds').select('id').where('idempotency_key', '=', key).executeTakeFirst();
export const roundStandards = (db: Kysely<Database>, roundId: string) => db.selectFrom('section11_round_standards').selectAll().where('round_id', '=', roundId).orderBy('number').execute();
export const updateRoundAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<Section11RoundsTable>) => updateAtVersion(db, 'section11_rounds', id, version, changes);

/** A round with its copy of the standards and an empty return for each agency asked, in one go. */
export async function insertRound(db: Kysely<Database>, row: Insertable<Section11RoundsTable> & { id: string }, agencyIds: readonly string[], createdBy: string): Promise<void> {
  await db.insertInto('section11_rounds').values(row).execute();
  const current = await standardsInUse(db);
  if (current.length) {
    await db.insertInto('section11_round_standards')
      .values(current.map((s, i) => ({ round_id: row.id, standard_id: s.id, number: i + 1, title: s.title, description: s.description, indicators: s.indicators })))
      .execute();
  }
  await db.insertInto('section11_returns').values(agencyIds.map((agency_id) => ({ round_id: row.id, agency_id, created_by: createdBy }))).execute();
}

const returnsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('section11_returns as x')
    .innerJoin('section11_rounds as r', 'r.id', 'x.round_id')
    .innerJoin('agencies as g', 'g.id', 'x.agency_id')
    .leftJoin('users as u', 'u.id', 'x.submitted_by')
    .selectAll('x')
    .select(['g.name as agency_name', 'r.title as round_title', 'r.opens_on', 'r.due_on as round_due_on', 'r.challenge_on', 'r.closed_on', 'u.name as submitted_by_name'])
    // The date this agency's return is due: an agreed extension, else the round's.
    .select(sql<string>`coalesce(x.extended_to, r.due_on)::text`.as('due_on'));

export const returnsOfRound = (db: Kysely<Database>, roundId: string) => returnsQuery(db).where('x.round_id', '=', roundId).orderBy('g.name').execute();
export const returnsOfAgency = (db: Kysely<Database>, agencyId: string) => returnsQuery(db).where('x.agency_id', '=', agencyId).orderBy('r.opens_on', 'desc').execute();
export const findReturn = (db: Kysely<Database>, id: string) => returnsQuery(db).where('x.id', '=', id).executeTakeFirst();

/** Returns not yet submitted in rounds that are open today, for the work inbox. */
export async function outstandingReturns(db: Kysely<Database>, agencyIds: readonly string[], today: string) {
  if (!agencyIds.length) return [];
  return returnsQuery(db)
    .where('x.agency_id', 'in', [...agencyIds])
    .where('x.status', '<>', 'submitted')
    .where('r.closed_on', 'is', null)
    .where('r.opens_on', '<=', today)
    .execute();
}

export const ratingsOf = (db: Kysely<Database>, returnIds: readonly string[]) =>
  returnIds.length ? db.selectFrom('section11_ratings').selectAll().where('return_id', 'in', [...returnIds]).execute() : Promise.resolve([]);

/** Saves a return's answers at the version read: the return's version moves on, then its ratings are replaced. */
export async function saveRatings(db: Kysely<Database>, returnId: string, version: number, changes: Updateable<Database['section11_returns']>, ratings: Insertable<Section11RatingsTable>[]): Promise<boolean> {
  if (!(await updateAtVersion(db, 'section11_returns', returnId, version, changes))) return false;
  await db.deleteFrom('section11_ratings').where('return_id', '=', returnId).execute();
  if (ratings.length) await db.insertInto('section11_ratings').values(ratings).execute();
  return true;
}

export const updateReturnAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<Database['section11_returns']>) => updateAtVersion(db, 'section11_returns', id, version, changes);

/** The agency's return in the latest earlier round (by opening date) that asked it, for year-on-year comparison. */
export async function previousReturn(db: Kysely<Database>, agencyId: string, before: string) {
  return db
    .selectFrom('section11_returns as x')
    .innerJoin('section11_rounds as r', 'r.id', 'x.round_id')
    .select(['x.id', 'x.round_id', 'x.status', 'r.title as round_title'])
    .where('x.agency_id', '=', agencyId)
    .where('r.opens_on', '<', before)
    .orderBy('r.opens_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export const challengesOf = (db: Kysely<Database>, returnIds: readonly string[]) =>
  returnIds.length ? db.selectFrom('section11_challenges').selectAll().where('return_id', 'in', [...returnIds]).execute() : Promise.resolve([]);

export async function insertChallenge(db: Kysely<Database>, row: Insertable<Section11ChallengesTable>): Promise<void> {
  await db.insertInto('section11_challenges').values(row).onConflict((oc) => oc.column('return_id').doNothing()).execute();
}
export const updateChallengeAtVersion = (db: Kysely<Database>, id: string, version: number, changes: Updateable<Section11ChallengesTable>) => updateAtVersion(db, 'section11_challenges', id, version, changes);

/** Users of these agencies who answer for them in the inbox: managers and partner practitioners. */
export async function answerers(db: Kysely<Database>, userIds: readonly string[]) {
  if (!userIds.length) return [];
  const rows = await db.selectFrom('users').select(['id', 'agency_id', 'roles']).where('id', 'in', [...userIds]).execute();
  return rows.filter((u) => u.roles.includes('manager') || u.roles.includes('partner_practitioner'));
}
