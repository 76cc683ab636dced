import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Database } from '../../db/types.ts';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { type CurrentUser, selectCurrentUser, toCurrentUser } from '../../platform/auth/users.ts';
import { dayAfter, startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { UUID } from '../../platform/http/params.ts';
import * as repo from './repository-tokens.ts';
import type { Scope } from './scopes.ts';
import { hashToken, looksLikeToken, newApiToken, sameDigest } from './secrets.ts';

export const TOKEN_RECORD = 'api_token';

export interface NewToken {
  name: string;
  agencyId: string;
  scopes: Scope[];
  /** The last day the token works (UK time): it stops at midnight at the end of that day. */
  expiresOn: string;
}

/**
 * Creates a token and the machine user it acts as (a partner practitioner of its agency, disabled for the pages).
 * The secret is returned this once and never kept; the same form sent twice makes one token and returns no secret.
 */
export async function createToken(ctx: RequestContext, input: NewToken, idempotencyKey: string): Promise<{ id: string; token: string | null }> {
  authorise(ctx, 'integrations.manage');
  const agency = await ctx.db.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new FieldProblem('agencyId', 'Select the agency the system acts for');
  const id = uuidv7();
  const secret = newApiToken();
  const result = await once(ctx.db, { key: idempotencyKey, userId: ctx.actor.id, resourceType: TOKEN_RECORD, resourceId: id }, async (trx) => {
    const userId = uuidv7();
    await repo.insertMachineUser(trx, { id: userId, name: `API client: ${input.name}`, agencyId: input.agencyId, createdBy: ctx.actor.id });
    await repo.insertToken(trx, { id, name: input.name, agencyId: input.agencyId, userId, scopes: input.scopes, hash: secret.hash, hint: secret.hint, expiresAt: startOfUkDay(dayAfter(input.expiresOn)), createdBy: ctx.actor.id });
  });
  return { id: result.id, token: result.replayed ? null : secret.token };
}

export type TokenRow = NonNullable<Awaited<ReturnType<typeof repo.findToken>>>;

export function tokenStatus(token: Pick<TokenRow, 'revoked_at' | 'expires_at'>, now = new Date()): 'revoked' | 'expired' | 'active' {
  if (token.revoked_at) return 'revoked';
  return new Date(token.expires_at) <= now ? 'expired' : 'active';
}

export async function listTokens(ctx: RequestContext): Promise<TokenRow[]> {
  authorise(ctx, 'integrations.manage');
  return repo.listTokens(ctx.db);
}

export async function findToken(ctx: RequestContext, id: string): Promise<TokenRow> {
  authorise(ctx, 'integrations.manage');
  const token = UUID.test(id) ? await repo.findToken(ctx.db, id) : undefined;
  if (!token) throw new NotFoundError('This API token does not exist.');
  return token;
}

/** Revokes a token at the version the administrator read: from the next request on, it is refused. */
export async function revokeToken(ctx: RequestContext, id: string, version: number): Promise<void> {
  const token = await findToken(ctx, id);
  if (token.revoked_at) throw new ConflictError('This token has already been revoked.');
  const done = await updateAtVersion(ctx.db, 'api_tokens', id, version, { revoked_at: new Date(), revoked_by: ctx.actor.id });
  if (!done) throw new ConflictError('Someone else changed this token after you opened it. Look at it again before revoking it.');
}

export interface MachineClient {
  tokenId: string;
  name: string;
  scopes: string[];
  user: CurrentUser;
}

export type Authentication = { ok: true; client: MachineClient } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/**
 * Who a bearer token acts as. The row is found by the SHA-256 of the token and the digests are compared again in
 * constant time, so nothing about a stored hash can be learnt from how long a refusal takes.
 */
export async function authenticateToken(db: Kysely<Database>, token: string, now = new Date()): Promise<Authentication> {
  if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' };
  const hash = hashToken(token);
  const row = await repo.findTokenByHash(db, hash);
  if (!row || !sameDigest(row.token_hash, hash)) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (new Date(row.expires_at) <= now) return { ok: false, reason: 'expired' };
  const userRow = await selectCurrentUser(db).where('users.id', '=', row.user_id).executeTakeFirst();
  // The machine user is always disabled (for the pages); the token is what is checked here.
  const user = userRow ? toCurrentUser({ ...userRow, disabled: false, must_change_password: false }) : null;
  if (!user) return { ok: false, reason: 'unknown' };
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= 60_000) await repo.touchToken(db, row.id, now);
  return { ok: true, client: { tokenId: row.id, name: row.name, scopes: row.scopes, user } };
}
