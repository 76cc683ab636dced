import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { can } from '../../platform/access/rules.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { disagreementFigures } from './figures.ts';
import { RESOLUTIONS, STAGES, STEP_LABELS } from './labels.ts';
import { newDisagreementRoutes } from './routes-new.ts';
import { stepRoutes } from './routes-steps.ts';
import { disagreementList, disagreementPage } from './service-read.ts';

const view = (name: string) => `domains/disagreements/views/${name}.njk`;
const codes = { resolutions: RESOLUTIONS, stages: STAGES, steps: STEP_LABELS };

/** Filters come from a GET form: anything unknown falls back to the default rather than failing. */
const filterOf = (query: unknown) => {
  const q = (query ?? {}) as Record<string, unknown>;
  return { view: z.enum(['mine', 'agency', 'all']).catch('agency').parse(q.view), status: z.enum(['open', 'closed', 'all']).catch('open').parse(q.status) };
};

/** Professional disagreements: the list, the figures, raising one, each disagreement's page and its steps. */
export const disagreementRoutes = fp(async (app: FastifyInstance) => {
  app.get('/disagreements', async (request, reply) => {
    const filter = filterOf(request.query);
    const list = await disagreementList(request.ctx(), filter.view, filter.status);
    const showFigures = can(request.ctx().actor, 'aggregates.view').allowed;
    return reply.page(view('list'), { title: 'Professional disagreements', section: 'disagreements', ...list, status: filter.status, showFigures, codes });
  });

  app.get('/disagreements/figures', async (request, reply) => {
    const figures = await disagreementFigures(request.ctx());
    // Analysts and board members reach the figures from the figures pages; they cannot open the disagreements list.
    const back = can(request.ctx().actor, 'disagreements.view').allowed ? { href: '/disagreements', text: 'Back to disagreements' } : { href: '/figures', text: 'Back to figures' };
    return reply.page(view('figures'), { title: 'Professional disagreement figures', section: 'disagreements', figures, back });
  });

  await app.register(newDisagreementRoutes);

  app.get('/disagreements/:id', async (request, reply) => {
    const page = await disagreementPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('disagreement'), { title: `Disagreement with ${page.aboutAgency}`, section: 'disagreements', ...page, codes });
  });

  await app.register(stepRoutes);
});
