import type { Kysely } from 'kysely';
import type { AuditOutcome, Database } from '../../db/types.ts';

export interface AuditFilters {
  email?: string | null;
  personId?: string | null;
  action?: string | null;
  outcome?: AuditOutcome | null;
  /** Inclusive lower bound. */
  from?: Date | null;
  /** Exclusive upper bound. */
  before?: Date | null;
}

export interface AuditRow {
  id: string;
  at: Date;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  agencyName: string | null;
  action: string;
  outcome: AuditOutcome;
  resourceType: string;
  resourceId: string | null;
  personId: string | null;
  reason: string | null;
}

function filtered(db: Kysely<Database>, f: AuditFilters) {
  let q = db
    .selectFrom('access_audit')
    .leftJoin('users', 'users.id', 'access_audit.user_id')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id');
  if (f.email) q = q.where((eb) => eb(eb.fn('lower', ['users.email']), '=', f.email!.toLowerCase()));
  if (f.personId) q = q.where('access_audit.person_id', '=', f.personId);
  if (f.action) q = q.where('access_audit.action', '=', f.action);
  if (f.outcome) q = q.where('access_audit.outcome', '=', f.outcome);
  if (f.from) q = q.where('access_audit.at', '>=', f.from);
  if (f.before) q = q.where('access_audit.at', '<', f.before);
  return q;
}

/** Newest first; the id breaks ties between rows written in the same instant. */
export async function searchAudit(db: Kysely<Database>, f: AuditFilters, page: { limit: number; offset: number }): Promise<{ rows: AuditRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select([
        'access_audit.id',
        'access_audit.at',
        'access_audit.user_id',
        'users.name as user_name',
        'users.email as user_email',
        'agencies.name as agency_name',
        'access_audit.action',
        'access_audit.outcome',
        'access_audit.resource_type',
        'access_audit.resource_id',
        'access_audit.person_id',
        'access_audit.reason',
      ])
      .orderBy('access_audit.at', 'desc')
      .orderBy('access_audit.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      userEmail: r.user_email,
      agencyName: r.agency_name,
      action: r.action,
      outcome: r.outcome,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      personId: r.person_id,
      reason: r.reason,
    })),
  };
}

export interface ViewerSummary {
  userId: string | null;
  name: string | null;
  agencyName: string | null;
  times: number;
  lastAt: Date;
}

/** One row per person who has opened (or tried to open) this record. */
export async function viewersOf(db: Kysely<Database>, personId: string): Promise<ViewerSummary[]> {
  const rows = await db
    .selectFrom('access_audit')
    .leftJoin('users', 'users.id', 'access_audit.user_id')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .where('access_audit.person_id', '=', personId)
    .groupBy(['access_audit.user_id', 'users.name', 'agencies.name'])
    .select((eb) => [
      'access_audit.user_id',
      'users.name',
      'agencies.name as agency_name',
      eb.fn.countAll<string>().as('times'),
      eb.fn.max('access_audit.at').as('last_at'),
    ])
    .orderBy('last_at', 'desc')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name, agencyName: r.agency_name, times: Number(r.times), lastAt: new Date(r.last_at) }));
}

export async function distinctActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('access_audit').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
