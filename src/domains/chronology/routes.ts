import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const chronologyRoutes = fp(async (_app: FastifyInstance) => {});
