import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { dayAfter, startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { PAGE_SIZE } from '../../platform/http/pagination.ts';
import { personHeading } from '../people/service.ts';
import { childrenWithEntries, type ChronologyFilters, filterChoices, listEntries } from './repository.ts';

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

/**
 * One page of a person's chronology, newest first. Opening it is a view of the record, so it goes through the
 * same decision and audit as the record itself.
 */
export async function readChronology(ctx: RequestContext, personId: string, filters: ChronologyFilters | null, page: number) {
  await authorisePerson(ctx, personId, 'person.view');
  const [heading, entries, choices] = await Promise.all([
    personHeading(ctx, personId),
    // No filters means the filters were not valid: no entries, rather than all of them passed off as filtered.
    filters ? listEntries(ctx.db, personId, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : { rows: [], total: 0 },
    filterChoices(ctx.db, personId),
  ]);
  return { heading, entries, choices };
}

/**
 * Entries for the API, newest first: the same decision, audit and query as the page. Dates are calendar days
 * in UK time, both ends included.
 */
export async function chronologyEntries(ctx: RequestContext, personId: string, f: { type?: string; from?: string; to?: string }, limit = 500) {
  await authorisePerson(ctx, personId, 'person.view');
  const filters: ChronologyFilters = {
    entryType: f.type ?? null,
    from: f.from ? startOfUkDay(f.from) : null,
    before: f.to ? startOfUkDay(dayAfter(f.to)) : null,
  };
  return (await listEntries(ctx.db, personId, filters, { limit, offset: 0 })).rows;
}

/**
 * The children whose chronology has an entry in these calendar days (UK time, both ends included), of one type when
 * given: the population an audit sample is drawn from. Ids, sex and date of birth only, never names; the caller
 * (a partnership audit) decides who may see more.
 */
export async function childrenKnownInPeriod(db: Kysely<Database>, f: { entryType: string | null; from: string; to: string }) {
  const rows = await childrenWithEntries(db, { entryType: f.entryType, from: startOfUkDay(f.from), before: startOfUkDay(dayAfter(f.to)) });
  return rows.map((r) => ({ personId: r.id, sex: r.sex, dateOfBirth: r.date_of_birth }));
}
