import type { Kysely } from 'kysely';
import type { Database, VisitPurpose } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import * as repo from './repository.ts';

export interface Allocation {
  personId: string;
  workerId: string;
  workerName: string;
  teamId: string | null;
  startDate: string;
}

/** Who holds each child's case now (children nobody holds are missing from the map). */
export const allocations = (db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, Allocation>> => repo.currentAllocations(db, personIds);

/**
 * Gives the child's case to a worker in the change's transaction (a referral allocated, a transfer): ends the
 * current allocation, opens the new one (903 social worker episode with its reason code), keeps the person's
 * team in step so break-glass alerts reach the right managers, and writes the chronology.
 */
export const allocateInTransaction = (
  trx: Kysely<Database>,
  ctx: RequestContext,
  input: { personId: string; workerId: string; reason: string; date: string },
): Promise<void> => repo.allocate(trx, ctx, input);

/** The latest visit to the child (optionally only for these purposes), or null. */
export const lastVisit = (db: Kysely<Database>, personId: string, purposes?: readonly VisitPurpose[]) => repo.lastVisit(db, personId, purposes);

/** Ends the child's allocation in the change's transaction (their episode closed): the history is kept. */
export const endAllocationInTransaction = (trx: Kysely<Database>, ctx: RequestContext, input: { personId: string; date: string; why: string }): Promise<void> =>
  repo.endAllocation(trx, ctx, input.personId, input.date, input.why);

/**
 * The children whose work can reach these users' inbox: those they hold, and for a manager those held in their
 * teams. Capabilities read their open records for these children only, so the inbox stays quick however large
 * the authority.
 */
export const heldWithinReach = (db: Kysely<Database>, userIds: readonly string[], within?: object): Promise<string[]> =>
  once(within, 'held', async () => repo.heldWithinReach(db, userIds, await managedTeams(db, userIds, within)));

/**
 * The children these users hold themselves (not their teams'): for work that only ever goes to the worker holding
 * the child (or to someone named on the record), so a manager's count does not read their whole team's children.
 */
export const heldBy = (db: Kysely<Database>, userIds: readonly string[], within?: object): Promise<string[]> =>
  once(within, 'heldBy', () => repo.heldWithinReach(db, userIds, []));

/**
 * The teams these users manage: work about a child nobody holds goes to the managers of the child's team, so a
 * capability reads such work for these teams only.
 */
export const managedTeams = (db: Kysely<Database>, userIds: readonly string[], within?: object): Promise<string[]> =>
  once(within, 'teams', () => repo.managedTeams(db, userIds));

/**
 * Several inbox sources ask the same thing while one inbox is gathered (the header count runs on every page):
 * given the work query they answer (`within`), they share one read of it for as long as that query lives.
 */
const shared = new WeakMap<object, Map<string, Promise<unknown>>>();
function once<T>(within: object | undefined, name: string, read: () => Promise<T>): Promise<T> {
  if (!within) return read();
  const reads = shared.get(within) ?? new Map<string, Promise<unknown>>();
  shared.set(within, reads);
  if (!reads.has(name)) reads.set(name, read());
  return reads.get(name) as Promise<T>;
}

/** The latest visit date of each of these children for these purposes, for lists and the inbox (one query). */
export const lastVisitDates = (db: Kysely<Database>, personIds: readonly string[], purposes: readonly VisitPurpose[]) => repo.lastVisitDates(db, personIds, purposes);
