import type { Kysely } from 'kysely';
import type { AuditOutcome, Database } from '../../db/types.ts';

export interface AuditEntry {
  userId: string | null;
  action: string;
  outcome: AuditOutcome;
  resourceType: string;
  resourceId?: string | null;
  personId?: string | null;
  reason?: string | null;
  requestId?: string | null;
}

/** Appends to the access audit. Pass the transaction when the audited change is part of one. */
export async function recordAccess(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('access_audit')
    .values({
      user_id: entry.userId,
      action: entry.action,
      outcome: entry.outcome,
      resource_type: entry.resourceType,
      resource_id: entry.resourceId ?? null,
      person_id: entry.personId ?? null,
      reason: entry.reason ?? null,
      request_id: entry.requestId ?? null,
    })
    .execute();
}
