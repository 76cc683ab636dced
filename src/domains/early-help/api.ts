import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const earlyHelpApi = fp(async (_app: FastifyInstance) => {});
