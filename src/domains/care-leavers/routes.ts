import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const careLeaverRoutes = fp(async (app: FastifyInstance) => {
  void app;
});
