import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { childRoutes } from './routes-child.ts';
import { toolRoutes } from './routes-tools.ts';

/**
 * Scored practice tools: the partnership business manager configures them (`/practice-tools`); practitioners score a
 * child on them and follow the child's scores over time on the child's record (`/people/:id/practice-tools`).
 */
export const practiceToolRoutes = fp(async (app: FastifyInstance) => {
  await app.register(toolRoutes);
  await app.register(childRoutes);
});
