import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { z } from 'zod';
import { ladoFigures } from './figures.ts';
import { CATEGORIES, DECISIONS, OUTCOMES, REFERRING_AGENCIES, REGULATORS, SANCTIONS, SECTORS } from './labels.ts';
import { formRoutes, view } from './routes-forms.ts';
import { newConcernRoutes } from './routes-new.ts';
import { caseList, casePage, type ListFilter } from './service-read.ts';

const codes = { categories: CATEGORIES, sectors: SECTORS, agencies: REFERRING_AGENCIES, decisions: DECISIONS, outcomes: OUTCOMES, sanctions: SANCTIONS, regulators: REGULATORS };

/** Filters come from a GET form: anything unknown falls back to the default rather than failing. */
const filterOf = (query: unknown): ListFilter => {
  const q = (query ?? {}) as Record<string, unknown>;
  const status = z.enum(['open', 'closed', 'all']).catch('open').parse(q.status);
  const category = z.enum(Object.keys(CATEGORIES) as [string, ...string[]]).nullable().catch(null).parse(q.category ?? null);
  return { status, category };
};

/** The LADO service: its list of cases, each case with its history, the figures, and the forms that change them. */
export const ladoRoutes = fp(async (app: FastifyInstance) => {
  app.get('/lado', async (request, reply) => {
    const filter = filterOf(request.query);
    const rows = await caseList(request.ctx(), filter);
    return reply.page(view('list'), { title: 'LADO cases', section: 'lado', rows, filter, codes });
  });

  app.get('/lado/figures', async (request, reply) => {
    const figures = await ladoFigures(request.ctx());
    return reply.page(view('figures'), { title: 'LADO figures', section: 'lado', figures, codes });
  });

  app.get('/lado/:id', async (request, reply) => {
    const page = await casePage(request.ctx(), uuidParam(request.params));
    return reply.page(view('case'), { title: 'LADO case', section: 'lado', ...page, codes, today: ukToday() });
  });

  await app.register(newConcernRoutes);
  await app.register(formRoutes);
});
