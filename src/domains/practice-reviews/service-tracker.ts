import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { ConflictError, FieldProblem, ForbiddenError, NotFoundError, StateError } from '../../platform/http/errors.ts';
import * as repo from './repository.ts';
import * as actions from './repository-actions.ts';
import type { ProgressInput } from './schema.ts';

/**
 * The action tracker: what was agreed on each review's recommendations, followed by the review chair, every
 * agency's managers and the board. It names reviews by reference and name only, never a child, so nothing here
 * reads a person's record.
 */

export type TrackerFilter = { agencyId: string | null; rag: string | null; status: 'open' | 'all' };

export const isOverdue = (a: { due_on: string; rag: string }, today: string) => a.rag !== 'complete' && a.due_on < today;

/** Who may give a progress update: the chair on any action, a manager on their own agency's. */
export const mayUpdate = (ctx: RequestContext, action: { agency_id: string }) =>
  ctx.actor.roles.includes('review_chair') || (ctx.actor.roles.includes('manager') && ctx.actor.agencyId === action.agency_id);

export async function tracker(ctx: RequestContext, filter: TrackerFilter) {
  authorise(ctx, 'reviews.track');
  const today = ukToday();
  const rows = await actions.actionsWithReviews(ctx.db, { agencyId: filter.agencyId, rag: filter.rag, open: filter.status === 'open' });
  return {
    rows: rows.map((a) => ({ ...a, overdue: isOverdue(a, today), mayUpdate: mayUpdate(ctx, a) })),
    agencies: await repo.agencies(ctx.db),
  };
}

export async function actionFor(ctx: RequestContext, id: string) {
  authorise(ctx, 'reviews.track');
  const [action] = await actions.actionsWithReviews(ctx.db, { id });
  if (!action) throw new NotFoundError();
  return action;
}

/** An action with its recommendation and every progress update, oldest first. */
export async function actionPage(ctx: RequestContext, id: string) {
  const action = await actionFor(ctx, id);
  const recommendation = await actions.findRecommendation(ctx.db, action.recommendation_id);
  const updates = await actions.updatesOf(ctx.db, [id]);
  return { action: { ...action, overdue: isOverdue(action, ukToday()) }, recommendation, updates, mayUpdate: mayUpdate(ctx, action) };
}

/**
 * A progress update, at the version the user read: the RAG status now and what has happened. Complete needs the
 * evidence that it was done and the date; a complete action is not reopened. Every update is kept as history.
 */
export async function updateProgress(ctx: RequestContext, id: string, input: ProgressInput): Promise<void> {
  const action = await actionFor(ctx, id);
  if (!mayUpdate(ctx, action)) throw new ForbiddenError('Only the review chair and managers of the agency that owns this action can update it.');
  if (action.rag === 'complete') throw new StateError('This action is complete, so it can no longer be updated.');
  const complete = input.rag === 'complete';
  if (complete && !input.evidence) throw new FieldProblem('evidence', 'Enter the evidence that the action is complete');
  if (complete && !input.completedOn) throw new FieldProblem('completedOn', 'Enter the date the action was completed');
  if (!complete && input.completedOn) throw new FieldProblem('completedOn', 'Leave the completion date blank unless the action is complete');
  const isChair = ctx.actor.roles.includes('review_chair');
  if (input.dueOn && input.dueOn !== action.due_on && !isChair) throw new FieldProblem('dueOn', 'Only the review chair can agree a new due date');
  const today = ukToday();
  if (input.completedOn && input.completedOn > today) throw new FieldProblem('completedOn', 'The date completed must be today or in the past');
  await ctx.db.transaction().execute(async (trx) => {
    const moved = input.dueOn && input.dueOn !== action.due_on ? input.dueOn : null;
    const changes = { rag: input.rag, evidence: input.evidence ?? action.evidence, completed_on: complete ? input.completedOn : null, due_on: moved ?? action.due_on };
    if (!(await actions.updateActionAtVersion(trx, id, input.version, changes))) {
      throw new ConflictError('Someone else updated this action after you opened it. Your update has not been saved: look at the action as it is now and try again.');
    }
    const note = moved ? `${input.note} (due date moved from ${formatDate(action.due_on)} to ${formatDate(moved)})` : input.note;
    await actions.insertUpdate(trx, { action_id: id, recorded_on: today, rag: input.rag, note, created_by: ctx.actor.id });
    await recordAccess(trx, { userId: ctx.actor.id, action: 'practice_review.progress', outcome: 'allowed', resourceType: 'practice_review_action', resourceId: id, requestId: ctx.requestId });
  });
}
