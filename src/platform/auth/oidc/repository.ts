import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/types.ts';

type Db = Kysely<Database>;

// ---- Sign-ins in flight -------------------------------------------------------------------------------------

export async function savePendingSignIn(db: Db, row: { stateHash: string; nonce: string; codeVerifier: string; next: string; expiresAt: Date }): Promise<void> {
  // Housekeeping: sign-ins abandoned at the provider are removed as new ones start.
  await db.deleteFrom('oidc_pending_sign_ins').where('expires_at', '<=', new Date()).execute();
  await db
    .insertInto('oidc_pending_sign_ins')
    .values({ state_hash: row.stateHash, nonce: row.nonce, code_verifier: row.codeVerifier, next_path: row.next, expires_at: row.expiresAt })
    .execute();
}

/** Takes a pending sign-in, so it can be used once only; null when unknown, used already or expired. */
export async function takePendingSignIn(db: Db, stateHash: string): Promise<{ nonce: string; codeVerifier: string; next: string } | null> {
  const row = await db.deleteFrom('oidc_pending_sign_ins').where('state_hash', '=', stateHash).returning(['nonce', 'code_verifier', 'next_path', 'expires_at']).executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= Date.now()) return null;
  return { nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next_path };
}

// ---- Identities and the users behind them ---------------------------------------------------------------------

export interface IdentityUser {
  id: string;
  email: string;
  agencyId: string;
  disabled: boolean;
}

const userColumns = ['users.id', 'users.email', 'users.agency_id', 'users.disabled'] as const;
const toIdentityUser = (r: { id: string; email: string; agency_id: string; disabled: boolean }): IdentityUser => ({ id: r.id, email: r.email, agencyId: r.agency_id, disabled: r.disabled });

export async function userByIdentity(db: Db, issuer: string, subject: string): Promise<IdentityUser | null> {
  const row = await db
    .selectFrom('user_identities')
    .innerJoin('users', 'users.id', 'user_identities.user_id')
    .select([...userColumns])
    .where('user_identities.issuer', '=', issuer)
    .where('user_identities.subject', '=', subject)
    .executeTakeFirst();
  return row ? toIdentityUser(row) : null;
}

export async function userByEmail(db: Db, email: string): Promise<(IdentityUser & { linkedToIssuer: boolean }) | null> {
  const row = await db
    .selectFrom('users')
    .select([...userColumns])
    .select((eb) => eb.exists(eb.selectFrom('user_identities').select('user_identities.id').whereRef('user_identities.user_id', '=', 'users.id')).as('linked'))
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  return row ? { ...toIdentityUser(row), linkedToIssuer: Boolean(row.linked) } : null;
}

export async function emailTakenByOther(db: Db, email: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('id', '!=', userId)
    .executeTakeFirst();
  return Boolean(row);
}

/** A user made at first sign-in: no password (they sign in through the provider), nothing to change at first use. */
export async function insertSsoUser(db: Db, user: { id: string; email: string; name: string; agencyId: string; roles: string[] }): Promise<void> {
  await db
    .insertInto('users')
    .values({ id: user.id, email: user.email, name: user.name, agency_id: user.agencyId, roles: user.roles, password_hash: null, must_change_password: false })
    .execute();
}

export async function insertIdentity(db: Db, identity: { userId: string; issuer: string; subject: string }): Promise<void> {
  await db.insertInto('user_identities').values({ user_id: identity.userId, issuer: identity.issuer, subject: identity.subject }).execute();
}

/** What the provider says at each sign-in wins: agency, roles and teams follow the groups; the name and email follow the claims. */
export async function applyAccess(db: Db, userId: string, access: { agencyId: string; roles: string[]; teamIds: string[]; name: string; email: string | null }): Promise<void> {
  const now = new Date();
  await db
    .updateTable('users')
    .set({
      agency_id: access.agencyId,
      roles: access.roles,
      name: access.name,
      ...(access.email ? { email: access.email } : {}),
      last_signed_in_at: now,
      failed_sign_ins: 0,
      locked_until: null,
      updated_at: now,
      version: sql`version + 1`,
    })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('user_teams').where('user_id', '=', userId).execute();
  if (access.teamIds.length) await db.insertInto('user_teams').values(access.teamIds.map((team_id) => ({ user_id: userId, team_id }))).execute();
}

export async function touchIdentity(db: Db, issuer: string, subject: string): Promise<void> {
  await db.updateTable('user_identities').set({ last_signed_in_at: new Date() }).where('issuer', '=', issuer).where('subject', '=', subject).execute();
}

// ---- Mappings -------------------------------------------------------------------------------------------------

