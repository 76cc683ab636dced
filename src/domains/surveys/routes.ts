import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const surveyRoutes = fp(async (_app: FastifyInstance) => {});
