import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * The one thing a referral needs from a front door contact that the front door's `findContactSummary` does not
 * give: who made it (its source), to map to the CIN referral source. Read-only. If the front door adds `source`
 * to its summary, this file goes.
 */
export const contactSource = async (db: Kysely<Database>, contactId: string): Promise<string | null> =>
  (await db.selectFrom('contacts').select('source').where('id', '=', contactId).executeTakeFirst())?.source ?? null;
