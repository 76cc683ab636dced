import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const childsVoiceRoutes = fp(async (_app: FastifyInstance) => {});
