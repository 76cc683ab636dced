import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { caseRoutes } from './routes-cases.ts';
import { figuresRoutes } from './routes-figures.ts';
import { planRoutes } from './routes-plan.ts';
import { reviewRoutes } from './routes-review.ts';
import { workRoutes } from './routes-work.ts';

/** Early help (eCAF): cases run end to end by any agency. */
export const earlyHelpRoutes = fp(async (app: FastifyInstance) => {
  await app.register(caseRoutes);
  await app.register(workRoutes);
  await app.register(planRoutes);
  await app.register(reviewRoutes);
  await app.register(figuresRoutes);
});
