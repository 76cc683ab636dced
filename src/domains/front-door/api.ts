import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const frontDoorApi = fp(async (_app: FastifyInstance) => {});
