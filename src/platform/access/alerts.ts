import { PAGE_SIZE } from '../http/pagination.ts';
import type { RequestContext } from './authorise.ts';
import * as repo from './repository.ts';

/** Everyone has their own alerts; nobody sees anyone else's. */
export async function myAlerts(ctx: RequestContext, page: number) {
  return repo.alertsFor(ctx.db, ctx.actor.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
}

export const markRead = (ctx: RequestContext, alertId: string | null) => repo.markAlertsRead(ctx.db, ctx.actor.id, alertId);
