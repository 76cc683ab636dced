import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const frontDoorRoutes = fp(async (_app: FastifyInstance) => {});
