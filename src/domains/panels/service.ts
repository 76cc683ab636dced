import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authorise, authoriseCase, authorisePerson, loadPersonScope, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { type Actor, can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { BadRequestError, ConflictError, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { recordChronology } from '../chronology/service.ts';
import { findCaseSummary } from '../early-help/service.ts';
import { findContactSummary } from '../front-door/service.ts';
import { fullName } from '../people/names.ts';
import { personLocality } from '../people/service.ts';
import { CLOSURE_OUTCOMES, kindLabel, labelOf, PANEL_KINDS } from './codes.ts';
import * as meetings from './repository-meetings.ts';
import * as repo from './repository.ts';
import type { PanelInput, ReferralInput } from './schema.ts';

/** A refusal that belongs to one field of the form (shown beside it), with the status the page answers. */
export class FieldError extends HttpError {
  constructor(
    readonly field: string,
    message: string,
    status: 400 | 409 = 400,
  ) {
    super(status, status === 409 ? 'This has already been done' : 'There is a problem with your request', message);
  }
}

/** Someone else saved a newer version first: the page shows what the user entered, so nothing is lost. */
export class VersionConflict extends ConflictError {}

/** The record's state does not allow this now (a finished meeting, a closed referral): answered 409 with why. */
export class NotAllowedNow extends HttpError {
  constructor(message: string) {
    super(409, 'This cannot be done now', message);
  }
}

export const actorOf = (u: repo.UserChoice): Actor => ({ id: u.id, agencyId: u.agencyId, agencyKind: u.agencyKind, roles: u.roles });

/** People who may chair a panel: panel chairs and children's social care managers. */
export async function chairChoices(db: Kysely<Database>) {
  return (await repo.activeUsers(db)).filter((u) => can(actorOf(u), 'panels.chair').allowed);
}

/** Writes a chronology entry about a child for a panel event, in the change's transaction. */
export async function chronicle(trx: Kysely<Database>, ctx: RequestContext, personId: string, entryType: string, summary: string, referralId: string) {
  await recordChronology(trx, {
    personId, occurredAt: new Date(), entryType, summary, agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: 'panel_referral', recordId: referralId,
  });
}

/** Which of these children the actor may open, decided together (for lists: names only to those who may). */
export async function visibility(ctx: RequestContext, personIds: readonly string[]) {
  const visible = await viewablePeople(ctx, [...new Set(personIds)]);
  return (personId: string) => visible.has(personId);
}

// ---- Panels ----------------------------------------------------------------------------------------------

export async function listPanels(ctx: RequestContext) {
  authorise(ctx, 'panels.view');
  const panels = await repo.listPanels(ctx.db);
  return { panels: panels.map((p) => ({ ...p, kindLabel: kindLabel(p.kind), awaiting: Number(p.awaiting ?? 0), open: Number(p.open ?? 0) })), mayChair: can(ctx.actor, 'panels.chair').allowed };
}

async function checkPanel(db: Kysely<Database>, input: PanelInput, exceptId: string | null) {
  if (await repo.panelNameTaken(db, input.name, exceptId)) throw new FieldError('name', 'There is already a panel with this name. Choose another.', 409);
  if (!(await chairChoices(db)).some((u) => u.id === input.chairId)) throw new FieldError('chairId', 'Select a chair from the list');
}

export async function createPanel(ctx: RequestContext, input: PanelInput, idempotencyKey: string): Promise<string> {
  authorise(ctx, 'panels.chair');
  const claim = { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'panel' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  await checkPanel(ctx.db, input, null);
  const resourceId = uuidv7();
  const { id } = await once(ctx.db, { ...claim, resourceId }, async (trx) => {
    await repo.insertPanel(trx, { id: resourceId, ...input, createdBy: ctx.actor.id });
  });
  return id;
}

export async function panelForEdit(ctx: RequestContext, panelId: string) {
  authorise(ctx, 'panels.chair');
  const panel = await repo.findPanel(ctx.db, panelId);
  if (!panel) throw new NotFoundError();
  return panel;
}

/**
 * Changes a panel's details. A new chair from another agency takes over the panel involvement with every child
 * still before the panel (the old chair's agency stops seeing them through the panel).
 */
export async function updatePanel(ctx: RequestContext, panelId: string, version: number, input: PanelInput & { active: boolean }) {
  const panel = await panelForEdit(ctx, panelId);
  await checkPanel(ctx.db, input, panelId);
  const chair = (await repo.findUser(ctx.db, input.chairId))!;
  const today = ukToday();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePanel(trx, panelId, version, input))) throw new VersionConflict('Someone else changed this panel while you were editing it.', panel);
    if (chair.agencyId === panel.chair_agency_id) return;
    for (const r of await repo.panelReferrals(trx, panelId, ['awaiting', 'open'])) {
      await repo.endReferralInvolvements(trx, r.id, today);
      await repo.insertInvolvement(trx, { personId: r.person_id, agencyId: chair.agencyId, basis: 'panel', detail: `Referred to ${input.name}`, startDate: today, sourceId: r.id, createdBy: ctx.actor.id });
      await chronicle(trx, ctx, r.person_id, 'panel.chair_changed', `${input.name} has a new chair (${chair.name}, ${chair.agencyName})`, r.id);
    }
  });
}

