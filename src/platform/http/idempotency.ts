import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { BadRequestError } from './errors.ts';

export interface IdempotencyClaim {
  key: string;
  userId: string;
  resourceType: string;
  /** The id the new resource will have: chosen before the insert so the key can name it. */
  resourceId: string;
}

/** The resource an earlier request with this key created, if any (a cheap check before doing any work). */
export async function findIdempotentResource(db: Kysely<Database>, claim: Omit<IdempotencyClaim, 'resourceId'>): Promise<string | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['user_id', 'resource_type', 'resource_id'])
    .where('key', '=', claim.key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.user_id !== claim.userId || row.resource_type !== claim.resourceType) {
    throw new BadRequestError('This idempotency key has already been used for something else. Send a new one.');
  }
  return row.resource_id;
}

/**
 * Claims the key inside the transaction that creates the resource. Returns null when the caller should go on
 * and create it, or the id of the resource an earlier request with the same key created. A second request
 * racing the first waits on the key's row until the first commits (or rolls back), so only one is created.
 */
export async function claimIdempotencyKey(trx: Kysely<Database>, claim: IdempotencyClaim): Promise<string | null> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ key: claim.key, user_id: claim.userId, resource_type: claim.resourceType, resource_id: claim.resourceId })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning(sql<string>`key`.as('key'))
    .executeTakeFirst();
  if (inserted) return null;
  return findIdempotentResource(trx, claim);
}

/**
 * Runs `create` once per key: a repeated request (a double-click, a client retry) gets the first result's id
 * back instead of creating a second resource.
 */
export async function once(
  db: Kysely<Database>,
  claim: IdempotencyClaim,
  create: (trx: Kysely<Database>) => Promise<void>,
): Promise<{ id: string; replayed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await claimIdempotencyKey(trx, claim);
    if (existing) return { id: existing, replayed: true };
    await create(trx);
    return { id: claim.resourceId, replayed: false };
  });
}
