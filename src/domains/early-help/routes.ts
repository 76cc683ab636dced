import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const earlyHelpRoutes = fp(async (_app: FastifyInstance) => {});
