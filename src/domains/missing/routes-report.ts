import type { FastifyInstance, FastifyReply } from 'fastify';
import { uuidParam } from '../../platform/http/params.ts';
import { formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { momentField, momentParts } from './form-moments.ts';
import { EXPLOITATION_LEVELS, MISSING_KINDS, RISK_LEVELS } from './labels.ts';
import { STATE_TAGS } from './machine.ts';
import { reportFields } from './schema.ts';
import { MomentProblem, reportForm, reportMissing, reportProblems } from './service.ts';
import { childMissingPage, missingList } from './service-views.ts';

export const view = (name: string) => `domains/missing/views/${name}.njk`;
export const childHref = (personId: string) => `/people/${personId}/missing`;

/** The child's missing page, reporting a child missing, and the missing children list. */
export const reportRoutes = async (app: FastifyInstance) => {
  app.get('/missing', async (request, reply) => {
    const list = await missingList(request.ctx());
    return reply.page(view('list'), { title: 'Missing children', section: 'social-care', ...list, tags: STATE_TAGS });
  });

  app.get('/people/:id/missing', async (request, reply) => {
    const personId = uuidParam(request.params);
    const page = await childMissingPage(request.ctx(), personId);
    return reply.page(view('child'), { title: 'Missing episodes and exploitation', section: 'people', ...page, tags: STATE_TAGS, risks: RISK_LEVELS, kinds: MISSING_KINDS, levels: EXPLOITATION_LEVELS });
  });

  const formPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await reportForm(reply.request.ctx(), personId);
    return reply.status(errors ? 400 : 200).page(view('report-form'), { title: 'Report a child missing', section: 'people', ...form, kinds: MISSING_KINDS, risks: RISK_LEVELS, values, errors });
  };

  app.get('/people/:id/missing/new', async (request, reply) => {
    const personId = uuidParam(request.params);
    const now = new Date();
    return formPage(reply, personId, { reportedAt: momentParts(now), reportedByAgencyId: request.ctx().actor.agencyId, idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/missing/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const started = momentField(body, 'startedAt', 'When they went missing', errors);
    const reported = momentField(body, 'reportedAt', 'When it was reported', errors);
    const values = {
      kind: text(body, 'kind'),
      startedAt: started.input,
      reportedAt: reported.input,
      reportedByAgencyId: text(body, 'reportedByAgencyId'),
      riskLevel: text(body, 'riskLevel'),
      circumstances: text(body, 'circumstances'),
      idempotencyKey: idempotencyKeyOf(body),
    };
    const parsed = reportFields.safeParse({ ...values, startedAt: started.value ?? undefined, reportedAt: reported.value ?? undefined });
    if (!parsed.success) zodErrors(parsed.error, errors, []);
    // Missing moments already have their own message under the date box: drop Zod's duplicate.
    for (const f of ['startedAt', 'reportedAt']) if (errors.fields[`${f}-day`] || errors.fields[`${f}-time`]) dropField(errors, f);
    if (parsed.success && !errors.summary.length) for (const p of reportProblems(parsed.data)) addError(errors, `${p.field}-day`, p.message);
    const back = { backHref: childHref(personId), backText: 'Back to the child’s missing episodes', section: 'people' };
    return guarded(reply, back, async () => {
      if (!parsed.success || errors.summary.length) return formPage(reply, personId, values, errors);
      try {
        const { id } = await reportMissing(ctx, personId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
        return reply.redirect(`/missing/${id}`, 303);
      } catch (error) {
        if (error instanceof MomentProblem) return formPage(reply, personId, values, addError(noErrors(), `${error.field}-day`, error.message));
        throw error;
      }
    });
  });
};

/** Removes a field's error (when a more precise one is shown for the same box). */
export function dropField(errors: FormErrors, field: string) {
  if (!errors.fields[field]) return;
  delete errors.fields[field];
  errors.summary = errors.summary.filter((e) => e.href !== `#${field}`);
}
