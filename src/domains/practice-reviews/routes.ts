import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { reviewFigures } from './figures.ts';
import { DECISIONS, RAG_TAGS, RAGS } from './labels.ts';
import { formRoutes, view } from './routes-forms.ts';
import { newReviewRoutes } from './routes-new.ts';
import { trackerRoutes } from './routes-tracker.ts';
import { reviewList, reviewPage } from './service-read.ts';

const SECTION = 'practice-reviews';

/**
 * Safeguarding practice reviews: the chair's list and review pages and the forms that move a review on; the action
 * tracker, learning briefings and figures that managers and board members follow too.
 */
export const practiceReviewRoutes = fp(async (app: FastifyInstance) => {
  app.get('/practice-reviews', async (request, reply) => {
    const rows = await reviewList(request.ctx());
    return reply.page(view('list'), { title: 'Practice reviews', section: SECTION, rows, decisions: DECISIONS });
  });

  app.get('/practice-reviews/figures', async (request, reply) => {
    const figures = await reviewFigures(request.ctx());
    return reply.page(view('figures'), { title: 'Practice review figures', section: SECTION, figures, mayOpenReviews: request.ctx().actor.roles.includes('review_chair') });
  });

  app.get('/practice-reviews/:id', async (request, reply) => {
    const page = await reviewPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('review'), { title: `${page.row.reference}: ${page.row.title}`, section: SECTION, ...page, decisions: DECISIONS, rags: RAGS, ragTags: RAG_TAGS, today: ukToday() });
  });

  await app.register(newReviewRoutes);
  await app.register(formRoutes);
  await app.register(trackerRoutes);
});
