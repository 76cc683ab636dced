import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/** Statuses of a subject access request that is finished with: anything else is still being answered. */
const FINISHED = ['closed', 'completed', 'disclosed', 'withdrawn', 'refused'];

/**
 * Whether a subject access request about the person is still open: destroying the record while it is being answered
 * would be an offence (Data Protection Act 2018, section 173). Read through the catalogue, so retention works the same
 * on a database where the subject access requests table does not exist yet.
 */
export async function openSubjectAccessRequest(db: Kysely<Database>, personId: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass('sar_requests') IS NOT NULL AS present`.execute(db);
  if (!rows[0]?.present) return false;
  const open = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM sar_requests WHERE person_id = ${personId} AND status NOT IN (${sql.join(FINISHED)})`.execute(db);
  return open.rows[0]!.n > 0;
}
