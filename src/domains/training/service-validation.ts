import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { uuidv7 } from 'uuidv7';
import * as returns from './repository-returns.ts';
import type { DecisionInput, ValidationInput } from './schema.ts';

/**
 * The validation panel: an agency puts a course it runs itself to the partnership, and the business manager records
 * the panel's decision. Anyone signed in may put their own agency's course forward and see their agency's
 * submissions; the business manager sees them all.
 */

export const VALIDATION_RECORD = 'training_validation';
const mayDecide = (ctx: RequestContext) => can(ctx.actor, 'partnership.manage').allowed;

export async function validationList(ctx: RequestContext) {
  const all = mayDecide(ctx);
  return { rows: await returns.validations(ctx.db, all ? null : ctx.actor.agencyId), all, today: ukToday() };
}

/** A submission its own agency or the business manager may open; to anyone else it does not exist. */
export async function validationFor(ctx: RequestContext, id: string) {
  const row = await returns.findValidation(ctx.db, id);
  if (!row || (!mayDecide(ctx) && row.agency_id !== ctx.actor.agencyId)) throw new NotFoundError();
  return { row, mayDecide: mayDecide(ctx), today: ukToday() };
}

export async function submitForValidation(ctx: RequestContext, input: ValidationInput & { idempotencyKey: string }): Promise<string> {
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: VALIDATION_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await returns.insertValidation(trx, { id, agency_id: ctx.actor.agencyId, title: input.title, level: input.level, trainer: input.trainer, outline: input.outline, submitted_on: ukToday(), created_by: ctx.actor.id });
  });
  return result.id;
}

/** The panel's decision, recorded at the version the business manager read. */
export async function recordDecision(ctx: RequestContext, id: string, input: DecisionInput): Promise<void> {
  authorise(ctx, 'partnership.manage');
  const row = await returns.findValidation(ctx.db, id);
  if (!row) throw new NotFoundError();
  if (input.decidedOn > ukToday()) throw new FieldProblem('decidedOn', 'The date of the decision must be today or in the past');
  if (input.decidedOn < row.submitted_on) throw new FieldProblem('decidedOn', 'The panel cannot have decided before the course was submitted');
  const saved = await returns.updateValidationAtVersion(ctx.db, id, input.version, {
    decision: input.decision, decided_on: input.decidedOn, expires_on: input.decision === 'not_validated' ? null : input.expiresOn,
    decision_notes: input.decision === 'validated' ? null : input.notes,
  });
  if (!saved) throw new ConflictError('Someone else changed this submission after you opened it. Your decision has not been saved: look at it as it is now and try again.');
}
