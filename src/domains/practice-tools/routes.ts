import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const practiceToolRoutes = fp(async (_app: FastifyInstance) => {});