export interface GroupMapping {
  id: string;
  groupValue: string;
  agencyId: string;
  teamIds: string[];
  roles: string[];
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

const mappingColumns = ['id', 'group_value', 'agency_id', 'team_ids', 'roles', 'version', 'updated_by', 'updated_at'] as const;
type MappingRow = { id: string; group_value: string; agency_id: string; team_ids: string[]; roles: string[]; version: number; updated_by: string | null; updated_at: Date };
const toMapping = (r: MappingRow): GroupMapping => ({
  id: r.id,
  groupValue: r.group_value,
  agencyId: r.agency_id,
  teamIds: r.team_ids,
  roles: r.roles,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export async function mappingsForGroups(db: Db, groups: readonly string[]): Promise<GroupMapping[]> {
  if (!groups.length) return [];
  const rows = await db.selectFrom('sso_group_mappings').select([...mappingColumns]).where('group_value', 'in', [...groups]).orderBy('group_value').execute();
  return rows.map(toMapping);
}

export async function listMappings(db: Db): Promise<GroupMapping[]> {
  const rows = await db.selectFrom('sso_group_mappings').select([...mappingColumns]).orderBy('group_value').execute();
  return rows.map(toMapping);
}

export async function findMapping(db: Db, id: string): Promise<GroupMapping | null> {
  const row = await db.selectFrom('sso_group_mappings').select([...mappingColumns]).where('id', '=', id).executeTakeFirst();
  return row ? toMapping(row) : null;
}

export async function mappingIdForGroup(db: Db, groupValue: string): Promise<string | null> {
  const row = await db.selectFrom('sso_group_mappings').select('id').where('group_value', '=', groupValue).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertMapping(db: Db, m: { id: string; groupValue: string; agencyId: string; teamIds: string[]; roles: string[]; by: string }): Promise<void> {
  await db
    .insertInto('sso_group_mappings')
    .values({ id: m.id, group_value: m.groupValue, agency_id: m.agencyId, team_ids: m.teamIds, roles: m.roles, updated_by: m.by, created_by: m.by })
    .execute();
}

export async function deleteMappingAt(db: Db, id: string, version: number): Promise<boolean> {
  const row = await db.deleteFrom('sso_group_mappings').where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  return Boolean(row);
}

// ---- Agencies: teams, and whether password sign-in is allowed -------------------------------------------------

export interface AgencySignIn {
  id: string;
  name: string;
  teams: { id: string; name: string }[];
  passwordSignIn: boolean;
  /** The settings row's version, or 0 when none has been saved (password sign-in allowed by default). */
  version: number;
}

export async function agenciesForSignIn(db: Db): Promise<AgencySignIn[]> {
  const [agencies, teams] = await Promise.all([
    db
      .selectFrom('agencies')
      .leftJoin('agency_sign_in_settings as s', 's.agency_id', 'agencies.id')
      .select(['agencies.id', 'agencies.name', 's.password_sign_in', 's.version'])
      .orderBy('agencies.name')
      .execute(),
    db.selectFrom('teams').select(['id', 'name', 'agency_id']).orderBy('name').execute(),
  ]);
  return agencies.map((a) => ({
    id: a.id,
    name: a.name,
    teams: teams.filter((t) => t.agency_id === a.id).map(({ id, name }) => ({ id, name })),
    passwordSignIn: a.password_sign_in ?? true,
    version: a.version ?? 0,
  }));
}

/** Version 0 means "never saved": the first save inserts, and a second first save finds the row already there. */
export async function savePasswordSignIn(db: Db, agencyId: string, allowed: boolean, version: number, by: string): Promise<boolean> {
  if (version === 0) {
    const row = await db
      .insertInto('agency_sign_in_settings')
      .values({ agency_id: agencyId, password_sign_in: allowed, updated_by: by, created_by: by })
      .onConflict((oc) => oc.column('agency_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return Boolean(row);
  }
  const row = await db
    .updateTable('agency_sign_in_settings')
    .set({ password_sign_in: allowed, updated_by: by, updated_at: new Date(), version: version + 1 })
    .where('agency_id', '=', agencyId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

// ---- Provider sessions behind Cairn sessions (single sign-out) ----------------------------------------------

export async function saveOidcSession(db: Db, s: { tokenHash: string; userId: string; issuer: string; subject: string; sid: string | null; idToken: string }): Promise<void> {
  await db
    .insertInto('oidc_sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, issuer: s.issuer, subject: s.subject, sid: s.sid, id_token: s.idToken })
    .execute();
}

export async function idTokenOfSession(db: Db, tokenHash: string): Promise<string | null> {
  const row = await db.selectFrom('oidc_sessions').select('id_token').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row?.id_token ?? null;
}

/** Ends the Cairn sessions a provider's logout names: by its session id, or every session of the subject. */
export async function endProviderSessions(db: Db, issuer: string, by: { sid?: string; subject?: string }): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('oidc_sessions').select(['token_hash', 'user_id']).where('issuer', '=', issuer);
    if (by.sid) query = query.where('sid', '=', by.sid);
    if (by.subject) query = query.where('subject', '=', by.subject);
    const rows = await query.execute();
    if (rows.length) await trx.deleteFrom('sessions').where('token_hash', 'in', rows.map((r) => r.token_hash)).execute();
    return [...new Set(rows.map((r) => r.user_id))];
  });
}

export async function passwordSignInAllowedFor(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .leftJoin('agency_sign_in_settings as s', 's.agency_id', 'users.agency_id')
    .select('s.password_sign_in')
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row?.password_sign_in ?? true;
}
