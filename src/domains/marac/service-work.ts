import { uuidv7 } from 'uuidv7';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { authorise, authorisePerson, auditChange } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { UUID } from '../../platform/http/params.ts';
import * as repo from './repository.ts';
import type { CloseInput, DiscussionInput } from './schema.ts';
import { atVersion, caseFor, changeCase, peopleOf } from './service.ts';

const notFuture = (date: string, field: string, what: string) => {
  if (date > ukToday()) throw new FieldProblem(field, `${what} must be today or in the past`);
};

/** Closes the case: the coordinator's agency stops seeing its people from that day on. Nothing is deleted. */
export async function closeCase(ctx: RequestContext, id: string, input: CloseInput): Promise<void> {
  const row = await caseFor(ctx, id);
  if (row.closed_on) throw new StateError('This case is already closed.');
  notFuture(input.closedOn, 'closedOn', 'The date the case closes');
  if (input.closedOn < row.referred_on) throw new FieldProblem('closedOn', 'The case cannot close before it was referred');
  await changeCase(ctx, await peopleOf(ctx, row), 'marac.close', async (trx) => {
    await atVersion(trx, id, input.version, { closed_on: input.closedOn, closure_reason: input.reason });
    await repo.endInvolvements(trx, id, input.closedOn);
  });
}

/** Schedules a MARAC meeting (usually fortnightly or monthly); its agenda is filled from open cases. */
export async function scheduleMeeting(ctx: RequestContext, input: { heldOn: string; idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'marac.work');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'marac_meeting' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, (trx) => repo.insertMeeting(trx, { id, held_on: input.heldOn, created_by: ctx.actor.id }));
  return result.id;
}

export async function meetingFor(ctx: RequestContext, id: string) {
  authorise(ctx, 'marac.work');
  const meeting = await repo.findMeeting(ctx.db, id);
  if (!meeting) throw new NotFoundError();
  return meeting;
}

/** Puts an open case on a meeting's agenda (twice is the same as once). */
export async function addToAgenda(ctx: RequestContext, meetingId: string, caseId: string): Promise<void> {
  const meeting = await meetingFor(ctx, meetingId);
  if (!UUID.test(caseId)) throw new BadRequestError('Choose a case to add to the agenda.');
  const row = await caseFor(ctx, caseId);
  if (row.closed_on) throw new StateError('This case is closed, so it cannot go on an agenda.');
  if (meeting.held_on < row.referred_on) throw new StateError('A case cannot be discussed at a meeting before it was referred.');
  await changeCase(ctx, [row.victim_id], 'marac.agenda', (trx) => repo.insertDiscussion(trx, { meeting_id: meetingId, case_id: caseId, created_by: ctx.actor.id }));
}

/**
 * What the meeting heard about a case, the actions agreed by agency, and whether the case closes or is carried
 * to the next meeting. Saved once per agenda item, at the version read.
 */
export async function recordDiscussion(ctx: RequestContext, meetingId: string, discussionId: string, input: DiscussionInput): Promise<void> {
  authorise(ctx, 'marac.work');
  const discussion = await repo.findDiscussion(ctx.db, discussionId);
  if (!discussion || discussion.meeting_id !== meetingId) throw new NotFoundError();
  const meeting = await meetingFor(ctx, discussion.meeting_id);
  const row = await caseFor(ctx, discussion.case_id);
  if (discussion.outcome) throw new StateError('This discussion has already been recorded.');
  if (row.closed_on) throw new StateError('This case is closed.');
  if (meeting.held_on > ukToday()) throw new StateError('This meeting has not happened yet: record the discussion on or after the day of the meeting.');
  input.actions.forEach((a, i) => {
    if (a.dueOn < meeting.held_on) throw new FieldProblem(`actionDue${i}`, 'An action cannot be due before the meeting that agreed it');
  });
  await changeCase(ctx, await peopleOf(ctx, row), 'marac.discuss', async (trx) => {
    if (!(await repo.updateDiscussionAtVersion(trx, discussionId, input.version, { summary: input.summary, outcome: input.outcome }))) {
      throw new ConflictError('Someone else recorded this discussion after you opened it. Look at the meeting as it is now and try again.');
    }
    await repo.insertActions(trx, input.actions.map((a) => ({ case_id: row.id, discussion_id: discussionId, what: a.what, agency: a.agency, owner: a.owner, due_on: a.dueOn, created_by: ctx.actor.id })));
    if (input.outcome === 'closed') {
      await atVersion(trx, row.id, row.version, { closed_on: meeting.held_on, closure_reason: 'actions_complete' });
      await repo.endInvolvements(trx, row.id, meeting.held_on);
    }
  });
}

/** Marks an action done, at the version the user read. */
export async function markActionDone(ctx: RequestContext, caseId: string, actionId: string, input: { doneOn: string; version: number }): Promise<void> {
  const row = await caseFor(ctx, caseId);
  if (!Number.isInteger(input.version) || input.version < 1) throw new BadRequestError('The form is missing its version. Reload the page and try again.');
  const action = await repo.findAction(ctx.db, actionId);
  if (!action || action.case_id !== caseId) throw new NotFoundError();
  if (action.done_on) throw new StateError('This action is already marked done.');
  const decision = await authorisePerson(ctx, row.victim_id, 'marac.work', { audit: false });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateActionAtVersion(trx, actionId, input.version, { done_on: input.doneOn }))) {
      throw new ConflictError('Someone else changed this action after you opened the case. Look at the case as it is now and try again.');
    }
    await auditChange(trx, ctx, 'marac.action_done', row.victim_id, decision);
  });
}
