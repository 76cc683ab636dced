import type { FastifyInstance } from 'fastify';
import { SECTION, view } from './routes-support.ts';
import { assessmentFigures } from './service-figures.ts';

export const figuresRoutes = async (app: FastifyInstance) => {
  app.get('/early-help/figures', async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).year;
    const year = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : null;
    const figures = await assessmentFigures(request.ctx(), year);
    return reply.page(view('figures'), { title: 'Early help assessments registered', section: SECTION, ...figures });
  });
};
