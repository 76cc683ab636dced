import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const panelRoutes = fp(async (_app: FastifyInstance) => {});
