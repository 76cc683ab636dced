import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export interface ChronologyEntry {
  personId: string;
  occurredAt: Date;
  entryType: string;
  summary: string;
  agencyId: string | null;
  recordedBy: string | null;
  recordType?: string | null;
  recordId?: string | null;
}

/**
 * Writes one entry on a person's chronology. Call it with the transaction that makes the change, so a change
 * and its chronology entry are saved together or not at all. Summaries are plain English for the record.
 */
export async function recordChronology(db: Kysely<Database>, entry: ChronologyEntry): Promise<void> {
  await db
    .insertInto('chronology')
    .values({
      person_id: entry.personId,
      occurred_at: entry.occurredAt,
      entry_type: entry.entryType,
      summary: entry.summary,
      agency_id: entry.agencyId,
      recorded_by: entry.recordedBy,
      record_type: entry.recordType ?? null,
      record_id: entry.recordId ?? null,
    })
    .execute();
}
