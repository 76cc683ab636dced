import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { partnerApiGuard } from './bearer.ts';
import { WebhookDispatcher } from './dispatcher.ts';
import { tokenRoutes } from './routes-tokens.ts';
import { webhookRoutes } from './routes-webhooks.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The webhook delivery loop: main.ts starts it once the server listens; closing the app stops it. */
    webhookDelivery: WebhookDispatcher;
  }
}

/** Partner systems: the API token guard, the administrators' pages for tokens and webhooks, and the delivery loop. */
export const partnerApiRoutes = fp(async (app: FastifyInstance) => {
  await app.register(partnerApiGuard);
  const dispatcher = new WebhookDispatcher(app.database.db, { sessionSecret: app.config.sessionSecret, log: app.log });
  app.decorate('webhookDelivery', dispatcher);
  // Stopped with the server, so attempts in flight finish before shutDown closes the database.
  app.addHook('onClose', () => dispatcher.stop());
  await tokenRoutes(app);
  await webhookRoutes(app);
});
