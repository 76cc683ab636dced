import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { guarded } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { text } from '../../platform/views/form-fields.ts';
import { ATTENDANCE, BOOKING_STATUS, PRACTICE_CHANGED, RATING_QUESTIONS, RATINGS } from './labels.ts';
import { manageRoutes } from './routes-manage.ts';
import { postForm, SECTION, showForm, type TrainingForm, view } from './routes-forms.ts';
import { validationRoutes } from './routes-validation.ts';
import { evaluationFields, type EvaluationInput, impactFields, type ImpactInput } from './schema.ts';
import { book, cancelBooking, evaluate, evaluationForm, impactForm, myTraining, returnImpact, sessionPage } from './service-bookings.ts';
import { trainingFigures } from './figures.ts';

type Ctx = ReturnType<FastifyRequest['ctx']>;
export const sessionHref = (id: string) => `/training/sessions/${id}`;
/** What the session page says after a booking changed: a word in the address, never who. */
const RESULTS: Record<string, string> = {
  booked: 'You have a place on this session.',
  waiting: 'The session is full, so you are on the waiting list. If a place comes free it is yours, in the order people joined the list.',
  cancelled: 'Your booking is cancelled.',
  evaluated: 'Thank you: your evaluation has been saved.',
  impact: 'Thank you: what changed in your practice has been saved.',
};

/**
 * Training for everyone signed in: the programme and their own bookings, a session's page with booking and
 * cancelling, the evaluation after attending and the follow-up months later. The business manager's pages are in
 * routes-manage.ts, the validation panel's in routes-validation.ts.
 */
export const trainingRoutes = fp(async (app: FastifyInstance) => {
  app.get('/training', async (request, reply) => {
    const data = await myTraining(request.ctx());
    return reply.page(view('home'), { title: 'Training', section: SECTION, ...data, statuses: BOOKING_STATUS });
  });

  app.get('/training/figures', async (request, reply) => {
    const raw = text(request.query, 'year');
    const year = /^\d{4}$/.test(raw) && Number(raw) >= 2010 && Number(raw) <= 2035 ? Number(raw) : null;
    const figures = await trainingFigures(request.ctx(), year);
    return reply.page(view('figures'), { title: 'Training figures', section: SECTION, figures, questions: RATING_QUESTIONS });
  });

  app.get('/training/sessions/:id', async (request, reply) => {
    const data = await sessionPage(request.ctx(), uuidParam(request.params));
    const result = RESULTS[text(request.query, 'result')] ?? null;
    return reply.page(view('session'), { title: data.session.title, section: SECTION, ...data, flash: result, statuses: BOOKING_STATUS, attendance: ATTENDANCE });
  });

  const back = (id: string) => ({ backHref: sessionHref(id), backText: 'Back to the session', section: SECTION });
  app.post('/training/sessions/:id/book', async (request, reply) => {
    const id = uuidParam(request.params);
    return guarded(reply, back(id), async () => reply.redirect(`${sessionHref(id)}?result=${await book(request.ctx(), id)}`, 303));
  });

  app.post('/training/sessions/:id/cancel-booking', async (request, reply) => {
    const id = uuidParam(request.params);
    return guarded(reply, back(id), async () => {
      await cancelBooking(request.ctx(), id);
      return reply.redirect(`${sessionHref(id)}?result=cancelled`, 303);
    });
  });

  const ratingItems = Object.entries(RATINGS).map(([value, label]) => ({ value, text: label }));
  const evaluationPage = (id: string, ctx: Ctx): TrainingForm<EvaluationInput> => ({
    template: 'evaluation-form', title: 'Evaluate the session', backHref: sessionHref(id), backText: 'Back to the session',
    dates: {}, schema: evaluationFields, entered: { willDoDifferently: 'What you will do differently' },
    fields: (b) => ({ ...Object.fromEntries(Object.keys(RATING_QUESTIONS).map((k) => [k, text(b, k)])), willDoDifferently: text(b, 'willDoDifferently') }),
    context: async () => ({ ...(await evaluationForm(ctx, id)), questions: RATING_QUESTIONS, ratingItems }),
    save: async (data) => {
      await evaluate(ctx, id, data);
      return `${sessionHref(id)}?result=evaluated`;
    },
  });
  app.get('/training/sessions/:id/evaluation', async (request, reply) => showForm(reply, evaluationPage(uuidParam(request.params), request.ctx()), {}));
  app.post('/training/sessions/:id/evaluation', async (request, reply) => postForm(reply, evaluationPage(uuidParam(request.params), request.ctx())));

  const impactPage = (id: string, ctx: Ctx): TrainingForm<ImpactInput> => ({
    template: 'impact-form', title: 'What changed in your practice', backHref: sessionHref(id), backText: 'Back to the session',
    dates: {}, schema: impactFields, entered: { whatChanged: 'What changed' },
    fields: (b) => ({ practiceChanged: text(b, 'practiceChanged'), whatChanged: text(b, 'whatChanged') }),
    context: async () => ({ ...(await impactForm(ctx, id)), practiceItems: PRACTICE_CHANGED }),
    save: async (data) => {
      await returnImpact(ctx, id, data);
      return `${sessionHref(id)}?result=impact`;
    },
  });
  app.get('/training/sessions/:id/impact', async (request, reply) => showForm(reply, impactPage(uuidParam(request.params), request.ctx()), {}));
  app.post('/training/sessions/:id/impact', async (request, reply) => postForm(reply, impactPage(uuidParam(request.params), request.ctx())));

  await app.register(manageRoutes);
  await app.register(validationRoutes);
});
