import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const referralRoutes = fp(async (app: FastifyInstance) => {
  void app;
});
