import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import type { Config } from './config.ts';
import type { Connection } from './db/connection.ts';
import { adminRoutes } from './domains/admin/routes.ts';
import { chronologyRoutes } from './domains/chronology/routes.ts';
import { earlyHelpApi } from './domains/early-help/api.ts';
import { earlyHelpRoutes } from './domains/early-help/routes.ts';
import { figuresRoutes } from './domains/figures/routes.ts';
import { frontDoorApi } from './domains/front-door/api.ts';
import { frontDoorRoutes } from './domains/front-door/routes.ts';
import { careLeaverRoutes } from './domains/care-leavers/routes.ts';
import { privateFosteringRoutes } from './domains/private-fostering/routes.ts';
import { sarRoutes } from './domains/governance/sar-routes.ts';
import { caseworkRoutes } from './domains/casework/routes.ts';
import { childProtectionRoutes } from './domains/child-protection/routes.ts';
import { childrenInCareRoutes } from './domains/children-in-care/routes.ts';
import { inboxRoutes } from './domains/inbox/routes.ts';
import { ladoRoutes } from './domains/lado/routes.ts';
import { placesRoutes } from './domains/outside-home/routes-places.ts';
import { associationRoutes } from './domains/outside-home/routes-associations.ts';
import { groupRoutes } from './domains/outside-home/routes-groups.ts';
import { hubRoutes } from './domains/outside-home/routes-hub.ts';
import { maracRoutes } from './domains/marac/routes.ts';
import { disagreementRoutes } from './domains/disagreements/routes.ts';
import { practiceReviewRoutes } from './domains/practice-reviews/routes.ts';
import { cdopRoutes } from './domains/cdop/routes.ts';
import { forecastSettingsRoutes } from './domains/forecast/routes-settings.ts';
import { retentionRoutes } from './domains/governance/retention-routes.ts';
import { forecastRoutes } from './domains/forecast/routes-forecast.ts';
import { forecastBacktestRoutes } from './domains/forecast/routes-backtest.ts';
import { returnsRoutes } from './domains/returns/routes.ts';
import { caseAuditRoutes } from './domains/case-audits/routes.ts';
import { section11Routes } from './domains/section11/routes.ts';
import { boardRoutes } from './domains/board/routes.ts';
import { datasetDashboardRoutes } from './domains/dataset/routes-dashboards.ts';
import { datasetSettingsRoutes } from './domains/dataset/routes-settings.ts';
import { annualReportRoutes } from './domains/dataset/report/routes.ts';
import { trainingRoutes } from './domains/training/routes.ts';
import { surveyRoutes } from './domains/surveys/routes.ts';
import { childsVoiceRoutes } from './domains/childs-voice/routes.ts';
import { practiceToolRoutes } from './domains/practice-tools/routes.ts';
import { partnershipRoutes } from './domains/partnership/routes.ts';
import { missingRoutes } from './domains/missing/routes.ts';
import { closePrintBrowser } from './platform/pdf/print.ts';
import { panelRoutes } from './domains/panels/routes.ts';
import { peopleApi } from './domains/people/api.ts';
import { peopleRoutes } from './domains/people/routes.ts';
import { referralRoutes } from './domains/referrals/routes.ts';
import { partnerApiRoutes } from './domains/partner-api/routes.ts';
import { documentRoutes } from './domains/documents/routes.ts';
import { letterRoutes } from './domains/letters/routes.ts';
import { accessRoutes } from './platform/access/routes.ts';
import { notificationRoutes } from './platform/notifications/routes.ts';
import { queueDailyReminders } from './domains/inbox/reminders.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { oidcRoutes } from './platform/auth/oidc/routes.ts';
import { ssoAdminRoutes } from './platform/auth/oidc/admin-routes.ts';
import { apiDocs } from './platform/http/api-docs.ts';
import { registerErrorHandling } from './platform/http/error-handler.ts';
import { type LogDestination, loggerOptions } from './platform/http/logging.ts';
import { web } from './platform/http/web.ts';
import { opsRoutes } from './platform/ops/routes.ts';
import { govukFrontendDist } from './platform/views/render.ts';

