import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { ForbiddenError, HttpError } from '../../platform/http/errors.ts';
import { scopeFor, SCOPES } from './scopes.ts';
import { authenticateToken, type MachineClient } from './service-tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when an /api/ request authenticated with an API token (`Authorization: Bearer cairn_pat_…`). */
    apiClient: MachineClient | null;
  }
}

const REFUSED = {
  unknown: 'This API token is not recognised. Check that the whole token was sent, or ask an administrator of Cairn for a new one.',
  expired: 'This API token has expired. Ask an administrator of Cairn for a new one.',
  revoked: 'This API token has been revoked. Ask an administrator of Cairn for a new one.',
} as const;

/** The token in an `Authorization: Bearer …` header, or null when the request does not use one. */
export function bearerTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * The machine client an API request's bearer token acts as (401 when the token is unknown, expired or revoked).
 * Called by the sign-in guard (platform/http/web.ts) before it looks for a session: a bearer request carries no
 * cookie, so it needs no CSRF token either.
 */
export async function authenticateBearer(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, token: string): Promise<MachineClient> {
  const result = await authenticateToken(db, token);
  if (!result.ok) {
    reply.header('www-authenticate', `Bearer error="invalid_token"`);
    throw new HttpError(401, 'Your API token was refused', REFUSED[result.reason]);
  }
  request.apiClient = result.client;
  return result.client;
}

/**
 * For requests made with a token: the per-token rate limit (CAIRN_API_RATE_LIMIT_PER_MINUTE, 429 with Retry-After),
 * then the token's scopes (403 naming the scope the route needs). Registered after `web`, whose guard has already
 * said who the token is.
 */
export const partnerApiGuard = fp(async (app: FastifyInstance) => {
  app.decorateRequest('apiClient', null);
  const limit = app.rateLimit({
    max: app.config.apiRateLimitPerMinute,
    timeWindow: 60_000,
    // Keyed by token, not address: partners often call from behind one gateway, and a token is who is calling.
    keyGenerator: (request) => `api-token:${request.apiClient?.tokenId ?? request.ip}`,
  });
  app.addHook('onRequest', async (request, reply) => {
    const client = request.apiClient;
    if (!client) return;
    await limit.call(app, request, reply);
    const pattern = request.routeOptions.url;
    if (!pattern) return; // no such route: the 404 says so
    const scope = scopeFor(request.method, pattern);
    if (!scope) throw new ForbiddenError('API tokens cannot use this endpoint. Tokens may call the endpoints their scopes name (see /api/docs).');
    if (scope !== 'none' && !client.scopes.includes(scope)) {
      throw new ForbiddenError(`This API token does not have the ${scope} scope (${SCOPES[scope].label.toLowerCase()}), which this endpoint needs. Ask an administrator of Cairn for a token with it.`);
    }
  });
});
