import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const annualReportRoutes = fp(async (_app: FastifyInstance) => {});
