import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type CurrentUser, selectCurrentUser, toCurrentUser } from './users.ts';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

// Only a hash of the token is stored, so a copy of the sessions table cannot be used to sign in.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Kysely<Database>, userId: string, policy: SessionPolicy): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  // Housekeeping on each sign-in: sessions nobody came back to are removed rather than kept for ever.
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', new Date(now)), eb('last_seen_at', '<=', new Date(now - policy.idleMinutes * 60_000))]))
    .execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: new Date(now),
      last_seen_at: new Date(now),
      expires_at: new Date(now + policy.absoluteHours * 3_600_000),
    })
    .execute();
  return token;
}

/**
 * The signed-in user behind a live session, with how many alerts they have not read (every page's navigation
 * shows it), in one round trip: every request asks. Touches the session so the idle clock restarts; expired
 * sessions are removed as they are met.
 */
export async function resumeSession(
  db: Kysely<Database>,
  token: string,
  policy: SessionPolicy,
): Promise<{ user: CurrentUser; unreadAlerts: number } | null> {
  const tokenHash = hashToken(token);
  const row = await selectCurrentUser(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select([
      'sessions.expires_at',
      'sessions.last_seen_at',
      (eb) =>
        eb
          .selectFrom('alerts')
          .select((a) => a.fn.countAll<string>().as('n'))
          .whereRef('alerts.user_id', '=', 'users.id')
          .where('alerts.read_at', 'is', null)
          .as('unread_alerts'),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleSince = now - policy.idleMinutes * 60_000;
  if (row.expires_at.getTime() <= now || new Date(row.last_seen_at).getTime() <= idleSince) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  // Writing on every request would serialise the embedded database; a minute's precision is enough.
  if (now - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('token_hash', '=', tokenHash).execute();
  }
  const user = toCurrentUser(row);
  return user ? { user, unreadAlerts: Number(row.unread_alerts ?? 0) } : null;
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function endAllSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
