import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import type { PickedPerson } from './schema.ts';
import { createPerson } from '../people/service.ts';
import { createContact } from './service.ts';

/** A service context for a demo user, as a signed-in request would have. */
export async function contextFor(db: Kysely<Database>, email: string): Promise<RequestContext & { actor: NonNullable<Awaited<ReturnType<typeof loadCurrentUser>>> }> {
  const { id } = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const actor = await loadCurrentUser(db, id);
  if (!actor) throw new Error(`${email} is not a user`);
  return { db, actor, requestId: randomUUID() };
}

let made = 0;
const GIVEN = ['Ada', 'Bram', 'Cleo', 'Dara', 'Esme', 'Finn', 'Gwen', 'Hal', 'Isla', 'Jude', 'Kit', 'Lior'];

/**
 * New children in the person index, recorded by social care (so no partner agency is involved with them yet,
 * and none has an early help case, whatever the demo data holds).
 */
export async function someChildren(db: Kysely<Database>, count: number): Promise<string[]> {
  const ctx = await contextFor(db, 'sam.rowe@cairn.example');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    made += 1;
    const outcome = await createPerson(
      ctx,
      {
        personType: 'child', givenName: GIVEN[made % GIVEN.length]!, familyName: `Thresholdby${String.fromCharCode(97 + (made % 26))}${made}`,
        dateOfBirth: `201${made % 10}-0${1 + (made % 9)}-1${made % 10}`, expectedDateOfDelivery: null, sex: made % 2 ? 'F' : 'M',
        gender: null, ethnicity: null, nhsNumber: null, upn: null, language: null, disabilities: [],
      },
      null,
      { idempotencyKey: null, confirmedNotDuplicate: true },
    );
    if (outcome.outcome === 'possible_duplicates') throw new Error('unexpected duplicate');
    ids.push(outcome.id);
  }
  return ids;
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
