import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ContactConsent, ContactOutcome, ContactUrgency, Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { socialCareCaseworkers } from '../../platform/auth/users.ts';
import { notify } from '../../platform/notifications/notify.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { mayPickPerson } from '../people/service-pick.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { UUID } from '../../platform/http/params.ts';
import { createPerson, type DuplicateSummary, findPossibleDuplicates, personHeading } from '../people/service.ts';
import { toPersonInput } from '../people/schema.ts';
import { PRESENTING_NEEDS } from './codes.ts';
import * as repo from './repository.ts';
import type { ContactDetails, CreateContactBody, PickedPerson } from './schema.ts';
import { sourceLabel, writeContact } from './write.ts';

export { thresholdFramework, type ThresholdDomain, type ThresholdFramework, type ThresholdLevel } from './service-threshold.ts';
export { decisionDueFor } from './write.ts';
export * from './service-read.ts';
export * from './service-decisions.ts';
export * from './service-checks.ts';

/**
 * An early help case stepped up to the front door: a contact from the early help lead professional's agency,
 * carrying the case so the MASH reads its record. The caller has authorised the step-up and passes its own
 * transaction, so the case closing and the contact arriving happen together.
 */
export async function receiveStepUp(
  trx: Kysely<Database>,
  ctx: RequestContext,
  input: { earlyHelpCaseId: string; childIds: string[]; reason: string; consent: ContactConsent; consentOverrideReason: string | null; urgency: ContactUrgency },
): Promise<string> {
  const id = uuidv7();
  const actor = await trx.selectFrom('users').select('name').where('id', '=', ctx.actor.id).executeTakeFirst();
  await writeContact(trx, ctx, {
    id,
    receivedAt: new Date(),
    source: 'early_help_step_up',
    referrerName: actor?.name ?? 'Early help lead professional',
    referrerRole: 'Early help lead professional',
    referrerPhone: null,
    referrerEmail: null,
    reason: input.reason,
    presentingNeeds: [],
    consent: input.consent,
    consentOverrideReason: input.consent === 'overridden' ? input.consentOverrideReason : null,
    urgency: input.urgency,
    earlyHelpCaseId: input.earlyHelpCaseId,
    people: [...new Set(input.childIds)].map((personId) => ({ personId, role: 'child' as const, relationship: null })),
    chronologySummary: 'Stepped up from early help: contact received by the front door',
  });
  // The front door is every children's social care practitioner and manager; those who chose to be told are.
  await notify(trx, { event: 'step_up_received', userIds: (await socialCareCaseworkers(trx)).map((u) => u.id), recordId: id, link: `/contacts/${id}` });
  return id;
}

/** Who a contact was about and how it ended, for other services (a panel referral naming its contact). No access check: callers decide. */
export async function findContactSummary(
  db: Kysely<Database>,
  contactId: string,
): Promise<{ id: string; childIds: string[]; outcome: ContactOutcome | null; receivedAt: Date } | null> {
  if (!UUID.test(contactId)) return null;
  const found = await repo.contactSummary(db, contactId);
  if (!found) return null;
  return { id: found.contact.id, childIds: found.childIds, outcome: found.contact.decision_outcome, receivedAt: new Date(found.contact.received_at) };
}

/** Checks the people picked for a contact: real records, not merged away, children not adults, each once. */
async function checkPeople(ctx: RequestContext, people: readonly PickedPerson[]): Promise<void> {
  if (new Set(people.map((p) => p.personId)).size !== people.length) throw new BadRequestError('Each person can be on the contact once.');
  for (const p of people) {
    if (!(await mayPickPerson(ctx, p.personId))) throw new BadRequestError(`There is no person with the id ${p.personId} that you can name on a contact.`);
    const heading = await personHeading(ctx, p.personId);
    if (heading.mergedInto) throw new BadRequestError(`${heading.givenName} ${heading.familyName}’s record has been merged into another. Choose that record instead.`);
    if (p.role === 'child' && heading.personType === 'adult') throw new BadRequestError(`${heading.givenName} ${heading.familyName} is recorded as an adult. Add them as a household member.`);
    if (p.role === 'household' && !p.relationship) throw new BadRequestError(`Give ${heading.givenName} ${heading.familyName}’s relationship to the children.`);
  }
}

/**
 * Records a contact, once per idempotency key: a double submit or a client's retry gets the first contact back.
 * `receivedAt` is now unless a test or the demo says otherwise.
 */
