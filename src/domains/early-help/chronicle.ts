import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import type { Decision } from '../../platform/access/rules.ts';
import { recordChronology } from '../chronology/service.ts';

/** A chronology entry on the child about their early help case, written in the change's transaction. */
export async function chronicleCase(db: Kysely<Database>, ctx: RequestContext, personId: string, caseId: string, entryType: string, summary: string) {
  await recordChronology(db, {
    personId,
    occurredAt: new Date(),
    entryType,
    summary,
    agencyId: ctx.actor.agencyId,
    recordedBy: ctx.actor.id,
    recordType: 'early_help_case',
    recordId: caseId,
  });
}

/** The audit row for a change to a child's early help case, in the change's own transaction. */
export async function auditCaseChange(db: Kysely<Database>, ctx: RequestContext, action: string, personId: string, decision: Extract<Decision, { allowed: true }>) {
  await recordAccess(db, {
    userId: ctx.actor.id,
    action,
    outcome: decision.via === 'break_glass' ? 'break_glass' : 'allowed',
    resourceType: 'person',
    resourceId: personId,
    personId,
    requestId: ctx.requestId,
  });
}
