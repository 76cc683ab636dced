import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Single sign-on with OpenID Connect: which identity-provider group gives which agency, teams and roles; the
 * identity (issuer and subject) each user signs in as; whether an agency's staff may still sign in with a password;
 * the sign-ins in flight (state, nonce and PKCE verifier, used once); and which Cairn session came from which
 * provider session, for single sign-out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE sso_group_mappings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_value text NOT NULL CHECK (length(group_value) BETWEEN 1 AND 256),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    team_ids uuid[] NOT NULL DEFAULT '{}',
    roles text[] NOT NULL CHECK (cardinality(roles) > 0),
    updated_by uuid REFERENCES users(id),
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX sso_group_mappings_value ON sso_group_mappings (group_value)`.execute(db);

  // The subject is only unique within its issuer (OpenID Connect Core 2); email addresses are not identities.
  await sql`CREATE TABLE user_identities (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id),
    issuer text NOT NULL,
    subject text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_signed_in_at timestamptz,
    UNIQUE (issuer, subject),
    UNIQUE (user_id, issuer))`.execute(db);

  // No row means password sign-in is allowed: partners without single sign-on keep working as before.
  await sql`CREATE TABLE agency_sign_in_settings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id uuid NOT NULL UNIQUE REFERENCES agencies(id),
    password_sign_in boolean NOT NULL DEFAULT true,
    updated_by uuid REFERENCES users(id),
    ${standard})`.execute(db);

  // Only a hash of the state is kept, and a row is deleted when used: a callback cannot be replayed.
  await sql`CREATE TABLE oidc_pending_sign_ins (
    state_hash text PRIMARY KEY,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    next_path text NOT NULL,
    expires_at timestamptz NOT NULL)`.execute(db);

  // Ends with the Cairn session it belongs to: the ID token is needed only to sign out at the provider.
  await sql`CREATE TABLE oidc_sessions (
    token_hash text PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id),
    issuer text NOT NULL,
    subject text NOT NULL,
    sid text,
    id_token text NOT NULL)`.execute(db);
  await sql`CREATE INDEX oidc_sessions_sid ON oidc_sessions (issuer, sid)`.execute(db);
  await sql`CREATE INDEX oidc_sessions_subject ON oidc_sessions (issuer, subject)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oidc_sessions', 'oidc_pending_sign_ins', 'agency_sign_in_settings', 'user_identities', 'sso_group_mappings']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
