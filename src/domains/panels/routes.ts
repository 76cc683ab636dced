import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { itemRoutes } from './routes-items.ts';
import { meetingRoutes } from './routes-meetings.ts';
import { panelRoutesList } from './routes-panels.ts';
import { referralRoutes } from './routes-referrals.ts';

/** Multi-agency panels: MASGs, the Unborn Baby Panel and the MET hub — referrals, meetings, decisions and actions. */
export const panelRoutes = fp(async (app: FastifyInstance) => {
  await panelRoutesList(app);
  await referralRoutes(app);
  await meetingRoutes(app);
  await itemRoutes(app);
});
