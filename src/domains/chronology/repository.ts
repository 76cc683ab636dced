import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

export interface ChronologyFilters {
  entryType?: string | null;
  agencyId?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  before?: Date | null;
}

export interface ChronologyRow {
  id: string;
  occurredAt: Date;
  entryType: string;
  summary: string;
  agencyName: string | null;
  recordedByName: string | null;
  recordType: string | null;
  recordId: string | null;
}

function filtered(db: Db, personId: string, f: ChronologyFilters) {
  let q = db
    .selectFrom('chronology')
    .leftJoin('agencies', 'agencies.id', 'chronology.agency_id')
    .leftJoin('users', 'users.id', 'chronology.recorded_by')
    .where('chronology.person_id', '=', personId);
  if (f.entryType) q = q.where('chronology.entry_type', '=', f.entryType);
  if (f.agencyId) q = q.where('chronology.agency_id', '=', f.agencyId);
  if (f.from) q = q.where('chronology.occurred_at', '>=', f.from);
  if (f.before) q = q.where('chronology.occurred_at', '<', f.before);
  return q;
}

export async function listEntries(db: Db, personId: string, f: ChronologyFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, personId, f)
      .select([
        'chronology.id',
        'chronology.occurred_at',
        'chronology.entry_type',
        'chronology.summary',
        'chronology.record_type',
        'chronology.record_id',
        'agencies.name as agency_name',
        'users.name as recorded_by_name',
      ])
      .orderBy('chronology.occurred_at', 'desc')
      .orderBy('chronology.created_at', 'desc')
      .orderBy('chronology.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, personId, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map(
      (r): ChronologyRow => ({
        id: r.id,
        occurredAt: r.occurred_at,
        entryType: r.entry_type,
        summary: r.summary,
        agencyName: r.agency_name,
        recordedByName: r.recorded_by_name,
        recordType: r.record_type,
        recordId: r.record_id,
      }),
    ),
  };
}

/** The types and agencies that appear on this person's chronology: the only choices worth offering as filters. */
export async function filterChoices(db: Db, personId: string) {
  const [types, agencies] = await Promise.all([
    db.selectFrom('chronology').select('entry_type').distinct().where('person_id', '=', personId).orderBy('entry_type').execute(),
    db
      .selectFrom('chronology')
      .innerJoin('agencies', 'agencies.id', 'chronology.agency_id')
      .select(['agencies.id', 'agencies.name'])
      .distinct()
      .where('chronology.person_id', '=', personId)
      .orderBy('agencies.name')
      .execute(),
  ]);
  return { types: types.map((t) => t.entry_type), agencies };
}

/**
 * Children (not merged away or destroyed) with a chronology entry in a period — of one type when given — with their
 * sex and date of birth, for drawing an audit sample. `from` inclusive, `before` exclusive.
 */
export async function childrenWithEntries(db: Db, f: { entryType: string | null; from: Date; before: Date }) {
  return db
    .selectFrom('people')
    .select(['people.id', 'people.sex', 'people.date_of_birth'])
    .where('people.person_type', '=', 'child')
    .where('people.merged_into', 'is', null)
    .where('people.destroyed_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('chronology')
          .select('chronology.id')
          .whereRef('chronology.person_id', '=', 'people.id')
          .where('chronology.occurred_at', '>=', f.from)
          .where('chronology.occurred_at', '<', f.before)
          .$if(Boolean(f.entryType), (w) => w.where('chronology.entry_type', '=', f.entryType!)),
      ),
    )
    .orderBy('people.id')
    .execute();
}
