import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const boardRoutes = fp(async (_app: FastifyInstance) => {});
