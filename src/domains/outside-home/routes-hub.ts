import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hubPage } from './hub-service.ts';
import { SECTION } from './places-labels.ts';

/** The landing page of harm outside the home: the MET hub agenda, its patterns, and the way to places and peer groups. */
export const hubRoutes = fp(async (app: FastifyInstance) => {
  app.get('/exploitation', async (request, reply) => {
    const page = await hubPage(request.ctx());
    return reply.page('domains/outside-home/views/hub.njk', { title: 'Exploitation and harm outside the home', section: SECTION, ...page });
  });
});
