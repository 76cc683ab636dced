import type { FastifyInstance } from 'fastify';

export const mergeRoutes = async (_app: FastifyInstance) => {};
