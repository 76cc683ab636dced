import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { missingApi } from './api.ts';
import { reportRoutes } from './routes-report.ts';
import { screeningRoutes } from './routes-screening.ts';
import { stepRoutes } from './routes-steps.ts';

/** Missing children: episodes, return home interviews, repeat patterns, exploitation screening. */
export const missingRoutes = fp(async (app: FastifyInstance) => {
  await app.register(reportRoutes);
  await app.register(stepRoutes);
  await app.register(screeningRoutes);
  await app.register(missingApi, { prefix: '/api/v1' });
});
