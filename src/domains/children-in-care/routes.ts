import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const childrenInCareRoutes = fp(async (app: FastifyInstance) => {
  void app;
});
