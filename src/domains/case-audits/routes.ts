import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const caseAuditRoutes = fp(async (_app: FastifyInstance) => {});
