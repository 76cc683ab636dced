import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const inboxRoutes = fp(async (_app: FastifyInstance) => {});
