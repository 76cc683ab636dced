import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, ForbiddenError, StateError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import { chronicle } from '../people/service.ts';
import { answersTheStage, mayStep, type Step } from './access.ts';
import { DISAGREEMENT_MACHINE, STAGES, stageState, stateOf, TOP_STAGE } from './labels.ts';
import * as repo from './repository.ts';
import type { EscalateInput, ResolveInput, RespondInput, WithdrawInput } from './schema.ts';
import { auditDisagreement, CLOSED_SUMMARY, DISAGREEMENT_RECORD, disagreementFor } from './service.ts';
import type { StepKind, DisagreementsTable } from './tables.ts';

const REFUSED: Record<Step, string> = {
  respond: 'At stages 1 to 3 the two agencies respond; at stage 4 the partnership business unit records the response.',
  escalate: 'Managers of either agency escalate a disagreement (the person who raised it may take stage 1 to their line manager).',
  resolve: 'Managers of either agency record how a disagreement was resolved; at stage 4 the partnership business unit does.',
  withdraw: 'Only the person who raised a disagreement, or a manager in their agency, can withdraw it.',
};

/**
 * One step on an open disagreement: the state machine says whether it may follow, the actor's part whether they
 * may take it; then the change is saved at the version read, the step appended and the audit written together.
 */
async function takeStep(
  ctx: RequestContext,
  id: string,
  step: Step,
  input: { occurredOn: string; note: string; version: number },
  change: (row: repo.DisagreementRow) => { kind: StepKind; to: Updateable<DisagreementsTable>; closes: boolean },
): Promise<void> {
  const { row } = await disagreementFor(ctx, id);
  if (row.status !== 'open') throw new StateError(`This disagreement is ${DISAGREEMENT_MACHINE.labels[stateOf(row)].toLowerCase()}, so nothing more can be recorded on it.`);
  if (!mayStep(ctx.actor, row, step)) {
    await auditDisagreement(ctx.db, ctx, `disagreements.${step}`, id, 'denied');
    throw new ForbiddenError(REFUSED[step]);
  }
  if (input.occurredOn > ukToday()) throw new FieldProblem('occurredOn', 'The date must be today or in the past');
  if (input.occurredOn < row.stage_started_on) throw new FieldProblem('occurredOn', `The date cannot be before this stage started (${formatDate(row.stage_started_on)})`);
  const { kind, to, closes } = change(row);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateAtVersionOf(trx, id, input.version, to))) {
      throw new ConflictError('Someone else recorded a step on this disagreement after you opened it. Your step has not been saved: look at the disagreement as it is now and try again.');
    }
    await repo.insertStep(trx, { disagreement_id: id, kind, stage: row.stage, occurred_on: input.occurredOn, note: input.note, recorded_by: ctx.actor.id, agency_id: ctx.actor.agencyId });
    await auditDisagreement(trx, ctx, `disagreements.${step}`, id);
    if (closes && row.person_id) await chronicleClosure(trx, ctx, row.person_id, id);
  });
}

/**
 * The child's chronology says the disagreement ended. The actor may be in an agency that cannot open the child's
 * record, so this is not a read: it is audited as the write it is, with why.
 */
async function chronicleClosure(trx: Kysely<Database>, ctx: RequestContext, personId: string, id: string) {
  await chronicle(trx, ctx, personId, 'disagreements.closed', CLOSED_SUMMARY, { type: DISAGREEMENT_RECORD, id });
  await recordAccess(trx, { userId: ctx.actor.id, action: 'disagreements.closed', outcome: 'allowed', resourceType: 'person', resourceId: personId, personId, reason: 'Chronology entry: the disagreement ended', requestId: ctx.requestId });
}

/** What was said at this stage. The agency it is about answering (or the partnership at stage 4) stops the clock. */
export async function respond(ctx: RequestContext, id: string, input: RespondInput): Promise<void> {
  await takeStep(ctx, id, 'respond', input, (row) => ({
    kind: 'response',
    to: !row.stage_responded_on && answersTheStage(ctx.actor, row) ? { stage_responded_on: input.occurredOn } : {},
    closes: false,
  }));
}

/** Up one stage, with a fresh clock from the day it was escalated. */
export async function escalate(ctx: RequestContext, id: string, input: EscalateInput): Promise<void> {
  await takeStep(ctx, id, 'escalate', input, (row) => {
    if (row.stage >= TOP_STAGE) throw new StateError('This disagreement is at stage 4, the safeguarding partnership: it cannot be escalated further. Record how it was resolved.');
    const next = row.stage + 1;
    DISAGREEMENT_MACHINE.assert(stateOf(row), stageState(next));
    return { kind: 'escalated', to: { stage: next, stage_started_on: input.occurredOn, stage_due: dueDate(STAGES[next]!.timescale, input.occurredOn), stage_responded_on: null }, closes: false };
  });
}

export async function resolve(ctx: RequestContext, id: string, input: ResolveInput): Promise<void> {
  await takeStep(ctx, id, 'resolve', input, (row) => {
    DISAGREEMENT_MACHINE.assert(stateOf(row), 'resolved');
    return { kind: 'resolved', to: { status: 'resolved', resolution: input.resolution, resolution_summary: input.note, closed_on: input.occurredOn }, closes: true };
  });
}

export async function withdraw(ctx: RequestContext, id: string, input: WithdrawInput): Promise<void> {
  await takeStep(ctx, id, 'withdraw', input, (row) => {
    DISAGREEMENT_MACHINE.assert(stateOf(row), 'withdrawn');
    return { kind: 'withdrawn', to: { status: 'withdrawn', closed_on: input.occurredOn }, closes: true };
  });
}
