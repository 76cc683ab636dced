import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const accessRoutes = fp(async (_app: FastifyInstance) => {});
