import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

export async function insertBreakGlass(db: Db, grant: { personId: string; userId: string; reason: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('break_glass').values({ person_id: grant.personId, user_id: grant.userId, reason: grant.reason, expires_at: grant.expiresAt }).execute();
}

export async function allocatedTeamOf(db: Db, personId: string): Promise<string | null> {
  const row = await db.selectFrom('people').select('allocated_team_id').where('id', '=', personId).executeTakeFirst();
  return row?.allocated_team_id ?? null;
}

const isActiveManager = sql<boolean>`'manager' = ANY(users.roles) AND NOT users.disabled`;

/** Managers in the team the child is allocated to. */
export async function managersOfTeam(db: Db, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_teams', 'user_teams.user_id', 'users.id')
    .select('users.id')
    .where('user_teams.team_id', '=', teamId)
    .where(isActiveManager)
    .execute();
  return rows.map((r) => r.id);
}

/** Every manager in children's social care: who is told when a record has nobody allocated. */
export async function socialCareManagers(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select('users.id')
    .where('agencies.kind', '=', 'social_care')
    .where(isActiveManager)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertAlerts(db: Db, alerts: { userId: string; kind: string; personId: string | null; message: string }[]): Promise<void> {
  if (!alerts.length) return;
  await db
    .insertInto('alerts')
    .values(alerts.map((a) => ({ user_id: a.userId, kind: a.kind, person_id: a.personId, message: a.message })))
    .execute();
}

export interface AlertRow {
  id: string;
  kind: string;
  personId: string | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
}

export async function alertsFor(db: Db, userId: string, page: { limit: number; offset: number }): Promise<{ rows: AlertRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('alerts')
      .select(['id', 'kind', 'person_id', 'message', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db.selectFrom('alerts').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({ id: r.id, kind: r.kind, personId: r.person_id, message: r.message, createdAt: r.created_at, readAt: r.read_at })),
  };
}

/** Only the owner's own alerts: someone else's id simply matches nothing. */
export async function markAlertsRead(db: Db, userId: string, alertId: string | null): Promise<void> {
  let q = db.updateTable('alerts').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (alertId) q = q.where('id', '=', alertId);
  await q.execute();
}
