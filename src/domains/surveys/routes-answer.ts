import type { FastifyInstance, FastifyReply } from 'fastify';
import { formOf } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { type Answer, enteredAnswers, fieldOf, type Question, readAnswers } from './answers.ts';
import { CHILD_SCALE, PRACTITIONER_SCALE } from './labels.ts';
import { childSurvey, NotAnswerable, practitionerSurvey, submitChildResponse, submitPractitionerResponse } from './service-answer.ts';
import { SECTION, view } from './routes-builder.ts';

/** Each question with its field name and, for a scale, the points as the audience sees them. */
const shownQuestions = (questions: readonly Question[]) => questions.map((q) => ({ ...q, field: fieldOf(q) }));

/**
 * Answering: practitioners signed in at /surveys/:id/answer; children and young people at /s/:token with no account,
 * on a page of its own (no site navigation, large targets, plain words). Both keep what was entered when a required
 * answer is missing.
 */
export const answerRoutes = async (app: FastifyInstance) => {
  const notAnswerable = (reply: FastifyReply, error: NotAnswerable, child: boolean) =>
    reply.status(error.statusCode).page(child ? view('child-message') : 'error.njk', { title: error.title, message: error.message, section: SECTION });

  const practitionerPage = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await practitionerSurvey(reply.request.ctx(), id);
    return reply.status(errors?.summary.length ? 400 : 200).page(view('answer'), { title: form.survey.title, section: SECTION, ...form, questions: shownQuestions(form.questions), scale: PRACTITIONER_SCALE, values, errors: errors ?? noErrors() });
  };

  const practitioner = async (reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NotAnswerable) return notAnswerable(reply, error, false);
      throw error;
    }
  };

  app.get('/surveys/:id/answer', async (request, reply) => practitioner(reply, () => practitionerPage(reply, uuidParam(request.params), {})));

  app.post('/surveys/:id/answer', async (request, reply) => {
    const id = uuidParam(request.params);
    return practitioner(reply, async () => {
      const { survey, questions } = await practitionerSurvey(request.ctx(), id);
      const body = formOf(request);
      const { answers, errors } = readAnswers(body, questions, survey.audience);
      if (errors.summary.length) return practitionerPage(reply, id, enteredAnswers(body, questions), errors);
      await submitPractitionerResponse(request.ctx(), id, answers);
      return reply.page(view('thanks'), { title: 'Thank you for answering', section: SECTION, survey });
    });
  });

  // The public page: a link's token is its only key, so it is rate-limited and answers no more than a link allows.
  const publicRoute = { config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } } };

  const childPage = async (reply: FastifyReply, token: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await childSurvey(reply.server.database.db, token);
    return reply.status(errors?.summary.length ? 400 : 200).page(view('child'), { title: form.survey.title, survey: form.survey, questions: shownQuestions(form.questions), faces: CHILD_SCALE, token, values, errors: errors ?? noErrors() });
  };

  const child = async (reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NotAnswerable) return notAnswerable(reply, error, true);
      throw error;
    }
  };

  app.get('/s/:token', publicRoute, async (request, reply) => child(reply, () => childPage(reply, text(request.params, 'token'), {})));

  app.post('/s/:token', publicRoute, async (request, reply) => {
    const token = text(request.params, 'token');
    return child(reply, async () => {
      const { survey, questions } = await childSurvey(app.database.db, token);
      const body = formOf(request);
      const { answers, errors } = readAnswers(body, questions, survey.audience);
      if (errors.summary.length) return childPage(reply, token, enteredAnswers(body, questions), errors);
      await submitChildResponse(app.database.db, token, answers as Answer[]);
      return reply.redirect('/s/thank-you', 303);
    });
  });

  app.get('/s/thank-you', publicRoute, async (_request, reply) => reply.page(view('child-message'), { title: 'Thank you', message: 'Your answers have been sent. Thank you for telling us what you think.', thanks: true }));
};
