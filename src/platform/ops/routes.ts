import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { databaseErrorKind } from './database-errors.ts';
import { countDatabaseError, metricsText, observeRequest, requestEnded, requestStarted } from './metrics.ts';
import { metricsAccess } from './metrics-access.ts';
import { checkReadiness } from './readiness.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when the instance begins to shut down: readiness then answers 503 so no new work is sent here. */
    lifecycle: { shuttingDown: boolean };
  }
}

const version = process.env.npm_package_version ?? '0.1.0';

/**
 * Operations: liveness and readiness for a load balancer or orchestrator, Prometheus metrics, and the request hooks
 * that feed them. Registered before every other route so its hooks time the whole of each request, including the
 * session look-up. The endpoints are public (no session) and not audited: they read no one's record.
 */
export const opsRoutes = fp(async (app: FastifyInstance) => {
  app.decorate('lifecycle', { shuttingDown: false });
  app.addHook('preClose', async () => {
    app.lifecycle.shuttingDown = true;
  });

  app.addHook('onRequest', async (_request, reply) => {
    requestStarted();
    // 'close' comes once whether the response was sent or the client went away first.
    reply.raw.once('close', requestEnded);
  });
  app.addHook('onResponse', async (request, reply) => {
    observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });
  // A keep-alive connection would outlive its last response and hold the shutdown until the timeout: once shutting
  // down, every response closes its connection, and one already under way when the signal came is let go after it.
  app.addHook('onSend', async (_request, reply) => {
    if (app.lifecycle.shuttingDown && !reply.raw.headersSent) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async () => {
    if (app.lifecycle.shuttingDown) setImmediate(() => app.server.closeIdleConnections());
  });
  app.addHook('onError', async (_request, _reply, error) => {
    const kind = databaseErrorKind(error);
    if (kind) countDatabaseError(kind);
  });

  const publicRoute = { config: { public: true } };

  app.get('/health/live', publicRoute, async () => ({ status: 'live' }));

  const ready = async (_request: FastifyRequest, reply: FastifyReply) => {
    const readiness = await checkReadiness(app.database, app.lifecycle.shuttingDown);
    if (!readiness.ready) {
      reply.log.warn({ reason: readiness.reason }, 'not ready');
      return reply.status(503).send({ status: 'not ready', reason: readiness.reason });
    }
    return { status: 'ok', database: app.database.engine, version };
  };
  app.get('/health/ready', publicRoute, ready);
  // The original health check, kept for whatever already polls it.
  app.get('/health', publicRoute, ready);

  app.get('/metrics', publicRoute, async (request, reply) => {
    const access = metricsAccess(
      {
        socketAddress: request.socket.remoteAddress,
        authorization: request.headers.authorization,
        forwarded: request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined,
      },
      app.config.metricsToken,
    );
    if (!access.allowed) {
      if (access.status === 401) reply.header('www-authenticate', 'Bearer realm="cairn-metrics"');
      return reply.status(access.status).type('text/plain; charset=utf-8').send(`${access.detail}\n`);
    }
    const { contentType, body } = await metricsText();
    return reply.type(contentType).send(body);
  });
});