// ---- Referrals -------------------------------------------------------------------------------------------

type Child = NonNullable<Awaited<ReturnType<typeof repo.findChild>>>;

/** Who a panel takes: the Unborn Baby Panel plans before birth; the others work with children already born. */
export function checkChildForPanel(kind: keyof typeof PANEL_KINDS, child: Pick<Child, 'person_type'>) {
  if (kind === 'unborn_baby' && child.person_type !== 'unborn') {
    throw new FieldError('panelId', 'The Unborn Baby Panel plans for babies before they are born. Refer from the unborn child’s record (add the unborn child to the person index if the pregnancy is not recorded yet).');
  }
  if (child.person_type === 'adult') throw new FieldError('panelId', 'Panels take referrals about children. Refer from the child’s record.');
  if (kind !== 'unborn_baby' && child.person_type === 'unborn') {
    throw new FieldError('panelId', `The ${PANEL_KINDS[kind].label} works with children already born. Refer an unborn baby to the Unborn Baby Panel.`);
  }
}

/** The referral form: the panels open to referral, the one that fits the child best, and what is already open. */
export async function referralForm(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'panels.refer');
  const child = await repo.findChild(ctx.db, personId);
  if (!child) throw new NotFoundError();
  const [panels, locality, referrals] = await Promise.all([repo.listPanels(ctx.db), personLocality(ctx.db, personId), repo.referralsOfPerson(ctx.db, personId)]);
  const active = panels.filter((p) => p.active);
  const suggested = child.person_type === 'unborn' ? active.find((p) => p.kind === 'unborn_baby') : active.find((p) => p.kind === 'masg' && p.locality === locality);
  return { child, name: fullName(child), panels: active, suggestedPanelId: suggested?.id ?? null, locality, current: referrals.filter((r) => r.status !== 'closed') };
}

export async function findActivePanel(db: Kysely<Database>, panelId: string | null) {
  const panel = panelId ? await repo.findPanel(db, panelId) : null;
  return panel?.active ? panel : null;
}

/** Checks the early help case or contact a referral names is about this child. */
async function checkLinks(db: Kysely<Database>, personId: string, input: Pick<ReferralInput, 'earlyHelpCaseId' | 'contactId'>) {
  if (input.earlyHelpCaseId) {
    const found = await findCaseSummary(db, input.earlyHelpCaseId);
    if (!found || found.personId !== personId) throw new FieldError('earlyHelpCaseId', 'There is no early help case with this reference for this child');
  }
  if (input.contactId) {
    const found = await findContactSummary(db, input.contactId);
    if (!found || !found.childIds.includes(personId)) throw new FieldError('contactId', 'There is no contact with this reference about this child');
  }
}

/**
 * Refers a child to a panel. The panel chair's agency becomes involved with the child (so the chair can see the
 * record) until the referral closes. One open referral per child per panel; a repeated submission is one referral.
 */
export async function createReferral(ctx: RequestContext, personId: string, panelId: string, input: ReferralInput): Promise<string> {
  const decision = await authorisePerson(ctx, personId, 'panels.refer', { audit: false });
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'panel_referral' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const child = await repo.findChild(ctx.db, personId);
  if (!child) throw new NotFoundError();
  if (child.merged_into) throw new NotAllowedNow('This record has been merged into another: refer from the record it was merged into.');
  const panel = await findActivePanel(ctx.db, panelId);
  if (!panel) throw new FieldError('panelId', 'Select a panel from the list');
  checkChildForPanel(panel.kind, child);
  await checkLinks(ctx.db, personId, input);
  const today = ukToday();
  const resourceId = uuidv7();
  const { id } = await once(ctx.db, { ...claim, resourceId }, async (trx) => {
    const current = await repo.currentReferral(trx, panel.id, personId);
    if (current) throw new FieldError('panelId', `${fullName(child)} is already referred to ${panel.name}. The panel reviews the referral until it closes.`, 409);
    await repo.insertReferral(trx, {
      id: resourceId, panelId: panel.id, personId, route: input.route, presentingIssues: input.presentingIssues, reason: input.reason, referredOn: today,
      referredBy: ctx.actor.id, agencyId: ctx.actor.agencyId, earlyHelpCaseId: input.earlyHelpCaseId ?? null, contactId: input.contactId ?? null,
    });
    if (panel.chair_agency_id) {
      await repo.insertInvolvement(trx, { personId, agencyId: panel.chair_agency_id, basis: 'panel', detail: `Referred to ${panel.name}`, startDate: today, sourceId: resourceId, createdBy: ctx.actor.id });
    }
    await chronicle(trx, ctx, personId, 'panel.referred', `Referred to ${panel.name}`, resourceId);
    await auditChange(trx, ctx, 'panels.refer', personId, decision);
  });
  return id;
}

