import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const section11Routes = fp(async (_app: FastifyInstance) => {});
