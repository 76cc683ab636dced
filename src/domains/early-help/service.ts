import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personLocality } from '../people/service.ts';
import { chronicleCase } from './chronicle.ts';
import * as repo from './repository.ts';

export interface CaseSummary {
  id: string;
  personId: string;
  status: 'open' | 'closed';
  leadProfessionalId: string | null;
}

/** The little other capabilities need to know about a case (panels link referrals to it). Does not authorise. */
export async function findCaseSummary(db: Kysely<Database>, caseId: string): Promise<CaseSummary | null> {
  const row = await repo.findCase(db, caseId);
  return row ? { id: row.id, personId: row.person_id, status: row.status, leadProfessionalId: row.lead_professional_id } : null;
}

/** The early help service's agency; every case involves it (it registers and coordinates early help). */
export async function earlyHelpAgency(db: Kysely<Database>): Promise<{ id: string; name: string }> {
  const agency = await repo.findEarlyHelpAgency(db);
  if (!agency) throw new Error('No agency of kind early_help is set up: early help cases need one.');
  return agency;
}

/**
 * Gives an agency an early help involvement with the child, named by the case so that closing it ends exactly
 * this. Social care sees every child anyway, so it is not given one.
 */
export async function involveAgency(trx: Kysely<Database>, ctx: RequestContext, c: { id: string; personId: string }, agencyId: string, detail: string) {
  const agency = await repo.findAgency(trx, agencyId);
  if (!agency || agency.kind === 'social_care') return;
  if (await repo.hasInvolvementFrom(trx, agencyId, repo.CASE_SOURCE, c.id)) return;
  await repo.insertInvolvement(trx, {
    personId: c.personId,
    agencyId,
    basis: 'early_help',
    detail,
    startDate: ukToday(),
    sourceType: repo.CASE_SOURCE,
    sourceId: c.id,
    createdBy: ctx.actor.id,
  });
}

/**
 * A front door decision of "early help": opens a case awaiting allocation by the early help service, in the
 * decision's transaction. Authorisation is the front door's (it decided the contact). If the child already has an
 * open early help case, the decision joins it (its lead professional is told) instead of opening a second one;
 * deciding the same contact twice returns the same case.
 */
export async function openCaseFromDecision(
  trx: Kysely<Database>,
  ctx: RequestContext,
  input: { personId: string; contactId: string; summary: string },
): Promise<string> {
  const fromContact = await repo.findCaseByContact(trx, input.contactId);
  if (fromContact) return fromContact.id;
  const open = await repo.findOpenCaseForPerson(trx, input.personId);
  if (open) {
    if (open.lead_professional_id) {
      await repo.insertAlerts(trx, [
        { user_id: open.lead_professional_id, kind: 'early_help.contact_decided', person_id: input.personId, message: 'The front door decided a new contact about a child on your early help caseload as early help.' },
      ]);
    }
    await chronicleCase(trx, ctx, input.personId, open.id, 'early_help.contact_joined', 'Front door decision of early help added to the open early help case');
    return open.id;
  }
  const agency = await earlyHelpAgency(trx);
  const id = uuidv7();
  const today = ukToday();
  await repo.insertCase(trx, {
    id,
    person_id: input.personId,
    source: 'front_door',
    contact_id: input.contactId,
    step_down_summary: null,
    locality: await personLocality(trx, input.personId),
    opened_on: today,
    lead_professional_id: null,
    lead_agency_id: null,
    created_by: ctx.actor.id,
  });
  await involveAgency(trx, ctx, { id, personId: input.personId }, agency.id, 'Early help case');
  const why = input.summary.trim();
  await chronicleCase(trx, ctx, input.personId, id, 'early_help.opened', `Early help case opened from a front door decision, awaiting allocation${why ? `: ${why}` : ''}`);
  return id;
}
