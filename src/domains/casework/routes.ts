import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const caseworkRoutes = fp(async (app: FastifyInstance) => {
  void app;
});
