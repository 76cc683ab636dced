import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
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
