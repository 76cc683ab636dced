import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const datasetSettingsRoutes = fp(async (_app: FastifyInstance) => {});
