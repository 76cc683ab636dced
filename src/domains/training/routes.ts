import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const trainingRoutes = fp(async (_app: FastifyInstance) => {});
