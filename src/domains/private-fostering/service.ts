import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import { auditChange, authoriseCase, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { fullName } from '../people/names.ts';
import { chronicle } from '../people/service.ts';
import { CHECKS, DECISIONS, END_REASONS, NOTIFIERS, RELATIONSHIPS } from './labels.ts';
import * as repo from './repository.ts';
import { ageProblem, isDisabled, nextVisitDue, relationshipProblem } from './rules.ts';
import type { AssessmentInput, DetailsInput, EndInput, NotificationInput, VisitInput } from './schema.ts';

export const ARRANGEMENT_RECORD = 'private_fostering';


const stale = () => new ConflictError('Someone else changed this private fostering arrangement while you were filling in the form. Nothing you entered has been saved.');

/** The arrangement, for social care work on the child's record (`socialcare.work`, or another action). */
export async function arrangementFor(ctx: RequestContext, id: string, action: 'socialcare.work' | 'socialcare.authorise' = 'socialcare.work', options: { audit?: boolean } = {}) {
  const row = await repo.findArrangement(ctx.db, id);
  if (!row) throw new NotFoundError();
  // A manager's confirmation is decided as work on a case about the child: the rules name it for cases only.
  const decision = action === 'socialcare.authorise' ? await authoriseCase(ctx, row.person_id, [], action, options) : await authorisePerson(ctx, row.person_id, action, options);
  return { row, decision };
}

function checkCurrent(row: repo.ArrangementRow) {
  if (row.ended_on) throw new HttpError(409, 'This arrangement has ended', `This private fostering arrangement ended on ${formatDate(row.ended_on)}. Nothing more can be recorded on it.`);
}

/**
 * Records a notification of private fostering: the arrangement, its carers and what the notifier said. Refuses a
 * child too old to be privately fostered and a carer who is a close relative (neither is private fostering).
 */
export async function recordNotification(ctx: RequestContext, personId: string, input: NotificationInput & { idempotencyKey: string | null }): Promise<string> {
  const decision = await authorisePerson(ctx, personId, 'socialcare.work', { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: ARRANGEMENT_RECORD } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return earlier;
  const child = await repo.childFacts(ctx.db, personId);
  if (!child) throw new NotFoundError();
  if (child.person_type !== 'child') throw new FieldProblem('startDate', 'Private fostering is recorded on a child’s record');
  if (input.notifiedOn > ukToday()) throw new FieldProblem('notifiedOn', 'The date of the notification must be today or in the past');
  const age = ageProblem(child.date_of_birth, isDisabled(child.disabilities), input.startDate > input.notifiedOn ? input.startDate : input.notifiedOn);
  if (age) throw new FieldProblem('startDate', age);
  for (const [field, relationship] of [['carerRelationship', input.carerRelationship], ['secondCarerRelationship', input.secondCarerRelationship]] as const) {
    const problem = relationship ? relationshipProblem(relationship) : null;
    if (problem) throw new FieldProblem(field, problem);
  }
  const adults = await repo.linkedAdults(ctx.db, personId);
  const chosen = input.carerPersonId ? adults.find((a) => a.id === input.carerPersonId) : null;
  if (input.carerPersonId && !chosen) throw new FieldProblem('carerPersonId', 'Select a carer from the people linked to the child');
  const carers = [{ personId: chosen?.id ?? null, name: chosen ? fullName(chosen) : input.carerName!, relationship: input.carerRelationship }];
  if (input.secondCarerName) carers.push({ personId: null, name: input.secondCarerName, relationship: input.secondCarerRelationship! });
  const id = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertArrangement(trx, {
      id, person_id: personId, notified_on: input.notifiedOn, notified_by: input.notifiedBy, notifier_detail: input.notifierDetail, start_date: input.startDate,
      parents_details: input.parentsDetails, reason: input.reason, expected_duration: input.expectedDuration, created_by: ctx.actor.id,
    });
    await repo.insertCarers(trx, carers.map((c) => ({ arrangement_id: id, carer_person_id: c.personId, name: c.name, relationship: c.relationship, created_by: ctx.actor.id })));
    const when = input.notifiedOn <= input.startDate ? 'before it started' : 'after it started';
    await chronicle(trx, ctx, personId, 'private_fostering.notified',
      `Private fostering notified on ${formatDate(input.notifiedOn)} by ${NOTIFIERS[input.notifiedBy].toLowerCase()} (${when}, ${formatDate(input.startDate)}). Carer: ${carers.map((c) => `${c.name} (${RELATIONSHIPS[c.relationship]!.label.toLowerCase()})`).join(', ')}. First visit due ${formatDate(nextVisitDue({ notifiedOn: input.notifiedOn, startDate: input.startDate }, null))}`,
      { type: ARRANGEMENT_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', personId, decision);
  };
  if (claim) return (await once(ctx.db, { ...claim, resourceId: id }, write)).id;
  await ctx.db.transaction().execute(write);
  return id;
}

/** Corrects the arrangement's details; a new start date must still fit the child's age. */
export async function updateDetails(ctx: RequestContext, id: string, input: DetailsInput) {
  const { row, decision } = await arrangementFor(ctx, id, 'socialcare.work', { audit: false });
  checkCurrent(row);
  if (row.version !== input.version) throw stale();
  const child = await repo.childFacts(ctx.db, row.person_id);
  const age = ageProblem(child?.date_of_birth ?? null, isDisabled(child?.disabilities ?? []), input.startDate > row.notified_on ? input.startDate : row.notified_on);
  if (age) throw new FieldProblem('startDate', age);
  const changed = [
    input.startDate !== row.start_date && 'start date', (input.notifierDetail ?? null) !== row.notifier_detail && 'who notified', input.parentsDetails !== row.parents_details && 'parents',
    input.reason !== row.reason && 'reason', input.expectedDuration !== row.expected_duration && 'expected duration',
  ].filter((c): c is string => Boolean(c));
  if (!changed.length) return;
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateArrangementAtVersion(trx, id, input.version, { start_date: input.startDate, notifier_detail: input.notifierDetail, parents_details: input.parentsDetails, reason: input.reason, expected_duration: input.expectedDuration });
    if (!saved) throw stale();
    await chronicle(trx, ctx, row.person_id, 'private_fostering.changed', `Private fostering details changed: ${changed.join(', ')}`, { type: ARRANGEMENT_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  });
}

/** A statutory visit. It keeps the date it was due (from the visit before it), so timeliness is on the record. */
export async function recordVisit(ctx: RequestContext, id: string, input: VisitInput & { idempotencyKey: string | null }): Promise<string> {
  const { row, decision } = await arrangementFor(ctx, id, 'socialcare.work', { audit: false });
  const claim = input.idempotencyKey ? { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'private_fostering_visit' } : null;
  const earlier = claim ? await findIdempotentResource(ctx.db, claim) : null;
  if (earlier) return earlier;
  checkCurrent(row);
  if (input.visitDate > ukToday() || input.visitDate < row.notified_on) throw new FieldProblem('visitDate', `The date of the visit must be between ${formatDate(row.notified_on)} (the notification) and today`);
  const visits = await repo.visitsOf(ctx.db, [id]);
  const before = visits.find((v) => v.visit_date <= input.visitDate)?.visit_date ?? null;
  const arrangement = { notifiedOn: row.notified_on, startDate: row.start_date };
  const dueOn = nextVisitDue(arrangement, before);
  const visitId = uuidv7();
  const write = async (trx: Kysely<Database>) => {
    await repo.insertVisit(trx, { id: visitId, arrangement_id: id, person_id: row.person_id, visit_date: input.visitDate, due_on: dueOn, child_seen: input.childSeen, seen_alone: input.seenAlone, notes: input.notes, created_by: ctx.actor.id });
    const latest = [input.visitDate, ...visits.map((v) => v.visit_date)].sort().at(-1)!;
    const seen = input.childSeen ? (input.seenAlone ? 'child seen alone' : 'child seen') : 'child not seen';
    const timing = input.visitDate <= dueOn ? 'on time' : `late (due ${formatDate(dueOn)})`;
    await chronicle(trx, ctx, row.person_id, 'private_fostering.visit', `Private fostering visit on ${formatDate(input.visitDate)}, ${timing}: ${seen}. Next visit due ${formatDate(nextVisitDue(arrangement, latest))}`, { type: ARRANGEMENT_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  };
  if (claim) return (await once(ctx.db, { ...claim, resourceId: visitId }, write)).id;
  await ctx.db.transaction().execute(write);
  return visitId;
}

/**
 * The assessment of the arrangement: carer checks and the social worker's decision on suitability. A changed
 * decision needs a manager's confirmation again.
 */
export async function saveAssessment(ctx: RequestContext, id: string, input: AssessmentInput) {
  const { row, decision } = await arrangementFor(ctx, id, 'socialcare.work', { audit: false });
  checkCurrent(row);
  if (row.version !== input.version) throw stale();
  const today = ukToday();
  for (const field of ['dbsOn', 'referencesOn', 'healthOn', 'accommodationOn', 'decisionOn'] as const) {
    const on = input[field];
    if (on && on > today) throw new FieldProblem(field, 'The date must be today or in the past');
  }
  const decisionChanged = input.decision !== row.decision || input.decisionOn !== row.decision_on;
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateArrangementAtVersion(trx, id, input.version, {
      dbs_on: input.dbsOn, dbs_result: input.dbsResult, references_on: input.referencesOn, references_result: input.referencesResult,
      health_on: input.healthOn, health_result: input.healthResult, accommodation_on: input.accommodationOn, accommodation_result: input.accommodationResult,
      decision: input.decision, decision_on: input.decisionOn, decision_notes: input.decisionNotes,
      ...(decisionChanged ? { decided_by: input.decision ? ctx.actor.id : null, confirmed_by: null, confirmed_on: null } : {}),
    });
    if (!saved) throw stale();
    const done = CHECKS.filter((c) => input[`${c.key}On`]).map((c) => c.label.split(' ')[0]!.toLowerCase());
    const summary = decisionChanged && input.decision
      ? `Private fostering arrangement assessed as ${DECISIONS[input.decision].toLowerCase()} on ${formatDate(input.decisionOn)}: awaiting a manager’s confirmation`
      : `Private fostering carer checks updated${done.length ? ` (${done.join(', ')})` : ''}`;
    await chronicle(trx, ctx, row.person_id, 'private_fostering.assessment', summary, { type: ARRANGEMENT_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  });
}

/** A manager confirms the social worker's decision on suitability. */
export async function confirmDecision(ctx: RequestContext, id: string, input: { version: number }) {
  const { row, decision } = await arrangementFor(ctx, id, 'socialcare.authorise', { audit: false });
  checkCurrent(row);
  if (row.version !== input.version) throw stale();
  if (!row.decision) throw new HttpError(409, 'No decision to confirm', 'There is no decision on suitability to confirm yet. The social worker records it with the carer checks.');
  if (row.confirmed_by) throw new HttpError(409, 'Already confirmed', 'This decision has already been confirmed by a manager.');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateArrangementAtVersion(trx, id, input.version, { confirmed_by: ctx.actor.id, confirmed_on: ukToday() }))) throw stale();
    await chronicle(trx, ctx, row.person_id, 'private_fostering.confirmed', `Manager confirmed the private fostering arrangement as ${DECISIONS[row.decision!].toLowerCase()}`, { type: ARRANGEMENT_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.authorise', row.person_id, decision);
  });
}

/** Ends the arrangement: the visit clock stops; nothing is deleted. */
export async function endArrangement(ctx: RequestContext, id: string, input: EndInput) {
  const { row, decision } = await arrangementFor(ctx, id, 'socialcare.work', { audit: false });
  checkCurrent(row);
  if (row.version !== input.version) throw stale();
  if (input.endedOn > ukToday() || input.endedOn < row.notified_on) throw new FieldProblem('endedOn', `The date the arrangement ended must be between ${formatDate(row.notified_on)} (the notification) and today`);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateArrangementAtVersion(trx, id, input.version, { ended_on: input.endedOn, end_reason: input.endReason, end_notes: input.endNotes }))) throw stale();
    await chronicle(trx, ctx, row.person_id, 'private_fostering.ended', `Private fostering arrangement ended on ${formatDate(input.endedOn)}: ${END_REASONS[input.endReason].toLowerCase()}`, { type: ARRANGEMENT_RECORD, id });
    await auditChange(trx, ctx, 'socialcare.work', row.person_id, decision);
  });
}
