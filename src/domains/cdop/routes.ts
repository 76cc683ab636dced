import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { financialYear, financialYearBounds } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { cdopFigures } from './figures.ts';
import { AGENCIES, CATEGORIES, EXPECTATIONS, FACTOR_DOMAINS, MODIFIABLE, PLACES, RAPID_RESPONSES } from './labels.ts';
import { formRoutes, view } from './routes-forms.ts';
import { newNotificationRoutes } from './routes-new.ts';
import { caseList, casePage, type ListFilter } from './service-read.ts';

const codes = { places: PLACES, expectations: EXPECTATIONS, rapidResponses: RAPID_RESPONSES, agencies: AGENCIES, categories: CATEGORIES, modifiable: MODIFIABLE, domains: FACTOR_DOMAINS };

/** Filters come from a GET form: anything unknown falls back to the default rather than failing. */
const filterOf = (query: unknown): ListFilter => {
  const q = (query ?? {}) as Record<string, unknown>;
  const status = z.enum(['open', 'reviewed', 'all']).catch('open').parse(q.status);
  const year = typeof q.year === 'string' && financialYearBounds(q.year) ? q.year : null;
  return { status, year };
};

/** The financial years the year filter offers: this one and the five before it. */
const yearChoices = () => {
  const start = Number(financialYear(ukToday()).slice(0, 4));
  return Array.from({ length: 6 }, (_, i) => financialYear(`${start - i}-04-01`));
};

/** The child death review team's pages: the list of deaths, each case with its history, the figures, and the forms. */
export const cdopRoutes = fp(async (app: FastifyInstance) => {
  app.get('/cdop', async (request, reply) => {
    const filter = filterOf(request.query);
    const rows = await caseList(request.ctx(), filter);
    return reply.page(view('list'), { title: 'Child deaths', section: 'cdop', rows, filter, years: yearChoices(), codes });
  });

  app.get('/cdop/figures', async (request, reply) => {
    const figures = await cdopFigures(request.ctx());
    return reply.page(view('figures'), { title: 'Child death figures', section: 'cdop', figures, codes });
  });

  app.get('/cdop/:id', async (request, reply) => {
    const page = await casePage(request.ctx(), uuidParam(request.params));
    return reply.page(view('case'), { title: 'Child death review', section: 'cdop', ...page, codes, today: ukToday() });
  });

  await app.register(newNotificationRoutes);
  await app.register(formRoutes);
});
