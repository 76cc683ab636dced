import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import * as oidc from 'openid-client';
import { recordAccess } from '../../audit/audit.ts';
import { SESSION_COOKIE } from '../../http/web.ts';
import { createSession, hashToken } from '../sessions.ts';
import { OidcClient, OidcSignInError } from './client.ts';
import { PROBLEMS, type SsoProblem } from './messages.ts';
import * as repo from './repository.ts';
import { signInWithIdentity } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The OpenID Connect relying party, or null when single sign-on is not configured. */
    oidcClient: OidcClient | null;
  }
}

const FLOW_COOKIE = 'cairn_oidc';
const FLOW_MINUTES = 10;
const hash = (value: string) => createHash('sha256').update(value).digest('hex');
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The provider's sign-out address for the session behind `token` (with the ID token as a hint), or null for a
 * session that began with a password. Read before the session ends: its provider record goes with it.
 */
export async function providerSignOutUrl(app: FastifyInstance, token: string): Promise<string | null> {
  if (!app.oidcClient) return null;
  const idToken = await repo.idTokenOfSession(app.database.db, hashToken(token));
  if (!idToken) return null;
  return (await app.oidcClient.endSessionUrl(idToken))?.href ?? null;
}

/**
 * Single sign-on: the start (state, nonce and PKCE verifier kept server-side, the state also in a signed, short-lived
 * cookie so the callback must come back to the browser that started), the callback, and back-channel logout.
 */
export const oidcRoutes = fp(async (app: FastifyInstance) => {
  const { db } = app.database;
  app.decorate('oidcClient', app.config.oidc ? new OidcClient(app.config.oidc) : null);
  const sessionPolicy = { idleMinutes: app.config.sessionIdleMinutes, absoluteHours: app.config.sessionAbsoluteHours };
  const cookiePath = '/auth/oidc';

  const problem = (reply: FastifyReply, kind: SsoProblem) => {
    const p = PROBLEMS[kind];
    if (p.status === 503) reply.header('retry-after', '60');
    return reply.status(p.status).page('platform/auth/oidc/views/problem.njk', { title: p.title, paragraphs: p.paragraphs, retry: p.retry && Boolean(app.oidcClient) });
  };

  /** Failures are audited by reason only: no claims, emails or names reach the audit or the log. */
  const refuse = async (reply: FastifyReply, kind: SsoProblem, userId: string | null, detail?: string) => {
    reply.request.log.warn({ reason: kind, detail }, 'single sign-on refused');
    await recordAccess(db, { userId, action: 'session.sign_in', outcome: 'denied', resourceType: 'session', reason: `single sign-on: ${kind}`, requestId: String(reply.request.id) });
    return problem(reply, kind);
  };

  app.get('/auth/oidc/sign-in', { config: { public: true, rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
    const client = app.oidcClient;
    if (!client) return problem(reply, 'not_configured');
    if (request.user) return reply.redirect('/');
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    let url: URL;
    try {
      url = await client.authorisationUrl({ state, nonce, codeVerifier });
    } catch (error) {
      return refuse(reply, error instanceof OidcSignInError ? error.reason : 'provider_unavailable', null, error instanceof Error ? error.message : undefined);
    }
    const next = safeNext((request.query as { next?: unknown }).next);
    await repo.savePendingSignIn(db, { stateHash: hash(state), nonce, codeVerifier, next, expiresAt: new Date(Date.now() + FLOW_MINUTES * 60_000) });
    reply.setCookie(FLOW_COOKIE, state, { signed: true, httpOnly: true, sameSite: 'lax', secure: 'auto', path: cookiePath, maxAge: FLOW_MINUTES * 60 });
    return reply.redirect(url.href);
  });

  app.get('/auth/oidc/callback', { config: { public: true, rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
    const client = app.oidcClient;
    if (!client) return problem(reply, 'not_configured');
    const signed = request.cookies[FLOW_COOKIE];
    const unsigned = signed ? request.unsignCookie(signed) : null;
    reply.clearCookie(FLOW_COOKIE, { path: cookiePath });
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const params = new URLSearchParams(query);
    const state = params.get('state') ?? '';
    const cookieState = unsigned?.valid ? (unsigned.value ?? '') : '';
    if (!state || !cookieState || !sameText(state, cookieState)) return refuse(reply, 'state_mismatch', null);
    const pending = await repo.takePendingSignIn(db, hash(state));
    if (!pending) return refuse(reply, 'expired_or_replayed', null);
    if (params.has('error')) return refuse(reply, 'provider_error', null, params.get('error')?.slice(0, 64));

    let identity;
    try {
      identity = await client.finish(query, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
    } catch (error) {
      if (error instanceof OidcSignInError) return refuse(reply, error.reason, null, error.message);
      throw error;
    }
    const decision = await signInWithIdentity(db, identity);
    if (decision.outcome === 'refused') return refuse(reply, decision.reason, decision.userId);

    const token = await createSession(db, decision.userId, sessionPolicy);
    await repo.saveOidcSession(db, { tokenHash: hashToken(token), userId: decision.userId, issuer: identity.issuer, subject: identity.subject, sid: identity.sid, idToken: identity.idToken });
    const how = decision.created ? 'single sign-on, account created' : decision.linked ? 'single sign-on, account linked' : 'single sign-on';
    await recordAccess(db, { userId: decision.userId, action: 'session.sign_in', outcome: 'allowed', resourceType: 'session', reason: how, requestId: String(request.id) });
    reply.setCookie(SESSION_COOKIE, token, { signed: true, httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' });
    return reply.redirect(pending.next);
  });

  // Called by the provider, not a browser: no cookies, so no CSRF token; the logout token's signature is the proof.
  app.post('/auth/oidc/backchannel-logout', { config: { public: true, csrfExempt: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const client = app.oidcClient;
    if (!client) return reply.status(404).send({ error: 'not_found' });
    const token = (request.body as { logout_token?: unknown } | undefined)?.logout_token;
    if (typeof token !== 'string' || !token) return reply.status(400).send({ error: 'invalid_request', error_description: 'logout_token is required' });
    try {
      const logout = await client.verifyLogoutToken(token);
      const users = await repo.endProviderSessions(db, logout.issuer, { sid: logout.sid, subject: logout.sid ? undefined : logout.subject });
      for (const userId of users) {
        await recordAccess(db, { userId, action: 'session.sign_out', outcome: 'allowed', resourceType: 'session', reason: 'single sign-on: back-channel logout', requestId: String(request.id) });
      }
      return reply.status(200).send();
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      request.log.warn({ reason: error.reason, detail: error.message }, 'back-channel logout refused');
      return reply.status(400).send({ error: 'invalid_request', error_description: 'The logout token is not valid' });
    }
  });
});
