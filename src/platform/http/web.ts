import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import type { Connection } from '../../db/connection.ts';
import type { RequestContext } from '../access/authorise.ts';
import { can } from '../access/rules.ts';
import { resumeSession } from '../auth/sessions.ts';
import type { CurrentUser } from '../auth/users.ts';
import { createViewEnvironment } from '../views/render.ts';
import { HttpError } from './errors.ts';
import { authenticateBearer, bearerTokenOf } from '../../domains/partner-api/bearer.ts';

export const SESSION_COOKIE = 'cairn_session';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Connection;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    /** The signed-in user's context for services; throws 401 when nobody is signed in. */
    ctx(): RequestContext & { actor: CurrentUser };
    isApi: boolean;
    /** Read with the session, for the count beside "Alerts" in the navigation. */
    unreadAlerts: number;
    /** Set for pages by the inbox routes, for the count beside "Your work" in the navigation. */
    workCounts: { overdue: number; total: number } | null;
  }
  interface FastifyReply {
    page(template: string, data?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (sign-in page, health, assets, API docs). */
    public?: boolean;
    /** Called by another server with its own proof (a signed token), never by a browser: no CSRF token. */
    csrfExempt?: boolean;
  }
}

function navigationFor(user: CurrentUser, section: unknown, unreadAlerts = 0, work: FastifyRequest['workCounts'] = null) {
  const items: { href: string; text: string; section: string }[] = [];
  if (can(user, 'contact.create').allowed) {
    const count = work?.overdue ? ` (${work.overdue} overdue)` : work?.total ? ` (${work.total})` : '';
    items.push({ href: '/work', text: `Your work${count}`, section: 'work' });
  }
  if (can(user, 'person.search').allowed) items.push({ href: '/people', text: 'People', section: 'people' });
  if (can(user, 'contact.create').allowed) items.push({ href: '/contacts', text: 'Contacts', section: 'contacts' });
  if (can(user, 'contact.create').allowed) items.push({ href: '/early-help', text: 'Early help', section: 'early-help' });
  if (can(user, 'socialcare.list').allowed) items.push({ href: '/social-care', text: 'Social care', section: 'social-care' });
  if (can(user, 'panels.view').allowed) items.push({ href: '/panels', text: 'Panels', section: 'panels' });
  if (can(user, 'outside.view').allowed) items.push({ href: '/exploitation', text: 'Exploitation', section: 'exploitation' });
  if (can(user, 'lado.work').allowed) items.push({ href: '/lado', text: 'LADO', section: 'lado' });
  if (can(user, 'marac.work').allowed) items.push({ href: '/marac', text: 'MARAC', section: 'marac' });
  if (can(user, 'disagreements.raise').allowed || can(user, 'disagreements.manage').allowed) items.push({ href: '/disagreements', text: 'Disagreements', section: 'disagreements' });
  if (can(user, 'cdop.work').allowed) items.push({ href: '/cdop', text: 'Child deaths', section: 'cdop' });
  if (can(user, 'reviews.work').allowed || can(user, 'reviews.track').allowed) {
    items.push({ href: can(user, 'reviews.work').allowed ? '/practice-reviews' : '/practice-reviews/actions', text: 'Practice reviews', section: 'practice-reviews' });
  }
  if (can(user, 'users.manage').allowed) items.push({ href: '/admin/users', text: 'Users', section: 'users' });
  if (can(user, 'threshold.configure').allowed) items.push({ href: '/admin/threshold', text: 'Threshold document', section: 'threshold' });
  if (can(user, 'audit.search').allowed) items.push({ href: '/admin/audit', text: 'Access audit', section: 'audit' });
  if (can(user, 'integrations.manage').allowed) items.push({ href: '/admin/notifications', text: 'Notifications outbox', section: 'notifications' });
  if (can(user, 'integrations.manage').allowed) items.push({ href: '/admin/api-tokens', text: 'Partner systems', section: 'partner-systems' });
  if (can(user, 'integrations.manage').allowed) items.push({ href: '/admin/single-sign-on', text: 'Single sign-on', section: 'single-sign-on' });
  if (can(user, 'aggregates.view').allowed) items.push({ href: '/dataset', text: 'Partnership dataset', section: 'dataset' });
  if (can(user, 'forecast.view').allowed) items.push({ href: '/forecast', text: 'Forecast', section: 'forecast' });
  if (can(user, 'returns.prepare').allowed) items.push({ href: '/returns', text: 'Returns', section: 'returns' });
  items.push({ href: '/partnership', text: 'Partnership', section: 'partnership' });
  if (can(user, 'governance.sar').allowed || can(user, 'governance.retention').allowed) items.push({ href: '/governance', text: 'Information governance', section: 'governance' });
  items.push({ href: '/alerts', text: unreadAlerts ? `Alerts (${unreadAlerts} new)` : 'Alerts', section: 'alerts' });
  items.push({ href: '/account/notifications', text: 'Notification settings', section: 'notification-settings' });
  items.push({ href: '/account/password', text: 'Change password', section: 'account' });
  return items.map(({ section: s, ...item }) => ({ ...item, active: s === section }));
}

