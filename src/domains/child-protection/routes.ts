import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const childProtectionRoutes = fp(async (app: FastifyInstance) => {
  void app;
});
