import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { referralApi } from './api.ts';
import { assessmentRoutes } from './routes-assessment.ts';
import { planRoutes } from './routes-plan.ts';
import { referralPageRoutes } from './routes-referral.ts';

/** Referral, child and family assessment, and children in need: pages, and the JSON API under /api/v1. */
export const referralRoutes = fp(async (app: FastifyInstance) => {
  await app.register(referralPageRoutes);
  await app.register(assessmentRoutes);
  await app.register(planRoutes);
  await app.register(referralApi, { prefix: '/api/v1' });
});
