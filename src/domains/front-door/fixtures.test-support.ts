import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import type { PickedPerson } from './schema.ts';
import { createContact } from './service.ts';

/** A service context for a demo user, as a signed-in request would have. */
export async function contextFor(db: Kysely<Database>, email: string): Promise<RequestContext & { actor: NonNullable<Awaited<ReturnType<typeof loadCurrentUser>>> }> {
  const { id } = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const actor = await loadCurrentUser(db, id);
  if (!actor) throw new Error(`${email} is not a user`);
  return { db, actor, requestId: randomUUID() };
}

/** Unrestricted children of the demo, oldest id first. */
export async function someChildren(db: Kysely<Database>, count: number, offset = 0): Promise<string[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('person_type', '=', 'child')
    .where('restricted', '=', false)
    .where('merged_into', 'is', null)
    .orderBy('id')
    .offset(offset)
    .limit(count)
    .execute();
  return rows.map((r) => r.id);
}

export const details = {
  source: 'school',
  referrerName: 'Pat Quinn',
  referrerRole: 'Designated safeguarding lead',
  referrerPhone: '01632 960 001',
  referrerEmail: 'pat.quinn@cairn.example',
  reason: 'Came to school with bruising on both arms and said she was scared to go home.',
  presentingNeeds: ['physical_abuse'],
  consent: 'given' as const,
  consentOverrideReason: null,
  urgency: 'same_day' as const,
};

/** Records a contact about these children as `ctx`, at `receivedAt` (now by default). */
export async function recordContact(ctx: RequestContext, childIds: string[], options: { receivedAt?: Date; household?: PickedPerson[] } = {}) {
  const people: PickedPerson[] = [...childIds.map((personId) => ({ personId, role: 'child' as const, relationship: null })), ...(options.household ?? [])];
  const { id } = await createContact(ctx, { ...details, people }, { idempotencyKey: randomUUID(), receivedAt: options.receivedAt });
  return id;
}
