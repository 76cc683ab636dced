import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { BadRequestError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { attempt, caseHref, caseIdOf, dateField, formOf, guarded, idempotencyKeyOf, SECTION, view, zodErrors } from './routes-support.ts';
import { actionFields, outcomeFields } from './schema.ts';
import { addAction, addOutcome, findActionForEdit, findOutcomeForEdit, planForm, updateAction, updateOutcome } from './service-plan.ts';

const version = z.coerce.number().int().min(1);
const outcomeIdOf = (params: unknown) => uuidParam(params, 'outcomeId');
const actionIdOf = (params: unknown) => uuidParam(params, 'actionId');
const planHref = (caseId: string) => `${caseHref(caseId)}#plan`;

/** Reads the action form; dates are GOV.UK date inputs. */
function readAction(body: FormBody, editing: boolean) {
  const errors = noErrors();
  const due = dateField(body, 'dueOn', 'The due date', errors, 'Enter the date it is due by');
  const done = editing ? dateField(body, 'completedOn', 'The date it was done', errors) : { input: dateParts(null), value: null };
  const values = { outcomeId: text(body, 'outcomeId'), action: text(body, 'action'), ownerId: text(body, 'ownerId'), dueOn: due.input, completedOn: done.input };
  const parsed = actionFields.safeParse({ ...values, dueOn: due.value ?? '', completedOn: done.value });
  zodErrors(parsed.success ? null : parsed.error, errors, ['dueOn', 'completedOn']);
  return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
}

/** The plan: outcomes, and the actions towards them with owners and due dates. */
export const planRoutes = async (app: FastifyInstance) => {
  const outcomePage = async (reply: FastifyReply, caseId: string, action: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await planForm(reply.request.ctx(), caseId, { auditView: !errors });
    return reply.status(errors ? 400 : 200).page(view('outcome-form'), { title: values.version ? 'Change an outcome' : 'Add an outcome', section: SECTION, ...form, action, values, errors });
  };

  app.get('/early-help/cases/:id/outcomes/new', async (request, reply) => {
    const caseId = caseIdOf(request);
    return guarded(reply, caseId, () => outcomePage(reply, caseId, `${caseHref(caseId)}/outcomes/new`, { idempotencyKey: idempotencyKeyOf() }));
  });

  app.post('/early-help/cases/:id/outcomes/new', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const body = formOf(request);
    const values = { outcome: text(body, 'outcome'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = outcomeFields.extend({ idempotencyKey: z.uuid({ error: 'The form is out of date: reload the page' }) }).safeParse({ ...values, idempotencyKey: text(body, 'idempotencyKey') });
    return guarded(reply, caseId, async () => {
      if (!parsed.success) return outcomePage(reply, caseId, `${caseHref(caseId)}/outcomes/new`, values, zodErrors(parsed.error));
      await addOutcome(ctx, caseId, parsed.data);
      return reply.redirect(planHref(caseId), 303);
    });
  });

  app.get('/early-help/cases/:id/outcomes/:outcomeId/edit', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const outcomeId = outcomeIdOf(request.params);
    return guarded(reply, caseId, async () => {
      const form = await findOutcomeForEdit(ctx, caseId, outcomeId);
      return reply.page(view('outcome-form'), { title: 'Change an outcome', section: SECTION, ...form, action: request.url, values: { outcome: form.outcome.outcome, version: form.outcome.version } });
    });
  });

  app.post('/early-help/cases/:id/outcomes/:outcomeId/edit', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const outcomeId = outcomeIdOf(request.params);
    const body = formOf(request);
    const values = { outcome: text(body, 'outcome'), version: text(body, 'version') };
    const parsed = outcomeFields.extend({ version }).safeParse(values);
    return guarded(
      reply,
      caseId,
      async () => {
        if (!parsed.success) return outcomePage(reply, caseId, request.url, values, zodErrors(parsed.error));
        await updateOutcome(ctx, caseId, outcomeId, parsed.data);
        return reply.redirect(planHref(caseId), 303);
      },
      [{ label: 'Outcome', value: values.outcome }],
    );
  });

  app.post('/early-help/cases/:id/outcomes/:outcomeId/achieved', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const outcomeId = outcomeIdOf(request.params);
    const body = formOf(request);
    return guarded(reply, caseId, async () => {
      const parsed = z.object({ version, achieved: z.enum(['yes', 'no']) }).safeParse({ version: text(body, 'version'), achieved: text(body, 'achieved') });
      // Sent only by the button on the case page: a malformed request is simply refused.
      if (!parsed.success) throw new BadRequestError('Go back to the case and try again.');
      await updateOutcome(ctx, caseId, outcomeId, { version: parsed.data.version, achieved: parsed.data.achieved === 'yes' });
      return reply.redirect(planHref(caseId), 303);
    });
  });

  const actionPage = async (reply: FastifyReply, caseId: string, action: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await planForm(reply.request.ctx(), caseId, { auditView: !errors });
    const editing = Boolean(values.version);
    return reply.status(errors ? 400 : 200).page(view('action-form'), { title: editing ? 'Change an action' : 'Add an action', section: SECTION, ...form, action, editing, values, errors });
  };

  app.get('/early-help/cases/:id/actions/new', async (request, reply) => {
    const caseId = caseIdOf(request);
    const outcomeId = text(request.query, 'outcomeId');
    return guarded(reply, caseId, () => actionPage(reply, caseId, `${caseHref(caseId)}/actions/new`, { idempotencyKey: idempotencyKeyOf(), outcomeId }));
  });

  app.post('/early-help/cases/:id/actions/new', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const body = formOf(request);
    const { values, errors, input } = readAction(body, false);
    const idempotencyKey = idempotencyKeyOf(body);
    return guarded(reply, caseId, async () => {
      const show = (e: FormErrors) => actionPage(reply, caseId, `${caseHref(caseId)}/actions/new`, { ...values, idempotencyKey }, e);
      if (!input) return show(errors);
      const refused = await attempt('ownerId', () => addAction(ctx, caseId, { ...input, idempotencyKey }));
      return refused ? show(refused) : reply.redirect(planHref(caseId), 303);
    });
  });

  app.get('/early-help/cases/:id/actions/:actionId/edit', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const actionId = actionIdOf(request.params);
    return guarded(reply, caseId, async () => {
      const form = await findActionForEdit(ctx, caseId, actionId);
      const a = form.action;
      const values = { outcomeId: a.outcome_id ?? '', action: a.action, ownerId: a.owner_id, dueOn: dateParts(a.due_on), completedOn: dateParts(a.completed_on), version: a.version };
      return reply.page(view('action-form'), { title: 'Change an action', section: SECTION, ...form, action: request.url, editing: true, values });
    });
  });

  app.post('/early-help/cases/:id/actions/:actionId/edit', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const actionId = actionIdOf(request.params);
    const body = formOf(request);
    const { values, errors, input } = readAction(body, true);
    const read = version.safeParse(text(body, 'version'));
    return guarded(
      reply,
      caseId,
      async () => {
        const show = (e: FormErrors) => actionPage(reply, caseId, request.url, { ...values, version: text(body, 'version') || '1' }, e);
        if (!input || !read.success) return show(read.success ? errors : zodErrors(read.error, errors));
        const refused = await attempt('ownerId', () => updateAction(ctx, caseId, actionId, { ...input, version: read.data }));
        return refused ? show(refused) : reply.redirect(planHref(caseId), 303);
      },
      [{ label: 'Action', value: values.action }],
    );
  });
};
