import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const adminRoutes = fp(async (_app: FastifyInstance) => {});