export interface AppOptions {
  config: Config;
  database: Connection;
  /** Tests pass false to keep output quiet, or a stream to read what would be logged. */
  logger?: boolean | LogDestination;
  /** Told of every route as it is registered: the access matrix test enumerates them. */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp({ config, database, logger = true, onRoute }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? loggerOptions(config.logLevel, logger === true ? undefined : logger) : false,
    genReqId: () => uuidv7(),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('database', database);
  if (onRoute) app.addHook('onRoute', onRoute);
  app.addHook('onClose', closePrintBrowser);

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Signing out of a single sign-on session posts to /sign-out, which redirects to the provider: the browser
        // checks form-action against that redirect too.
        formAction: ["'self'", ...(config.oidc ? [config.oidc.issuer.origin] : [])],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyCsrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto' },
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, {
    // GOV.UK Frontend's stylesheet asks for /assets/fonts/… and /assets/images/…, which live in dist/govuk/assets.
    root: [join(govukFrontendDist, 'govuk'), join(govukFrontendDist, 'govuk', 'assets'), join(import.meta.dirname, 'platform', 'views', 'public')],
    prefix: '/assets/',
    allowedPath: (path) => !path.endsWith('.map') && !path.endsWith('.scss'),
    maxAge: '1h',
  });
  app.addHook('onSend', async (request, reply) => {
    // Pages show children's records: never keep them in a shared or browser cache.
    if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
  });

  registerErrorHandling(app);
  await app.register(opsRoutes);
  await app.register(web);
  await app.register(apiDocs);
  await app.register(partnerApiRoutes);
  await app.register(oidcRoutes);
  await app.register(authRoutes);
  await app.register(ssoAdminRoutes);
  await app.register(adminRoutes);
  await app.register(accessRoutes);
  await app.register(peopleRoutes);
  await app.register(chronologyRoutes);
  await app.register(documentRoutes);
  await app.register(letterRoutes);
  await app.register(figuresRoutes);
  await app.register(frontDoorRoutes);
  await app.register(earlyHelpRoutes);
  await app.register(panelRoutes);
  await app.register(referralRoutes);
  await app.register(childProtectionRoutes);
  await app.register(childrenInCareRoutes);
  await app.register(careLeaverRoutes);
  await app.register(missingRoutes);
  await app.register(ladoRoutes);
  await app.register(placesRoutes);
  await app.register(associationRoutes);
  await app.register(groupRoutes);
  await app.register(hubRoutes);
  await app.register(maracRoutes);
  await app.register(disagreementRoutes);
  await app.register(practiceReviewRoutes);
  await app.register(cdopRoutes);
  await app.register(forecastSettingsRoutes);
  await app.register(retentionRoutes);
  await app.register(forecastRoutes);
  await app.register(forecastBacktestRoutes);
  await app.register(returnsRoutes);
  await app.register(partnershipRoutes);
  await app.register(caseAuditRoutes);
  await app.register(section11Routes);
  await app.register(boardRoutes);
  await app.register(datasetDashboardRoutes);
  await app.register(datasetSettingsRoutes);
  await app.register(annualReportRoutes);
  await app.register(trainingRoutes);
  await app.register(surveyRoutes);
  await app.register(childsVoiceRoutes);
  await app.register(practiceToolRoutes);
  await app.register(privateFosteringRoutes);
  await app.register(sarRoutes);
  await app.register(caseworkRoutes);
  await app.register(inboxRoutes);
  await app.register(notificationRoutes, { sweep: queueDailyReminders });
  await app.register(peopleApi, { prefix: '/api/v1' });
  await app.register(frontDoorApi, { prefix: '/api/v1' });
  await app.register(earlyHelpApi, { prefix: '/api/v1' });

  return app;
}