/** The people who work on a referral: its panel's chair (and, for an action, its owner). */
export const chairOf = (r: { chair_id: string | null }) => (r.chair_id ? [r.chair_id] : []);

/** Authorises the actor to run this referral at the panel (record decisions, close it). */
export async function authoriseChairOf(ctx: RequestContext, personId: string, chairId: string | null, options: { audit?: boolean } = {}) {
  return authoriseCase(ctx, personId, chairId ? [chairId] : [], 'panels.chair', options);
}

/** Whether the actor could run this referral at the panel, without writing to the audit (to offer the buttons). */
export async function mayChair(ctx: RequestContext, personId: string, chairId: string | null, extraUserIds: string[] = []) {
  const scope = await loadPersonScope(ctx, personId);
  return scope !== null && can(ctx.actor, 'panels.chair', { kind: 'case', case: { person: scope, teamUserIds: [...chairOf({ chair_id: chairId }), ...extraUserIds] } }).allowed;
}

export async function loadReferral(db: Kysely<Database>, referralId: string) {
  const r = await repo.findReferral(db, referralId);
  if (!r) throw new NotFoundError();
  return r;
}

/**
 * Ends a referral: its outcome recorded, taken off agendas still to be held, and the chair's agency no longer
 * involved through it (access lasts to the end of the closing day, so the meeting's record can be finished).
 */
export async function applyClosure(
  trx: Kysely<Database>,
  ctx: RequestContext,
  r: { id: string; person_id: string; services_offered: string[] },
  v: { outcome: string; closedOn: string; panelName: string; outcomeLabel: string; note?: string | null; version?: number },
) {
  const done = await repo.updateReferral(trx, r.id, { status: 'closed', nextReviewDue: null, servicesOffered: r.services_offered, closedOn: v.closedOn, outcome: v.outcome }, v.version);
  if (!done) throw new VersionConflict('Someone else changed this referral while you were working on it.');
  await repo.endReferralInvolvements(trx, r.id, ukToday());
  const note = v.note ? `. ${v.note}` : '';
  await chronicle(trx, ctx, r.person_id, 'panel.referral_closed', `${v.panelName} closed the referral: ${v.outcomeLabel.toLowerCase()}${note}`, r.id);
}

export async function completeAction(ctx: RequestContext, actionId: string, version: number | null) {
  const action = await repo.findAction(ctx.db, actionId);
  if (!action) throw new NotFoundError();
  // The owner, or whoever may run the panel (its chair, another panel chair, a social care manager).
  const decision = await authoriseCase(ctx, action.person_id, [...chairOf(action), action.owner_id], 'panels.chair', { audit: false });
  if (action.completed_on) throw new NotAllowedNow('This action is already marked as done.');
  if (version === null) throw new BadRequestError('The form is missing its version. Reload the page and try again.');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.completeAction(trx, actionId, version, ukToday()))) throw new VersionConflict('Someone else changed this action first.');
    await chronicle(trx, ctx, action.person_id, 'panel.action_completed', `Panel action done: ${action.action}`, action.referral_id);
    await auditChange(trx, ctx, 'panels.chair', action.person_id, decision);
  });
  return action.referral_id;
}

/** Closes a referral outside a meeting (the family moved, a step-up made the panel unnecessary). */
export async function closeReferral(ctx: RequestContext, referralId: string, v: { outcome: string; note: string | null; version: number }) {
  authorise(ctx, 'panels.chair');
  const r = await loadReferral(ctx.db, referralId);
  const decision = await authoriseChairOf(ctx, r.person_id, r.chair_id, { audit: false });
  if (r.status === 'closed') throw new NotAllowedNow('This referral is already closed.');
  const decided = await meetings.decidedPlannedItemOf(ctx.db, r.id);
  if (decided) {
    throw new NotAllowedNow(`A decision about this child is recorded for the meeting on ${formatDate(decided.meeting_date)}. Close the referral there, or finish that meeting first.`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await meetings.deletePendingItemsOf(trx, r.id);
    await applyClosure(trx, ctx, r, { outcome: v.outcome, closedOn: ukToday(), panelName: r.panel_name, outcomeLabel: labelOf(CLOSURE_OUTCOMES, v.outcome), note: v.note, version: v.version });
    await auditChange(trx, ctx, 'panels.chair', r.person_id, decision);
  });
  return r;
}

/** A referral the actor may close: still open, and the actor runs its panel (the form shows the child's name). */
export async function openReferralToClose(ctx: RequestContext, referralId: string, options: { audit?: boolean } = {}) {
  authorise(ctx, 'panels.chair');
  const r = await loadReferral(ctx.db, referralId);
  await authoriseChairOf(ctx, r.person_id, r.chair_id, options);
  if (r.status === 'closed') throw new NotAllowedNow('This referral is already closed.');
  return r;
}
