import { authoriseCase, loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { type Action, can } from '../../platform/access/rules.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';

/**
 * Child protection work is children's social care's: the child's record decides who may see it (restricted
 * records stay with the people named on them), social care staff record it, and conference chairs (social care
 * managers) record conferences. Partners and analysts are refused. Reads are audited; changes audit themselves in
 * their transaction (`{ audit: false }` then `auditChange`).
 */
export type CpAction = Extract<Action, 'socialcare.work' | 'socialcare.chair' | 'socialcare.authorise'>;

export const authoriseCp = (ctx: RequestContext, personId: string, action: CpAction, options: { audit?: boolean } = {}) => authoriseCase(ctx, personId, [], action, options);

/** Loads a record by id (404 if there is none) and decides access through its child. */
export async function recordFor<R extends { person_id: string }>(ctx: RequestContext, find: () => Promise<R | undefined>, action: CpAction, options: { audit?: boolean } = {}) {
  const row = await find();
  if (!row) throw new NotFoundError();
  const decision = await authoriseCp(ctx, row.person_id, action, options);
  return { row, decision };
}

export const staleRecord = (what: string) => new ConflictError(`This ${what} was changed by someone else after you opened it. Nothing has been saved: check it as it is now and enter your changes again.`);

/** Whether the reader may take this step on the child's record (to offer it on a page), without auditing. */
export async function mayDo(ctx: RequestContext, personId: string, action: CpAction): Promise<boolean> {
  const scope = await loadPersonScope(ctx, personId);
  return Boolean(scope && can(ctx.actor, action, { kind: 'case', case: { person: scope, teamUserIds: [] } }).allowed);
}
