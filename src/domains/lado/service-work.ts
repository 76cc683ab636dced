import { uuidv7 } from 'uuidv7';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { auditChange, authorisePerson } from '../../platform/access/authorise.ts';
import { LADO_MACHINE, stateOf } from './labels.ts';
import * as repo from './repository.ts';
import type { AgenciesInput, CloseInput, ConcernEdit, DecisionInput, MeetingInput } from './schema.ts';
import { atVersion, caseFor, changeCase, peopleOf } from './service.ts';

const everyone = async (ctx: RequestContext, row: repo.CaseRow) => {
  const { adultId, childIds } = await peopleOf(ctx, row);
  return [adultId, ...childIds];
};

const notFuture = (date: string, field: string, what: string) => {
  if (date > ukToday()) throw new FieldProblem(field, `${what} must be today or in the past`);
};

/**
 * Corrects what was recorded about the concern while the case is open. The initial consideration clock moves with
 * the date received; a date after the decision or any other date on the case is refused.
 */
export async function editConcern(ctx: RequestContext, id: string, input: ConcernEdit): Promise<void> {
  const row = await caseFor(ctx, id);
  if (row.closed_on) throw new StateError('This case is closed, so its details can no longer be changed.');
  notFuture(input.receivedOn, 'receivedOn', 'The date received');
  const earliest = [row.decided_on, row.police_informed_on, row.employer_informed_on, row.dbs_referred_on, row.regulator_informed_on].filter((d): d is string => Boolean(d)).sort()[0];
  if (earliest && input.receivedOn > earliest) throw new FieldProblem('receivedOn', 'The date received cannot be after the decision or the dates agencies were informed');
  await changeCase(ctx, await everyone(ctx, row), 'lado.edit', (trx) =>
    atVersion(trx, id, input.version, {
      adult_role: input.adultRole, employer: input.employer, sector: input.sector, referring_agency: input.referringAgency, referrer_name: input.referrerName,
      received_on: input.receivedOn, consideration_due: addWorkingDays(input.receivedOn, 1), category: input.category, allegation: input.allegation,
    }),
  );
}

/** The initial consideration: threshold met (allegation management meetings follow) or advice only. */
export async function decideCase(ctx: RequestContext, id: string, input: DecisionInput): Promise<void> {
  const row = await caseFor(ctx, id);
  LADO_MACHINE.assert(stateOf(row), input.decision === 'meeting' ? 'meetings' : 'advice');
  notFuture(input.decidedOn, 'decidedOn', 'The date of the decision');
  if (input.decidedOn < row.received_on) throw new FieldProblem('decidedOn', 'The decision cannot be before the concern was received');
  await changeCase(ctx, await everyone(ctx, row), 'lado.decide', (trx) =>
    atVersion(trx, id, input.version, { decision: input.decision, decided_on: input.decidedOn, decision_reasons: input.reasons, decided_by: ctx.actor.id }),
  );
}

/** Police, employer, DBS and regulator involvement: dates filled in as each happens, until the case closes. */
export async function recordAgencies(ctx: RequestContext, id: string, input: AgenciesInput): Promise<void> {
  const row = await caseFor(ctx, id);
  if (row.closed_on) throw new StateError('This case is closed, so who was informed can no longer be changed.');
  for (const [field, value] of [['policeInformedOn', input.policeInformedOn], ['employerInformedOn', input.employerInformedOn], ['dbsReferredOn', input.dbsReferredOn], ['regulatorInformedOn', input.regulatorInformedOn]] as const) {
    if (!value) continue;
    notFuture(value, field, 'The date');
    if (value < row.received_on) throw new FieldProblem(field, 'The date cannot be before the concern was received');
  }
  if (input.regulatorInformedOn && !input.regulator) throw new FieldProblem('regulator', 'Select which regulator or professional body was informed');
  await changeCase(ctx, await everyone(ctx, row), 'lado.agencies', (trx) =>
    atVersion(trx, id, input.version, {
      police_informed_on: input.policeInformedOn,
      employer_informed_on: input.employerInformedOn,
      dbs_referred_on: input.dbsReferredOn,
      regulator: input.regulator,
      regulator_informed_on: input.regulatorInformedOn,
    }),
  );
}

