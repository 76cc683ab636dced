import type { Kysely } from 'kysely';
import type { ContactConsent, ContactUrgency, Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { addWorkingDays, ukDate } from '../../platform/calendar/working-days.ts';
import { recordChronology } from '../chronology/service.ts';
import { CONTACT_SOURCES } from './codes.ts';
import * as repo from './repository.ts';

/** The threshold decision is due one working day after the day the contact arrived (England's calendar). */
export const decisionDueFor = (receivedAt: Date): string => addWorkingDays(ukDate(receivedAt), 1);

export interface ContactPerson {
  personId: string;
  role: 'child' | 'household';
  relationship: string | null;
}

export interface NewContactInput {
  id: string;
  receivedAt: Date;
  source: string;
  referrerName: string;
  referrerRole: string | null;
  referrerPhone: string | null;
  referrerEmail: string | null;
  reason: string;
  presentingNeeds: string[];
  consent: ContactConsent;
  consentOverrideReason: string | null;
  urgency: ContactUrgency;
  earlyHelpCaseId: string | null;
  people: ContactPerson[];
  /** What the chronology says on each child. */
  chronologySummary: string;
}

/**
 * Saves a contact in the caller's transaction: the contact, who it is about, the recording agency's involvement
 * with each person (social care sees every child already), 'contact.received' on each child's chronology and
 * the audit of each person recorded on it.
 */
export async function writeContact(trx: Kysely<Database>, ctx: RequestContext, input: NewContactInput): Promise<void> {
  await repo.insertContact(trx, {
    id: input.id,
    received_at: input.receivedAt,
    decision_due: decisionDueFor(input.receivedAt),
    source: input.source,
    referrer_name: input.referrerName,
    referrer_role: input.referrerRole,
    referrer_phone: input.referrerPhone,
    referrer_email: input.referrerEmail,
    made_by_agency_id: ctx.actor.agencyId,
    reason: input.reason,
    presenting_needs: input.presentingNeeds,
    consent: input.consent,
    consent_override_reason: input.consent === 'overridden' ? input.consentOverrideReason : null,
    urgency: input.urgency,
    early_help_case_id: input.earlyHelpCaseId,
    allocated_to: null,
    decision_level: null,
    decision_outcome: null,
    decision_reasons: null,
    decided_by: null,
    decided_at: null,
    signed_off_by: null,
    signed_off_at: null,
    returned_comment: null,
    created_by: ctx.actor.id,
  });
  await repo.insertContactPeople(trx, input.id, input.people);
  const startDate = ukDate(input.receivedAt);
  if (ctx.actor.agencyKind !== 'social_care') {
    await repo.insertInvolvements(
      trx,
      input.people.map((p) => ({
        personId: p.personId,
        agencyId: ctx.actor.agencyId,
        basis: 'made_contact' as const,
        detail: `Made a contact on ${startDate}`,
        startDate,
        sourceType: 'contact',
        sourceId: input.id,
        createdBy: ctx.actor.id,
      })),
    );
  }
  for (const p of input.people) {
    if (p.role === 'child') {
      await recordChronology(trx, {
        personId: p.personId,
        occurredAt: input.receivedAt,
        entryType: 'contact.received',
        summary: input.chronologySummary,
        agencyId: ctx.actor.agencyId,
        recordedBy: ctx.actor.id,
        recordType: 'contact',
        recordId: input.id,
      });
    }
    await recordAccess(trx, {
      userId: ctx.actor.id,
      action: 'contact.create',
      outcome: 'allowed',
      resourceType: 'contact',
      resourceId: input.id,
      personId: p.personId,
      requestId: ctx.requestId,
    });
  }
}

export const sourceLabel = (source: string) => CONTACT_SOURCES[source] ?? source;
