import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { text } from '../../platform/views/form-fields.ts';
import { LEVELS, VALIDATION_DECISIONS } from './labels.ts';
import { postForm, SECTION, showForm, type TrainingForm, view } from './routes-forms.ts';
import { decisionFields, type DecisionInput, validationFields, type ValidationInput } from './schema.ts';
import { recordDecision, submitForValidation, validationFor, validationList } from './service-validation.ts';

type Ctx = ReturnType<FastifyRequest['ctx']>;
const validationHref = (id: string) => `/training/validation/${id}`;

/** The validation panel: agencies submit their own courses; the business manager records the panel's decisions. */
export const validationRoutes = async (app: FastifyInstance) => {
  app.get('/training/validation', async (request, reply) => {
    const data = await validationList(request.ctx());
    return reply.page(view('validations'), { title: 'Validation of agencies’ courses', section: SECTION, ...data, decisions: VALIDATION_DECISIONS, agency: request.ctx().actor.agencyName });
  });

  const submitForm = (ctx: Ctx): TrainingForm<ValidationInput> => ({
    template: 'validation-form', title: 'Submit a course for validation', backHref: '/training/validation', backText: 'Back to validation',
    dates: {}, schema: validationFields, entered: { title: 'Title', outline: 'Outline' },
    fields: (b) => Object.fromEntries(['title', 'level', 'trainer', 'outline'].map((k) => [k, text(b, k)])),
    context: async () => ({ levels: LEVELS, agency: ctx.actor.agencyName }),
    save: async (data, key) => validationHref(await submitForValidation(ctx, { ...data, idempotencyKey: key })),
  });
  app.get('/training/validation/new', async (request, reply) => showForm(reply, submitForm(request.ctx()), {}));
  app.post('/training/validation/new', async (request, reply) => postForm(reply, submitForm(request.ctx())));

  app.get('/training/validation/:id', async (request, reply) => {
    const data = await validationFor(request.ctx(), uuidParam(request.params));
    return reply.page(view('validation'), { title: data.row.title, section: SECTION, ...data, decisions: VALIDATION_DECISIONS });
  });

  const decisionForm = (ctx: Ctx, id: string): TrainingForm<DecisionInput> => ({
    template: 'decision-form', title: 'The panel’s decision', backHref: validationHref(id), backText: 'Back to the submission',
    dates: { decidedOn: ['Date of the decision', 'Enter the date of the panel’s decision'], expiresOn: ['Date the validation expires', undefined] },
    schema: decisionFields, entered: { notes: 'Reasons or conditions' },
    fields: (b) => ({ decision: text(b, 'decision'), notes: text(b, 'notes') }),
    context: async () => ({ ...(await validationFor(ctx, id)), decisions: VALIDATION_DECISIONS }),
    save: async (data) => {
      await recordDecision(ctx, id, data);
      return validationHref(id);
    },
  });
  app.get('/training/validation/:id/decision', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const { row } = await validationFor(ctx, id);
    const today = ukToday();
    return showForm(reply, decisionForm(ctx, id), { version: String(row.version), decision: row.decision ?? '', notes: row.decision_notes ?? '', decidedOn: dateParts(row.decided_on ?? today), expiresOn: dateParts(row.expires_on) });
  });
  app.post('/training/validation/:id/decision', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return postForm(reply, decisionForm(request.ctx(), uuidParam(request.params)));
  });
};
