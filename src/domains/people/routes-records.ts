import type { FastifyInstance } from 'fastify';

export const recordRoutes = async (_app: FastifyInstance) => {};
