import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database, VisitPurpose } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { notify } from '../../platform/notifications/notify.ts';
import { chronicle } from '../people/service.ts';
import type { Allocation } from './service.ts';

export async function currentAllocations(db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, Allocation>> {
  const map = new Map<string, Allocation>();
  if (!personIds.length) return map;
  const rows = await db
    .selectFrom('case_allocations')
    .innerJoin('users', 'users.id', 'case_allocations.worker_id')
    .select(['case_allocations.person_id', 'case_allocations.worker_id', 'users.name', 'case_allocations.team_id', 'case_allocations.start_date'])
    .where('case_allocations.person_id', 'in', [...new Set(personIds)])
    .where('case_allocations.end_date', 'is', null)
    .execute();
  for (const r of rows) map.set(r.person_id, { personId: r.person_id, workerId: r.worker_id, workerName: r.name, teamId: r.team_id, startDate: r.start_date });
  return map;
}

export async function allocate(trx: Kysely<Database>, ctx: RequestContext, input: { personId: string; workerId: string; reason: string; date: string }) {
  const current = await trx.selectFrom('case_allocations').selectAll().where('person_id', '=', input.personId).where('end_date', 'is', null).forUpdate().executeTakeFirst();
  if (current?.worker_id === input.workerId) return;
  if (current) await trx.updateTable('case_allocations').set({ end_date: input.date, updated_at: new Date(), version: current.version + 1 }).where('id', '=', current.id).execute();
  const worker = await trx
    .selectFrom('users')
    .leftJoin('user_teams', 'user_teams.user_id', 'users.id')
    .select(['users.name', 'user_teams.team_id'])
    .where('users.id', '=', input.workerId)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('case_allocations')
    .values({ person_id: input.personId, worker_id: input.workerId, team_id: worker.team_id, start_date: input.date, reason: input.reason, created_by: ctx.actor.id })
    .execute();
  if (worker.team_id) await trx.updateTable('people').set({ allocated_team_id: worker.team_id }).where('id', '=', input.personId).execute();
  await chronicle(trx, ctx, input.personId, 'case.allocated', `Case allocated to ${worker.name}`);
  // Queued with the allocation, so a rolled-back allocation sends nothing; nobody is told of a case they gave themselves.
  if (input.workerId !== ctx.actor.id) await notify(trx, { event: 'case_allocated', userIds: [input.workerId], recordId: input.personId, link: `/people/${input.personId}/social-care` });
}

export async function lastVisit(db: Kysely<Database>, personId: string, purposes?: readonly VisitPurpose[]) {
  let query = db.selectFrom('visits').selectAll().where('person_id', '=', personId);
  if (purposes?.length) query = query.where('purpose', 'in', [...purposes]);
  return (await query.orderBy('visit_date', 'desc').limit(1).executeTakeFirst()) ?? null;
}

/** Social care caseworkers who share a team with this user (themselves included). */
export async function teamWorkers(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('user_teams as mine')
    .innerJoin('user_teams as theirs', 'theirs.team_id', 'mine.team_id')
    .innerJoin('users', 'users.id', 'theirs.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name'])
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('users.disabled', '=', false)
    .where('agencies.kind', '=', 'social_care')
    .where(sql<boolean>`users.roles && ARRAY['practitioner','manager']::text[]`)
    .orderBy('users.name')
    .execute();
}

/** The children each of these workers holds now. */
export async function allocatedTo(db: Kysely<Database>, workerIds: readonly string[]) {
  if (!workerIds.length) return [];
  return db
    .selectFrom('case_allocations')
    .select(['person_id', 'worker_id', 'start_date'])
    .where('worker_id', 'in', [...workerIds])
    .where('end_date', 'is', null)
    .orderBy('start_date')
    .execute();
}

export async function allocationHistory(db: Kysely<Database>, personId: string) {
  return db
    .selectFrom('case_allocations')
    .innerJoin('users', 'users.id', 'case_allocations.worker_id')
    .select(['case_allocations.id', 'users.name as workerName', 'case_allocations.start_date', 'case_allocations.end_date', 'case_allocations.reason'])
    .where('case_allocations.person_id', '=', personId)
    .orderBy('case_allocations.start_date', 'desc')
    .orderBy('case_allocations.created_at', 'desc')
    .execute();
}

export async function insertVisit(trx: Kysely<Database>, visit: Insertable<Database['visits']>) {
  await trx.insertInto('visits').values(visit).execute();
}

export async function visitsOf(db: Kysely<Database>, personId: string, limit: number) {
  return db
    .selectFrom('visits')
    .innerJoin('users', 'users.id', 'visits.visited_by')
    .select(['visits.id', 'visits.visit_date', 'visits.purpose', 'visits.child_seen', 'visits.seen_alone', 'visits.notes', 'users.name as visitedBy'])
    .where('visits.person_id', '=', personId)
    .orderBy('visits.visit_date', 'desc')
    .orderBy('visits.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function endAllocation(trx: Kysely<Database>, ctx: RequestContext, personId: string, date: string, why: string) {
  const current = await trx.selectFrom('case_allocations').select(['id', 'version', 'start_date']).where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst();
  if (!current) return;
  const end = date < current.start_date ? current.start_date : date;
  await trx.updateTable('case_allocations').set({ end_date: end, updated_at: new Date(), version: current.version + 1 }).where('id', '=', current.id).execute();
  await chronicle(trx, ctx, personId, 'case.unallocated', `Case no longer allocated: ${why}`);
}

/** The teams in which one of these users is a manager. */
export async function managedTeams(db: Kysely<Database>, userIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('user_teams')
    .innerJoin('users', 'users.id', 'user_teams.user_id')
    .select('user_teams.team_id')
    .where('users.id', 'in', [...userIds])
    .where(sql<boolean>`'manager' = ANY(users.roles)`)
    .execute();
  return [...new Set(rows.map((r) => r.team_id))];
}

/**
 * Children held by these users, or by anyone in one of these teams (those the users manage). The teams are given
 * as values, not a subquery, so both halves of the OR use their index instead of reading every allocation.
 */
export async function heldWithinReach(db: Kysely<Database>, userIds: readonly string[], teamIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('case_allocations')
    .select('person_id')
    .where('end_date', 'is', null)
    .where((eb) => eb.or([eb('worker_id', 'in', [...userIds]), ...(teamIds.length ? [eb('team_id', 'in', [...teamIds])] : [])]))
    .execute();
  return rows.map((r) => r.person_id);
}

/** The date of each child's latest visit for these purposes, in one query (children never visited are missing). */
export async function lastVisitDates(db: Kysely<Database>, personIds: readonly string[], purposes: readonly VisitPurpose[]): Promise<Map<string, string>> {
  if (!personIds.length) return new Map();
  const rows = await db
    .selectFrom('visits')
    .select(['person_id', (eb) => eb.fn.max('visit_date').as('latest')])
    .where('person_id', 'in', [...new Set(personIds)])
    .where('purpose', 'in', [...purposes])
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, String(r.latest)]));
}
