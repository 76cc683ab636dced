import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { childrenInCareApi } from './api.ts';
import { changeRoutes } from './routes-changes.ts';
import { pageRoutes } from './routes-pages.ts';
import { reviewRoutes } from './routes-reviews.ts';

/** Children in care: periods of care made of 903 episodes, reviews, visits, health and education, stability. */
export const childrenInCareRoutes = fp(async (app: FastifyInstance) => {
  await app.register(pageRoutes);
  await app.register(changeRoutes);
  await app.register(reviewRoutes);
  await app.register(childrenInCareApi, { prefix: '/api/v1' });
});
