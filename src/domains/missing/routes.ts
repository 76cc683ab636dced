import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const missingRoutes = fp(async (app: FastifyInstance) => {
  void app;
});
