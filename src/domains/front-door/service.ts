import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ContactConsent, ContactOutcome, ContactUrgency, Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { UUID } from '../../platform/http/params.ts';
import * as repo from './repository.ts';
import { writeContact } from './write.ts';

export { thresholdFramework, type ThresholdDomain, type ThresholdFramework, type ThresholdLevel } from './service-threshold.ts';
export { decisionDueFor } from './write.ts';

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
