import { auditChange, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { socialCareCaseworkers } from '../../platform/auth/users.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, ConflictError } from '../../platform/http/errors.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository.ts';
import type { AllocationInput } from './schema.ts';

/** The allocation form: a social care manager gives the child's case to a worker. */
export async function allocationForm(ctx: RequestContext, personId: string) {
  await authorisePerson(ctx, personId, 'caseload.allocate');
  const [heading, workers, current, history] = await Promise.all([
    personHeading(ctx, personId),
    socialCareCaseworkers(ctx.db),
    repo.currentAllocations(ctx.db, [personId]),
    repo.allocationHistory(ctx.db, personId),
  ]);
  return { heading, workers, current: current.get(personId) ?? null, currentId: history.find((h) => !h.end_date)?.id ?? '', history };
}

export function allocationProblems(input: Pick<AllocationInput, 'date'>, currentStart: string | null, today = ukToday()) {
  if (input.date > today) return 'The date the allocation starts must be today or in the past';
  if (currentStart && input.date < currentStart) return 'The date the allocation starts must be on or after the current allocation began';
  return null;
}

/**
 * Allocates or reallocates the case. The form names the allocation it was read at, so two managers allocating
 * at once cannot silently overwrite each other.
 */
export async function allocateCase(ctx: RequestContext, personId: string, input: AllocationInput): Promise<void> {
  const decision = await authorisePerson(ctx, personId, 'caseload.allocate', { audit: false });
  const workers = await socialCareCaseworkers(ctx.db);
  if (!workers.some((w) => w.id === input.workerId)) throw new BadRequestError('Select a children’s social care worker');
  await ctx.db.transaction().execute(async (trx) => {
    const history = await repo.allocationHistory(trx, personId);
    const current = history.find((h) => !h.end_date);
    if ((current?.id ?? '') !== input.current) {
      throw new ConflictError(`Someone else allocated this case while you were choosing${current ? `: it is now held by ${current.workerName}` : ''}.`);
    }
    const problem = allocationProblems(input, current?.start_date ?? null);
    if (problem) throw new BadRequestError(problem);
    await repo.allocate(trx, ctx, { personId, workerId: input.workerId, reason: input.reason, date: input.date });
    await auditChange(trx, ctx, 'case.allocate', personId, decision);
  });
}
