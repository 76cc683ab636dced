import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { childProtectionApi } from './api.ts';
import { meetingRoutes } from './routes-meetings.ts';
import { pageRoutes } from './routes-pages.ts';
import { strategyRoutes } from './routes-strategy.ts';

/** Child protection: strategy discussions, section 47 enquiries, conferences, plans and core groups, and the API. */
export const childProtectionRoutes = fp(async (app: FastifyInstance) => {
  await app.register(strategyRoutes);
  await app.register(meetingRoutes);
  await app.register(pageRoutes);
  await app.register(childProtectionApi, { prefix: '/api/v1' });
});
