import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AgencyKind, Database } from '../../db/types.ts';
import type { Actor, Role } from '../access/rules.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** The signed-in user as pages and services see them. */
export interface CurrentUser extends Actor {
  name: string;
  email: string;
  agencyName: string;
  teamIds: string[];
  mustChangePassword: boolean;
}

/** The columns a CurrentUser is made from; the session read adds its own to the same query. */
export function selectCurrentUser(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.roles',
      'users.disabled',
      'users.must_change_password',
      'users.agency_id',
      'agencies.name as agency_name',
      'agencies.kind as agency_kind',
      // Read on every request: the teams come in the same round trip.
      (eb) => jsonArrayFrom(eb.selectFrom('user_teams').select('user_teams.team_id').whereRef('user_teams.user_id', '=', 'users.id')).as('teams'),
    ]);
}

type CurrentUserRow = Awaited<ReturnType<ReturnType<typeof selectCurrentUser>['executeTakeFirstOrThrow']>>;

/** The user a row describes, or null for a disabled account (who is treated as signed out). */
export function toCurrentUser(row: CurrentUserRow): CurrentUser | null {
  if (row.disabled) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles as Role[],
    agencyId: row.agency_id,
    agencyKind: row.agency_kind as AgencyKind,
    agencyName: row.agency_name,
    teamIds: row.teams.map((t) => t.team_id),
    mustChangePassword: row.must_change_password,
  };
}

export async function loadCurrentUser(db: Kysely<Database>, userId: string): Promise<CurrentUser | null> {
  const row = await selectCurrentUser(db).where('users.id', '=', userId).executeTakeFirst();
  return row ? toCurrentUser(row) : null;
}

export type SignInResult =
  | { outcome: 'signed_in'; userId: string }
  | { outcome: 'invalid' }
  | { outcome: 'locked'; until: Date };

/**
 * Checks an email and password, counting failures: after `attempts` failures in a row the account is locked
 * for `minutes`, whatever password is then offered. The same "invalid" answer is given for an unknown email,
 * a wrong password and a disabled account, so the form never confirms that an account exists.
 */
export async function checkSignIn(
  db: Kysely<Database>,
  email: string,
  password: string,
  lockout: { attempts: number; minutes: number },
): Promise<SignInResult> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled', 'failed_sign_ins', 'locked_until'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  const now = new Date();
  if (user?.locked_until && user.locked_until > now) return { outcome: 'locked', until: user.locked_until };
  const valid = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || user.disabled) return { outcome: 'invalid' };
  if (!valid) {
    const failures = user.failed_sign_ins + 1;
    const locks = failures >= lockout.attempts;
    const until = new Date(now.getTime() + lockout.minutes * 60_000);
    await db
      .updateTable('users')
      .set({ failed_sign_ins: locks ? 0 : failures, locked_until: locks ? until : null })
      .where('id', '=', user.id)
      .execute();
    return locks ? { outcome: 'locked', until } : { outcome: 'invalid' };
  }
  await db
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null, last_signed_in_at: now })
    .where('id', '=', user.id)
    .execute();
  return { outcome: 'signed_in', userId: user.id };
}

export async function setPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
  options: { mustChange: boolean },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      must_change_password: options.mustChange,
      failed_sign_ins: 0,
      locked_until: null,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .execute();
}

export async function passwordHashOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Children's social care practitioners and managers with working accounts: the front door, and who may be named on a restricted record. */
export const socialCareCaseworkers = (db: Kysely<Database>) =>
  db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name'])
    .where('agencies.kind', '=', 'social_care')
    .where('users.disabled', '=', false)
    .where(sql<boolean>`users.roles && ARRAY['practitioner','manager']::text[]`)
    .orderBy('users.name')
    .execute();

/** Children's social care managers: who allocates cases, chairs conferences and reviews as IRO. */
export const socialCareManagers = (db: Kysely<Database>) =>
  db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name'])
    .where('agencies.kind', '=', 'social_care')
    .where('users.disabled', '=', false)
    .where(sql<boolean>`'manager' = ANY(users.roles)`)
    .orderBy('users.name')
    .execute();

/** Users' names by id, for showing who recorded what (unknown and null ids are skipped). */
export async function userNames(db: Kysely<Database>, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
