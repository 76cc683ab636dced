import { recordAccess } from '../audit/audit.ts';
import { ForbiddenError, NotFoundError } from '../http/errors.ts';
import { formatDateTime } from '../views/format.ts';
import type { CurrentUser } from '../auth/users.ts';
import { loadPersonScope, type RequestContext } from './authorise.ts';
import * as repo from './repository.ts';
import { can } from './rules.ts';

export type BreakGlassOffer = { offered: true } | { offered: false; alreadyAllowed: true };

/**
 * Emergency access is only for someone whose role works with children and who is refused this one record
 * (not involved, or restricted); everyone else is refused outright, and anyone already allowed needs none.
 */
export async function breakGlassOffer(ctx: RequestContext, personId: string): Promise<BreakGlassOffer> {
  const scope = await loadPersonScope(ctx, personId);
  if (!scope) throw new NotFoundError();
  const decision = can(ctx.actor, 'person.view', { kind: 'person', person: scope });
  if (decision.allowed) return { offered: false, alreadyAllowed: true };
  if (!decision.breakGlass) throw new ForbiddenError(decision.reason);
  return { offered: true };
}

/** Who is told: the managers of the team the child is allocated to, or every social care manager if none. */
async function managersToTell(ctx: RequestContext, personId: string): Promise<string[]> {
  const team = await repo.allocatedTeamOf(ctx.db, personId);
  const managers = team ? await repo.managersOfTeam(ctx.db, team) : [];
  const chosen = managers.length ? managers : await repo.socialCareManagers(ctx.db);
  return [...new Set(chosen)].filter((id) => id !== ctx.actor.id);
}

/**
 * Opens the record to this user for `breakGlassHours`, audits it with the reason, and alerts the record's
 * managers, all in one transaction: emergency access never happens unrecorded or untold.
 */
export async function openBreakGlass(
  ctx: RequestContext & { actor: CurrentUser },
  personId: string,
  reason: string,
  hours: number,
): Promise<{ expiresAt: Date; managersTold: number }> {
  const offer = await breakGlassOffer(ctx, personId);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  if (!offer.offered) return { expiresAt, managersTold: 0 };
  const managers = await managersToTell(ctx, personId);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertBreakGlass(trx, { personId, userId: ctx.actor.id, reason, expiresAt });
    await recordAccess(trx, {
      userId: ctx.actor.id,
      action: 'person.break_glass',
      outcome: 'break_glass',
      resourceType: 'person',
      resourceId: personId,
      personId,
      reason,
      requestId: ctx.requestId,
    });
    const message = `${ctx.actor.name} (${ctx.actor.agencyName}) used emergency access to a record on ${formatDateTime(now)}. Reason given: ${reason}`;
    await repo.insertAlerts(trx, managers.map((userId) => ({ userId, kind: 'break_glass', personId, message })));
  });
  return { expiresAt, managersTold: managers.length };
}
