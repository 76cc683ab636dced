import type { FastifyInstance } from 'fastify';

export const peopleApi = async (_app: FastifyInstance) => {};
