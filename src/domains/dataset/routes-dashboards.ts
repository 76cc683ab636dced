import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const datasetDashboardRoutes = fp(async (_app: FastifyInstance) => {});