/** Who is signed in, page rendering, and the sign-in guard: shared by every route. */
export const web = fp(async (app: FastifyInstance) => {
  const views = createViewEnvironment();
  const policy = { idleMinutes: app.config.sessionIdleMinutes, absoluteHours: app.config.sessionAbsoluteHours };

  app.decorateRequest('user', null);
  app.decorateRequest('isApi', false);
  app.decorateRequest('unreadAlerts', 0);
  app.decorateRequest('workCounts', null);
  // One context per request, so what it has read (people's access scopes, on a GET) is shared by the hooks and
  // services that answer it.
  const contexts = new WeakMap<FastifyRequest, RequestContext & { actor: CurrentUser }>();
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    if (!this.user) throw new HttpError(401, 'Sign in', 'You need to sign in to do this.');
    let ctx = contexts.get(this);
    if (ctx?.actor !== this.user) {
      ctx = { db: app.database.db, actor: this.user, requestId: String(this.id), scopes: this.method === 'GET' ? new Map() : undefined };
      contexts.set(this, ctx);
    }
    return ctx;
  });

  app.decorateReply('page', function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const user = this.request.user;
    const html = views.render(template, {
      ...data,
      user,
      navigation: user ? navigationFor(user, data.section, this.request.unreadAlerts, this.request.workCounts) : [],
      demo: app.config.demo,
      csrfToken: this.generateCsrf(),
      cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.addHook('onRequest', async (request, reply) => {
    request.isApi = request.url.startsWith('/api/');
    if (request.url.startsWith('/assets/')) return;
    // A partner system's API token (domains/partner-api): it acts as the token's machine user; cookies are ignored.
    const bearer = request.isApi ? bearerTokenOf(request) : null;
    const signed = bearer ? undefined : request.cookies[SESSION_COOKIE];
    if (bearer) request.user = (await authenticateBearer(app.database.db, request, reply, bearer)).user;
    else if (signed) {
      const unsigned = request.unsignCookie(signed);
      const resumed = unsigned.valid && unsigned.value ? await resumeSession(app.database.db, unsigned.value, policy) : null;
      request.user = resumed?.user ?? null;
      request.unreadAlerts = resumed?.unreadAlerts ?? 0;
      if (!request.user) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (request.routeOptions.config?.public) return;
    if (!request.user) {
      if (request.isApi) throw new HttpError(401, 'Sign in', 'You need to sign in to use the API.');
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/sign-in${next}`);
    }
    const passwordPages = ['/account/password', '/sign-out'];
    if (request.user.mustChangePassword && !passwordPages.includes(request.url) && !request.isApi) {
      return reply.redirect('/account/password');
    }
  });

  // Every state-changing request carries the CSRF token: forms as `_csrf`, API clients as `x-csrf-token`.
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.routeOptions.config?.csrfExempt) return done();
    // No cookie authenticates a bearer request, so a forged cross-site request cannot ride on one.
    if (request.apiClient) return done();
    app.csrfProtection(request, reply, done);
  });
});
