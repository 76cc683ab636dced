import type { Kysely } from 'kysely';
import type { AgencyKind, Database } from '../../db/types.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';

type Db = Kysely<Database>;

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  agencyName: string;
  teams: string[];
  roles: string[];
  disabled: boolean;
  lockedUntil: Date | null;
}

export async function listUsers(db: Db, agencyId: string | null): Promise<UserListRow[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name', 'users.email', 'users.roles', 'users.disabled', 'users.locked_until', 'agencies.name as agency_name'])
    .orderBy('users.name')
    .orderBy('users.id');
  if (agencyId) q = q.where('users.agency_id', '=', agencyId);
  const rows = await q.execute();
  const teams = rows.length
    ? await db
        .selectFrom('user_teams')
        .innerJoin('teams', 'teams.id', 'user_teams.team_id')
        .select(['user_teams.user_id', 'teams.name'])
        .where('user_teams.user_id', 'in', rows.map((r) => r.id))
        .orderBy('teams.name')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    agencyName: r.agency_name,
    teams: teams.filter((t) => t.user_id === r.id).map((t) => t.name),
    roles: r.roles,
    disabled: r.disabled,
    lockedUntil: r.locked_until,
  }));
}

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  agencyId: string;
  teamIds: string[];
  roles: string[];
  disabled: boolean;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  version: number;
}

export async function findUser(db: Db, id: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const teams = await db.selectFrom('user_teams').select('team_id').where('user_id', '=', id).execute();
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    agencyId: row.agency_id,
    teamIds: teams.map((t) => t.team_id),
    roles: row.roles,
    disabled: row.disabled,
    lockedUntil: row.locked_until,
    mustChangePassword: row.must_change_password,
    version: row.version,
  };
}

export async function userIdByEmail(db: Db, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface NewUserRow {
  id: string;
  name: string;
  email: string;
  agencyId: string;
  roles: string[];
  password: string;
  createdBy: string | null;
}

/** Every new account starts with a password someone else has seen, so it must be changed at first sign-in. */
export async function insertUser(db: Db, user: NewUserRow): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      agency_id: user.agencyId,
      roles: user.roles,
      password_hash: await hashPassword(user.password),
      must_change_password: true,
      created_by: user.createdBy,
    })
    .execute();
}

export async function setUserTeams(db: Db, userId: string, teamIds: readonly string[]): Promise<void> {
  await db.deleteFrom('user_teams').where('user_id', '=', userId).execute();
  if (teamIds.length) await db.insertInto('user_teams').values(teamIds.map((team_id) => ({ user_id: userId, team_id }))).execute();
}

/** Updates only if the row is still at `version`; returns false when someone else changed it first. */
export async function updateUser(
  db: Db,
  id: string,
  version: number,
  values: { name: string; email: string; agencyId: string; roles: string[]; disabled: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set((eb) => ({
      name: values.name,
      email: values.email,
      agency_id: values.agencyId,
      roles: values.roles,
      disabled: values.disabled,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  // Counted by what came back rather than numUpdatedRows, which not every driver reports.
  return result !== undefined;
}

export async function resetUserPassword(db: Db, id: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      must_change_password: true,
      failed_sign_ins: 0,
      locked_until: null,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

export async function unlockUser(db: Db, id: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: 0, locked_until: null, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export interface AgencyWithTeams {
  id: string;
  name: string;
  kind: AgencyKind;
  teams: { id: string; name: string }[];
}

export async function listAgencies(db: Db): Promise<AgencyWithTeams[]> {
  const [agencies, teams] = await Promise.all([
    db.selectFrom('agencies').select(['id', 'name', 'kind']).orderBy('name').execute(),
    db.selectFrom('teams').select(['id', 'name', 'agency_id']).orderBy('name').execute(),
  ]);
  return agencies.map((a) => ({ ...a, teams: teams.filter((t) => t.agency_id === a.id).map(({ id, name }) => ({ id, name })) }));
}

export async function findAgencyByName(db: Db, name: string): Promise<{ id: string; kind: AgencyKind } | null> {
  const row = await db
    .selectFrom('agencies')
    .select(['id', 'kind'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .executeTakeFirst();
  return row ?? null;
}

export async function agencyExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst());
}

export async function insertAgency(db: Db, agency: { name: string; kind: AgencyKind; createdBy: string | null }): Promise<string> {
  const row = await db.insertInto('agencies').values({ name: agency.name, kind: agency.kind, created_by: agency.createdBy }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function teamNameTaken(db: Db, agencyId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('teams')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .executeTakeFirst();
  return !!row;
}

export async function insertTeam(db: Db, team: { agencyId: string; name: string; createdBy: string | null }): Promise<string> {
  const row = await db.insertInto('teams').values({ agency_id: team.agencyId, name: team.name, created_by: team.createdBy }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function teamIdsOfAgency(db: Db, agencyId: string): Promise<string[]> {
  const rows = await db.selectFrom('teams').select('id').where('agency_id', '=', agencyId).execute();
  return rows.map((r) => r.id);
}
