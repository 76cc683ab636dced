import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, HttpError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { personLocality } from '../people/service.ts';
import { CaseClosedError, caseForWork } from './access.ts';
import { chronicleCase } from './chronicle.ts';
import { STEP_DOWN_REASONS, type StepDownReason } from './labels.ts';
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
  const fromContact = await repo.findCaseByContact(trx, input.contactId, input.personId);
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
    step_down_reason: null,
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

/** Starting a case for a child who already has one open: the user is sent to the open case instead. */
export class CaseAlreadyOpenError extends HttpError {
  constructor(readonly caseId: string) {
    super(409, 'This child already has an open early help case', 'This child already has an open early help case. Work on that case, or ask its lead professional to add you to the Team Around the Child.');
  }
}

/** The child's open case, if any (only one at a time). Callers have authorised the actor for the child. */
export const openCaseOf = async (db: Kysely<Database>, personId: string) => (await repo.findOpenCaseForPerson(db, personId))?.id ?? null;

/** What the "start early help" form needs: the child's locality from their current address. */
export async function openingChoices(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'earlyhelp.open');
  return { locality: await personLocality(ctx.db, personId), openCaseId: await openCaseOf(ctx.db, personId) };
}

type Created = { id: string; replayed: boolean };

/** Runs a case-creating write once per idempotency key, refusing a second open case for the child. */
async function createCase(ctx: RequestContext, personId: string, key: string, write: (trx: Kysely<Database>, id: string) => Promise<void>): Promise<Created> {
  const claim = { key, userId: ctx.actor.id, resourceType: 'early_help_case' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return { id: earlier, replayed: true };
  const id = uuidv7();
  return once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    const open = await repo.findOpenCaseForPerson(trx, personId);
    if (open) throw new CaseAlreadyOpenError(open.id);
    await write(trx, id);
  });
}

/**
 * Any agency that can see the child starts early help: its agency leads the case (and is involved with the
 * child through it), and the person starting it may take on the lead professional role themselves.
 */
export async function openCase(ctx: RequestContext, personId: string, input: { locality: string; lead: boolean; idempotencyKey: string }): Promise<Created> {
  const decision = await authorisePerson(ctx, personId, 'earlyhelp.open', { audit: false });
  const eh = await earlyHelpAgency(ctx.db);
  const opener = await repo.findUser(ctx.db, ctx.actor.id);
  return createCase(ctx, personId, input.idempotencyKey, async (trx, id) => {
    await repo.insertCase(trx, {
      id,
      person_id: personId,
      source: 'direct',
      contact_id: null,
      step_down_summary: null,
      step_down_reason: null,
      locality: input.locality,
      opened_on: ukToday(),
      lead_professional_id: input.lead ? ctx.actor.id : null,
      lead_agency_id: ctx.actor.agencyId,
      created_by: ctx.actor.id,
    });
    const c = { id, personId };
    await involveAgency(trx, ctx, c, eh.id, 'Early help case');
    await involveAgency(trx, ctx, c, ctx.actor.agencyId, 'Early help case: lead agency');
    const lead = input.lead ? `, with ${opener?.name ?? 'them'} as lead professional` : ', awaiting a lead professional';
    await chronicleCase(trx, ctx, personId, id, 'early_help.opened', `Early help case started by ${opener?.agency_name ?? 'an agency'}${lead}`);
    await auditChange(trx, ctx, 'earlyhelp.open', personId, decision);
  });
}

/**
 * Children's social care steps a case down to early help when its assessment finds lower needs: the assessment
 * summary travels with the child and is shown on the case; the early help service allocates a lead.
 */
export async function stepDown(
  ctx: RequestContext,
  personId: string,
  input: { summary: string; reason: StepDownReason; suggestedAgencyId: string | null; idempotencyKey: string },
): Promise<Created> {
  const decision = await authorisePerson(ctx, personId, 'earlyhelp.step_down', { audit: false });
  const suggested = input.suggestedAgencyId ? await repo.findAgency(ctx.db, input.suggestedAgencyId) : null;
  if (input.suggestedAgencyId && !suggested) throw new BadRequestError('Select an agency from the list.');
  const eh = await earlyHelpAgency(ctx.db);
  return createCase(ctx, personId, input.idempotencyKey, async (trx, id) => {
    await repo.insertCase(trx, {
      id,
      person_id: personId,
      source: 'step_down',
      contact_id: null,
      step_down_summary: input.summary,
      step_down_reason: input.reason,
      locality: await personLocality(trx, personId),
      opened_on: ukToday(),
      lead_professional_id: null,
      lead_agency_id: suggested?.id ?? null,
      created_by: ctx.actor.id,
    });
    await involveAgency(trx, ctx, { id, personId }, eh.id, 'Early help case: stepped down from social care');
    const towards = suggested ? `; suggested lead agency ${suggested.name}` : '';
    await chronicleCase(trx, ctx, personId, id, 'early_help.stepped_down', `Stepped down from children’s social care to early help: ${STEP_DOWN_REASONS[input.reason].toLowerCase()}${towards}`);
    await auditChange(trx, ctx, 'earlyhelp.step_down', personId, decision);
  });
}

const CASEWORK_ROLES = new Set(['practitioner', 'manager', 'partner_practitioner', 'lado', 'panel_chair']);

/** A user who may lead a case or join a Team Around the Child: active, and working with children. */
export async function caseworker(db: Kysely<Database>, userId: string) {
  const user = await repo.findUser(db, userId);
  if (!user || user.disabled || !user.roles.some((r) => CASEWORK_ROLES.has(r))) return null;
  return user;
}

/** Every agency, for the choice of a suggested lead agency or a Team Around the Child member's agency. */
export const agencies = (db: Kysely<Database>) => repo.listAgencies(db);

/** The people who can be chosen as lead professional: anyone, in any agency, who does casework. */
export const leadChoices = (db: Kysely<Database>) => repo.listCaseworkers(db);

/**
 * The early help service allocates a lead professional from any agency; the lead's agency becomes involved with
 * the child and the lead is told.
 */
export async function allocate(ctx: RequestContext, caseId: string, input: { leadId: string; version: number }): Promise<void> {
  authorise(ctx, 'earlyhelp.list');
  const { row, decision } = await caseForWork(ctx, caseId);
  const lead = await caseworker(ctx.db, input.leadId);
  if (!lead) throw new BadRequestError('Select a lead professional from the list.');
  if (row.version !== input.version) throw staleCase();
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateCaseAtVersion(trx, caseId, input.version, { lead_professional_id: lead.id, lead_agency_id: lead.agency_id });
    if (!saved) throw (await repo.findCase(trx, caseId))?.status === 'closed' ? new CaseClosedError(row.closed_on) : staleCase();
    await involveAgency(trx, ctx, { id: caseId, personId: row.person_id }, lead.agency_id, 'Early help case: lead professional’s agency');
    if (lead.id !== ctx.actor.id) {
      await repo.insertAlerts(trx, [{ user_id: lead.id, kind: 'early_help.allocated', person_id: row.person_id, message: 'You are now the lead professional for an early help case.' }]);
    }
    await chronicleCase(trx, ctx, row.person_id, caseId, 'early_help.allocated', `Lead professional: ${lead.name} (${lead.agency_name})`);
    await auditChange(trx, ctx, 'earlyhelp.work', row.person_id, decision);
  });
}

/** Someone else changed the case since the form was read. */
export const staleCase = () =>
  new ConflictError('Someone else changed this early help case after you opened the form. Nothing you entered has been saved. Go back to the case to see the changes, then try again.');
