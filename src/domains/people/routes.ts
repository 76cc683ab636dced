import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const peopleRoutes = fp(async (_app: FastifyInstance) => {});
