import type { ContactOutcome } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { decidedContactsOf } from './repository-letters.ts';

export interface DecidedContact {
  id: string;
  receivedAt: Date;
  decidedAt: Date;
  outcome: ContactOutcome;
}

/**
 * The signed-off decisions on contacts about a child, newest first, for a letter telling the family the outcome.
 * Says nothing of who made the contact or why: the letter must not. Callers have authorised the actor for the child.
 */
export async function decidedContactsAbout(ctx: RequestContext, childId: string): Promise<DecidedContact[]> {
  const rows = await decidedContactsOf(ctx.db, childId);
  return rows.map((r) => ({ id: r.id, receivedAt: new Date(r.received_at), decidedAt: new Date(r.decided_at ?? r.received_at), outcome: r.decision_outcome! }));
}
