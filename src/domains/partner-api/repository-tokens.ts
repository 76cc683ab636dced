import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

export async function insertMachineUser(db: Kysely<Database>, values: { id: string; name: string; agencyId: string; createdBy: string }) {
  await db
    .insertInto('users')
    .values({
      id: values.id,
      // A reserved domain (RFC 2606): the address can never receive mail, and never clashes with a person's.
      email: `api-client-${values.id}@api-clients.invalid`,
      name: values.name,
      agency_id: values.agencyId,
      roles: ['partner_practitioner'],
      password_hash: null,
      disabled: true,
      created_by: values.createdBy,
    })
    .execute();
}

export async function insertToken(
  db: Kysely<Database>,
  values: { id: string; name: string; agencyId: string; userId: string; scopes: string[]; hash: string; hint: string; expiresAt: Date; createdBy: string },
) {
  await db
    .insertInto('api_tokens')
    .values({
      id: values.id,
      name: values.name,
      agency_id: values.agencyId,
      user_id: values.userId,
      scopes: values.scopes,
      token_hash: values.hash,
      token_hint: values.hint,
      expires_at: values.expiresAt,
      created_by: values.createdBy,
    })
    .execute();
}

const tokenColumns = [
  'api_tokens.id',
  'api_tokens.name',
  'api_tokens.agency_id',
  'agencies.name as agency_name',
  'api_tokens.user_id',
  'api_tokens.scopes',
  'api_tokens.token_hint',
  'api_tokens.expires_at',
  'api_tokens.last_used_at',
  'api_tokens.revoked_at',
  'api_tokens.revoked_by',
  'api_tokens.created_at',
  'api_tokens.created_by',
  'api_tokens.version',
] as const;

const tokens = (db: Kysely<Database>) => db.selectFrom('api_tokens').innerJoin('agencies', 'agencies.id', 'api_tokens.agency_id');

export const listTokens = (db: Kysely<Database>) => tokens(db).select(tokenColumns).orderBy('api_tokens.revoked_at', (o) => o.desc().nullsFirst()).orderBy('api_tokens.created_at', 'desc').execute();

export const findToken = (db: Kysely<Database>, id: string) => tokens(db).select(tokenColumns).where('api_tokens.id', '=', id).executeTakeFirst();

/** A token by the SHA-256 of its secret, with that hash, for the caller to compare in constant time. */
export const findTokenByHash = (db: Kysely<Database>, hash: string) =>
  db.selectFrom('api_tokens').select(['id', 'name', 'user_id', 'scopes', 'token_hash', 'expires_at', 'revoked_at', 'last_used_at']).where('token_hash', '=', hash).executeTakeFirst();

/** Marks the token used now, unless that was already done in the last minute (one write a minute at most). */
export async function touchToken(db: Kysely<Database>, id: string, now: Date) {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`${now}::timestamptz - interval '1 minute'`)]))
    .execute();
}
