import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { formOf, guarded, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { momentField, momentParts } from './form-moments.ts';
import { EXPLOITATION_INDICATORS, MISSING_KINDS, RISK_LEVELS } from './labels.ts';
import { MISSING_MACHINE, type MissingState, STATE_TAGS } from './machine.ts';
import { interviewerChoices } from './repository.ts';
import { dropField, view } from './routes-report.ts';
import { answerFields, completeFields, offerFields, returnFields } from './schema.ts';
import { answerInterview, completeInterview, MomentProblem, offerInterview, recordReturn } from './service.ts';
import { episodePage, stepForm } from './service-views.ts';
import { can } from '../../platform/access/rules.ts';
import { placeChoices } from '../outside-home/places-service.ts';

interface Step {
  /** The path after /missing/:id/ and the step's name in the template. */
  action: string;
  step: 'return' | 'offer' | 'answer' | 'complete';
  /** The state the step leads to (accepting stands for answering: declining follows the same state). */
  to: MissingState;
  title: string;
  who: 'missing.report' | 'missing.interview';
  /** The moment fields the step has (date and time boxes), with their labels. */
  moments: Record<string, string>;
  fields: (body: FormBody) => Record<string, unknown>;
  schema: z.ZodType;
  save: (ctx: Parameters<typeof recordReturn>[0], id: string, data: never) => Promise<void>;
}

/** What a refused (409) step shows back, so nothing typed is lost. */
const ENTERED_LABELS: Record<string, string> = {
  foundWhere: 'Where they were found',
  pushFactors: 'What pushed them away',
  pullFactors: 'What pulled them away',
  findings: 'Findings and what happens next',
};

const STEPS: Step[] = [
  {
    action: 'return', step: 'return', to: 'returned', title: 'Record their return', who: 'missing.report', moments: { returnedAt: 'When they came back' },
    fields: (b) => ({ foundWhere: text(b, 'foundWhere'), placeId: text(b, 'placeId') }), schema: returnFields, save: recordReturn as Step['save'],
  },
  { action: 'interview/offer', step: 'offer', to: 'offered', title: 'Record the interview offer', who: 'missing.interview', moments: { offeredAt: 'When the interview was offered' }, fields: () => ({}), schema: offerFields, save: offerInterview as Step['save'] },
  { action: 'interview/answer', step: 'answer', to: 'accepted', title: 'Did they accept the interview?', who: 'missing.interview', moments: {}, fields: (b) => ({ answer: text(b, 'answer') }), schema: answerFields, save: answerInterview as Step['save'] },
  {
    action: 'interview/complete', step: 'complete', to: 'completed', title: 'Record the return home interview', who: 'missing.interview', moments: { completedAt: 'When the interview was held' },
    fields: (b) => ({ interviewBy: text(b, 'interviewBy'), pushFactors: text(b, 'pushFactors'), pullFactors: text(b, 'pullFactors'), indicators: list(b, 'indicators'), findings: text(b, 'findings') }),
    schema: completeFields, save: completeInterview as Step['save'],
  },
];

/** The episode page and each step of the state machine, every step naming the version it read. */
export const stepRoutes = async (app: FastifyInstance) => {
  app.get('/missing/:id', async (request, reply) => {
    const page = await episodePage(request.ctx(), uuidParam(request.params));
    return reply.page(view('episode'), { title: 'Missing episode', section: 'people', ...page, tags: STATE_TAGS, risks: RISK_LEVELS, kinds: MISSING_KINDS });
  });

  for (const step of STEPS) {
    const formPage = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
      const form = await stepForm(reply.request.ctx(), id, step.who);
      const interviewers = step.step === 'complete' ? await interviewerChoices(reply.request.ctx().db) : [];
      // Places of concern are offered to those who record at places (harm outside the home).
      const places = step.step === 'return' && can(reply.request.ctx().actor, 'outside.record').allowed ? await placeChoices(reply.request.ctx()) : [];
      return reply.status(errors ? 400 : 200).page(view('step-form'), {
        title: step.title, section: 'people', ...form, step: step.step, action: step.action, interviewers, places, indicators: EXPLOITATION_INDICATORS,
        values: { version: form.row.version, ...values }, errors,
      });
    };

    app.get(`/missing/:id/${step.action}`, async (request, reply) => {
      const id = uuidParam(request.params);
      const defaults: Record<string, unknown> = Object.fromEntries(Object.keys(step.moments).map((m) => [m, momentParts(new Date())]));
      if (step.step === 'complete') Object.assign(defaults, { interviewBy: request.ctx().actor.id, indicators: [] });
      const back = { backHref: `/missing/${id}`, backText: 'Back to the episode', section: 'people' };
      return guarded(reply, back, async () => {
        const { state, row } = await stepForm(request.ctx(), id, step.who);
        // Show the form only when the step can follow; otherwise explain (409) and lead back.
        MISSING_MACHINE.assert(state, step.to);
        return formPage(reply, row.id, defaults);
      });
    });

    app.post(`/missing/:id/${step.action}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const body = formOf(request);
      const errors = noErrors();
      const moments = Object.fromEntries(Object.entries(step.moments).map(([name, label]) => [name, momentField(body, name, label, errors)]));
      const values = { ...step.fields(body), ...Object.fromEntries(Object.entries(moments).map(([n, m]) => [n, m.input])), version: text(body, 'version') };
      const parsed = step.schema.safeParse({ ...values, ...Object.fromEntries(Object.entries(moments).map(([n, m]) => [n, m.value ?? undefined])) });
      if (!parsed.success) zodErrors(parsed.error, errors);
      for (const name of Object.keys(step.moments)) if (errors.fields[`${name}-day`] || errors.fields[`${name}-time`]) dropField(errors, name);
      const entered = Object.entries(ENTERED_LABELS).map(([name, label]) => ({ label, value: text(body, name) }));
      const back = { backHref: `/missing/${id}`, backText: 'Back to the episode', section: 'people', entered };
      return guarded(reply, back, async () => {
        if (!parsed.success || errors.summary.length) return formPage(reply, id, values, errors);
        try {
          await step.save(ctx, id, parsed.data as never);
        } catch (error) {
          if (error instanceof MomentProblem) {
            const field = error.field in step.moments ? `${error.field}-day` : error.field;
            return formPage(reply, id, values, addError(noErrors(), field, error.message));
          }
          throw error;
        }
        return reply.redirect(`/missing/${id}`, 303);
      });
    });
  }
};
