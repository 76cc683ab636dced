import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { can } from '../../platform/access/rules.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { AUDIENCES, QUESTION_KINDS, STATUSES, STATUS_TAGS } from './labels.ts';
import { answerRoutes } from './routes-answer.ts';
import { builderRoutes, SECTION, view } from './routes-builder.ts';
import { surveysToAnswer } from './service-answer.ts';
import { resultCharts, resultsCsv, surveyResults } from './service-results.ts';
import { surveyList } from './service.ts';

/**
 * Surveys of children, young people and practitioners: the list and results (business manager and board members),
 * the builder (business manager), and the pages people answer on.
 */
export const surveyRoutes = fp(async (app: FastifyInstance) => {
  app.get('/surveys', async (request, reply) => {
    const ctx = request.ctx();
    const rows = await surveyList(ctx);
    return reply.page(view('list'), { title: 'Surveys', section: SECTION, rows, audiences: AUDIENCES, statuses: STATUSES, statusTags: STATUS_TAGS, mayManage: can(ctx.actor, 'partnership.manage').allowed });
  });

  app.get('/surveys/to-answer', async (request, reply) => {
    const rows = await surveysToAnswer(request.ctx());
    return reply.page(view('to-answer'), { title: 'Surveys for you to answer', section: SECTION, rows });
  });

  app.get('/surveys/:id/results', async (request, reply) => {
    const ctx = request.ctx();
    const data = await surveyResults(ctx, uuidParam(request.params));
    return reply.page(view('results'), { title: `Results: ${data.survey.title}`, section: SECTION, ...data, charts: await resultCharts(data.results), kinds: QUESTION_KINDS, audiences: AUDIENCES, statuses: STATUSES, mayManage: can(ctx.actor, 'partnership.manage').allowed });
  });

  app.get('/surveys/:id/results.csv', async (request, reply) => {
    const data = await surveyResults(request.ctx(), uuidParam(request.params));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="survey-results-${data.survey.id.slice(0, 8)}.csv"`)
      .send(resultsCsv(data.results, data.survey.anonymous));
  });

  await app.register(builderRoutes);
  await app.register(answerRoutes);
});
