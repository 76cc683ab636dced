import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { chronicle } from '../people/service.ts';

/** A chronology entry on the child about their early help case, written in the change's transaction. */
export const chronicleCase = (db: Kysely<Database>, ctx: RequestContext, personId: string, caseId: string, entryType: string, summary: string) =>
  chronicle(db, ctx, personId, entryType, summary, { type: 'early_help_case', id: caseId });