export async function createContact(
  ctx: RequestContext,
  input: ContactDetails & { people: PickedPerson[] },
  options: { idempotencyKey: string | null; receivedAt?: Date },
): Promise<{ id: string; replayed: boolean }> {
  authorise(ctx, 'contact.create');
  const claim = options.idempotencyKey ? { key: options.idempotencyKey, userId: ctx.actor.id, resourceType: 'contact' } : null;
  if (claim) {
    const existing = await findIdempotentResource(ctx.db, claim);
    if (existing) return { id: existing, replayed: true };
  }
  if (!input.people.some((p) => p.role === 'child')) throw new BadRequestError('Add at least one child the concern is about.');
  await checkPeople(ctx, input.people);
  const agency = await repo.agencyName(ctx.db, ctx.actor.agencyId);
  const needs = input.presentingNeeds.map((n) => (PRESENTING_NEEDS[n] ?? n).toLowerCase()).join(', ');
  const id = uuidv7();
  const write = (trx: Kysely<Database>) =>
    writeContact(trx, ctx, {
      ...input,
      id,
      receivedAt: options.receivedAt ?? new Date(),
      consentOverrideReason: input.consent === 'overridden' ? input.consentOverrideReason : null,
      earlyHelpCaseId: null,
      chronologySummary: `Contact received from ${sourceLabel(input.source).toLowerCase()} (${agency}): ${needs}`,
    });
  if (claim) return once(ctx.db, { ...claim, resourceId: id }, write);
  await ctx.db.transaction().execute(write);
  return { id, replayed: false };
}

export type ApiContactOutcome = { outcome: 'created' | 'replayed'; id: string } | { outcome: 'possible_duplicates'; duplicates: DuplicateSummary[] };

/**
 * A contact from a partner system: children and household members by id or as new people. New people are
 * checked for duplicates first (nothing is created while any are in doubt), then added to the person index,
 * then the contact recorded; a retry with the same key reuses each.
 */
export async function submitContact(ctx: RequestContext, body: CreateContactBody, idempotencyKey: string | null): Promise<ApiContactOutcome> {
  authorise(ctx, 'contact.create');
  if (idempotencyKey) {
    const existing = await findIdempotentResource(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'contact' });
    if (existing) return { outcome: 'replayed', id: existing };
  }
  const entries = [
    ...body.children.map((c) => ({ ...c, role: 'child' as const, relationship: null })),
    ...(body.household ?? []).map((h) => ({ ...h, role: 'household' as const })),
  ];
  const fresh = entries.map((e, index) => ({ e, index, input: e.person ? toPersonInput(e.person) : null }));
  for (const { e, input } of fresh) {
    if (input && e.role === 'child' && input.personType === 'adult') throw new BadRequestError(`${input.givenName} ${input.familyName} is an adult: add them as a household member.`);
  }
  // Existing people are checked before anything is created; the contact checks them all again once new ones exist.
  await checkPeople(ctx, entries.filter((e) => e.personId).map((e) => ({ personId: e.personId!, role: e.role, relationship: (e.relationship ?? null) as PickedPerson['relationship'] })));
  if (!body.confirmedNotDuplicate) {
    const duplicates: DuplicateSummary[] = [];
    for (const { input } of fresh) if (input) duplicates.push(...(await findPossibleDuplicates(ctx, input)));
    if (duplicates.length) return { outcome: 'possible_duplicates', duplicates: [...new Map(duplicates.map((d) => [d.id, d])).values()] };
  }
  const people: PickedPerson[] = [];
  for (const { e, index, input } of fresh) {
    let personId = e.personId ?? null;
    if (input) {
      const created = await createPerson(ctx, input, null, { idempotencyKey: idempotencyKey ? `${idempotencyKey}:person:${index}` : null, confirmedNotDuplicate: true });
      if (created.outcome === 'possible_duplicates') throw new BadRequestError('This person may already have a record.');
      personId = created.id;
    }
    people.push({ personId: personId!, role: e.role, relationship: (e.relationship ?? null) as PickedPerson['relationship'] });
  }
  const { referrer, children: _c, household: _h, confirmedNotDuplicate: _d, ...details } = body;
  const result = await createContact(
    ctx,
    { ...details, referrerName: referrer.name, referrerRole: referrer.role, referrerPhone: referrer.phone, referrerEmail: referrer.email, people },
    { idempotencyKey },
  );
  return { outcome: result.replayed ? 'replayed' : 'created', id: result.id };
}
