import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { caseworkApi } from './api.ts';
import { caseloadRoutes } from './routes-caseloads.ts';
import { recordRoutes } from './routes-record.ts';
import { visitRoutes } from './routes-visits.ts';

/** Casework across children's social care: the child's record, allocation, visits, caseloads, the manager's dashboard. */
export const caseworkRoutes = fp(async (app: FastifyInstance) => {
  await app.register(recordRoutes);
  await app.register(visitRoutes);
  await app.register(caseloadRoutes);
  await app.register(caseworkApi, { prefix: '/api/v1' });
});
