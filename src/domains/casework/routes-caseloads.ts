import type { FastifyInstance } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { describeRule, TIMESCALES } from '../../platform/calendar/timescales.ts';
import { CASE_WEIGHTS } from './codes.ts';
import { caseloads, teamDashboard } from './service-caseloads.ts';

const view = (name: string) => `domains/casework/views/${name}.njk`;
const SECTION = 'social-care';

/** The social care hub, caseloads, the team manager's dashboard and the table of timescales. */
export const caseloadRoutes = async (app: FastifyInstance) => {
  app.get('/social-care', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'socialcare.list');
    return reply.page(view('hub'), { title: 'Social care', section: SECTION, manager: can(ctx.actor, 'caseload.allocate').allowed });
  });

  app.get('/social-care/caseloads', async (request, reply) => {
    const loads = await caseloads(request.ctx());
    return reply.page(view('caseloads'), { title: 'Caseloads', section: SECTION, loads, weights: CASE_WEIGHTS });
  });

  app.get('/social-care/team', async (request, reply) => {
    const dashboard = await teamDashboard(request.ctx());
    return reply.page(view('team-dashboard'), { title: 'Team dashboard', section: SECTION, ...dashboard, weights: CASE_WEIGHTS, tags: CLOCK_LABELS });
  });

  app.get('/social-care/timescales', async (request, reply) => {
    authorise(request.ctx(), 'socialcare.list');
    const rows = Object.values(TIMESCALES).map((t) => ({ ...t, due: describeRule(t.rule) }));
    return reply.page(view('timescales'), { title: 'Timescales', section: SECTION, rows });
  });
};
