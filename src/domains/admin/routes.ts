import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { agencyRoutes } from './agency-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { userRoutes } from './user-routes.ts';

/** Administration: users, agencies and teams, and the access audit. Administrators only (see access rules). */
export const adminRoutes = fp(async (app: FastifyInstance) => {
  await userRoutes(app);
  await agencyRoutes(app);
  await auditRoutes(app);
});