/** An allegation management meeting with who came, what was discussed and the actions agreed. */
export async function recordMeeting(ctx: RequestContext, id: string, input: MeetingInput & { idempotencyKey: string }): Promise<string> {
  const row = await caseFor(ctx, id);
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'lado_meeting' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (stateOf(row) !== 'meetings') throw new StateError(row.closed_on ? 'This case is closed, so no more meetings can be recorded.' : 'Meetings follow a decision that the threshold is met. Record the initial consideration first.');
  notFuture(input.heldOn, 'heldOn', 'The date of the meeting');
  if (input.heldOn < row.received_on) throw new FieldProblem('heldOn', 'The meeting cannot be before the concern was received');
  if (input.nextMeetingOn && input.nextMeetingOn <= input.heldOn) throw new FieldProblem('nextMeetingOn', 'The next meeting must be after this one');
  input.actions.forEach((a, i) => {
    if (a.dueOn < input.heldOn) throw new FieldProblem(`actionDue${i}`, 'An action cannot be due before the meeting that agreed it');
  });
  const meetingId = uuidv7();
  const decision = await authorisePerson(ctx, row.adult_id, 'lado.work', { audit: false });
  const result = await once(ctx.db, { ...claim, resourceId: meetingId }, async (trx) => {
    await repo.insertMeeting(
      trx,
      { id: meetingId, case_id: id, held_on: input.heldOn, summary: input.summary, next_meeting_on: input.nextMeetingOn, created_by: ctx.actor.id },
      input.attendees,
      input.actions.map((a) => ({ case_id: id, meeting_id: meetingId, what: a.what, owner: a.owner, due_on: a.dueOn, created_by: ctx.actor.id })),
    );
    await auditChange(trx, ctx, 'lado.meeting', row.adult_id, decision);
  });
  return result.id;
}

/** Marks a meeting action done, at the version the user read. */
export async function markActionDone(ctx: RequestContext, caseId: string, actionId: string, input: { doneOn: string; version: number }): Promise<void> {
  const row = await caseFor(ctx, caseId);
  if (!Number.isInteger(input.version) || input.version < 1) throw new BadRequestError('The form is missing its version. Reload the page and try again.');
  const action = await repo.findAction(ctx.db, actionId);
  if (!action || action.case_id !== caseId) throw new NotFoundError();
  if (row.closed_on) throw new StateError('This case is closed, so its actions can no longer be changed.');
  if (action.done_on) throw new StateError('This action is already marked done.');
  notFuture(input.doneOn, 'doneOn', 'The date it was done');
  const decision = await authorisePerson(ctx, row.adult_id, 'lado.work', { audit: false });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateActionAtVersion(trx, actionId, input.version, { done_on: input.doneOn }))) {
      throw new ConflictError('Someone else changed this action after you opened the case. Look at the case as it is now and try again.');
    }
    await auditChange(trx, ctx, 'lado.action_done', row.adult_id, decision);
  });
}

/**
 * Closes the case with its outcome and what the employer or others did. An allegation that went to a meeting
 * needs an outcome and at least one action; advice-only concerns close without one. Nothing is deleted.
 */
export async function closeCase(ctx: RequestContext, id: string, input: CloseInput): Promise<void> {
  const row = await caseFor(ctx, id);
  LADO_MACHINE.assert(stateOf(row), 'closed');
  notFuture(input.closedOn, 'closedOn', 'The date the case closes');
  if (input.closedOn < row.decided_on!) throw new FieldProblem('closedOn', 'The case cannot close before the initial consideration decision');
  const sanctions = [...new Set(input.sanctions)];
  if (row.decision === 'meeting') {
    if (!input.outcome) throw new FieldProblem('outcome', 'Select the outcome of the allegation');
    if (!sanctions.length) throw new FieldProblem('sanctions', 'Select what was done, or “No action”');
    const meetings = await repo.meetingsOf(ctx.db, id);
    const last = meetings.at(-1)?.held_on;
    if (last && input.closedOn < last) throw new FieldProblem('closedOn', 'The case cannot close before its last meeting');
    const open = (await repo.actionsOf(ctx.db, id)).filter((a) => !a.done_on).length;
    if (open) throw new FieldProblem('closedOn', `${open === 1 ? '1 meeting action is' : `${open} meeting actions are`} still open: mark ${open === 1 ? 'it' : 'them'} done before closing the case`);
  } else if (input.outcome) {
    throw new FieldProblem('outcome', 'An advice-only concern has no outcome: leave the outcome blank');
  }
  if (sanctions.includes('no_action') && sanctions.length > 1) throw new FieldProblem('sanctions', 'Select “No action” on its own, or the actions taken');
  await changeCase(ctx, await everyone(ctx, row), 'lado.close', (trx) =>
    atVersion(trx, id, input.version, { outcome: input.outcome, sanctions, closed_on: input.closedOn, closure_notes: input.notes }),
  );
}
