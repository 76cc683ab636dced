import type { FastifyInstance, FastifyReply } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { addProblems, dateField, formOf, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { personHeading } from '../people/service.ts';
import { rowsToShow } from './attendance.ts';
import { CONFERENCE_KINDS, SECTION_47_OUTCOMES, STRATEGY_DECISIONS } from './model.ts';
import { attendanceFrom, personCpHref, refusedAt, view } from './routes-support.ts';
import { section47Fields, strategyFields, transferInFields } from './schema.ts';
import { recordSection47Outcome, section47Page, section47Problems } from './service-s47.ts';
import { scheduleTransferIn } from './service-plan.ts';
import { recordStrategy, strategyForm, strategyProblems } from './service-strategy.ts';
import { ABUSE_CATEGORIES } from '../../platform/codes/cin.ts';

/** The strategy discussion, the section 47 enquiry's outcome and scheduling a transfer-in conference. */
export const strategyRoutes = async (app: FastifyInstance) => {
  const strategyPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const form = await strategyForm(ctx, personId);
    return reply.status(errors ? 400 : 200).page(view('strategy-form'), {
      title: 'Record a strategy discussion',
      section: 'people',
      heading: await personHeading(ctx, personId),
      ...form,
      decisions: STRATEGY_DECISIONS,
      values,
      errors,
    });
  };

  app.get('/people/:id/strategy-discussions/new', async (request, reply) => {
    const personId = uuidParam(request.params);
    return strategyPage(reply, personId, { heldOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf(), rows: rowsToShow([]) });
  });

  app.post('/people/:id/strategy-discussions/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const form = await strategyForm(ctx, personId);
    const body = formOf(request);
    const errors = noErrors();
    const held = dateField(body, 'heldOn', 'The date the strategy discussion was held', errors, 'Enter the date the strategy discussion was held');
    const values = {
      heldOn: held.input,
      format: text(body, 'format'),
      concerns: text(body, 'concerns'),
      decision: text(body, 'decision'),
      decisionReasons: text(body, 'decisionReasons'),
      idempotencyKey: idempotencyKeyOf(body),
    };
    const parsed = strategyFields.safeParse({ ...values, heldOn: held.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['heldOn']);
    const { rows, attendees } = await attendanceFrom(ctx, body, errors);
    if (parsed.success && form.episode) addProblems(errors, strategyProblems(form.episode, parsed.data), ['heldOn']);
    const shown = { ...values, rows: rowsToShow(rows) };
    return refusedAt(reply, personCpHref(personId), 'Go back to child protection', [{ label: 'Concerns', value: values.concerns }, { label: 'Reasons for the decision', value: values.decisionReasons }], async () => {
      if (!parsed.success || errors.summary.length) return strategyPage(reply, personId, shown, errors);
      const result = await recordStrategy(ctx, personId, { ...parsed.data, attendees });
      return reply.redirect(result.section47Id ? `/child-protection/enquiries/${result.section47Id}` : personCpHref(personId), 303);
    });
  });

  app.get('/child-protection/enquiries/:id', async (request, reply) => {
    const page = await section47Page(request.ctx(), uuidParam(request.params));
    return reply.page(view('section-47'), s47View(page, { version: page.row.version, completedDate: dateParts(ukToday()), chairId: '' }));
  });

  app.post('/child-protection/enquiries/:id', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const page = await section47Page(ctx, id);
    const body = formOf(request);
    const errors = noErrors();
    const completed = dateField(body, 'completedDate', 'The date the enquiry was completed', errors, 'Enter the date the enquiry was completed');
    const values = { findings: text(body, 'findings'), outcome: text(body, 'outcome'), chairId: text(body, 'chairId'), version: text(body, 'version') };
    const parsed = section47Fields.safeParse({ ...values, completedDate: completed.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['completedDate']);
    if (parsed.success) addProblems(errors, section47Problems(page.row, parsed.data), ['completedDate']);
    return refusedAt(reply, `/child-protection/enquiries/${id}`, 'Go back to the enquiry', [{ label: 'Findings', value: values.findings }], async () => {
      if (!parsed.success || errors.summary.length) return reply.status(400).page(view('section-47'), { ...s47View(page, { ...values, completedDate: completed.input }), errors });
      const { conferenceId } = await recordSection47Outcome(ctx, id, parsed.data);
      return reply.redirect(conferenceId ? `/child-protection/conferences/${conferenceId}` : `/child-protection/enquiries/${id}`, 303);
    });
  });

  const transferPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const form = await strategyForm(ctx, personId);
    return reply.status(errors ? 400 : 200).page(view('transfer-in-form'), { title: 'Schedule a transfer-in conference', section: 'people', heading: await personHeading(ctx, personId), episode: form.episode, categories: ABUSE_CATEGORIES, values, errors });
  };

  app.get('/people/:id/child-protection/transfer-in', async (request, reply) =>
    transferPage(reply, uuidParam(request.params), { notifiedOn: dateParts(ukToday()), categories: [], idempotencyKey: idempotencyKeyOf() }),
  );

  app.post('/people/:id/child-protection/transfer-in', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    await strategyForm(ctx, personId);
    const body = formOf(request);
    const errors = noErrors();
    const notified = dateField(body, 'notifiedOn', 'The date the transfer was notified', errors, 'Enter the date the transfer was notified');
    const values = { fromAuthority: text(body, 'fromAuthority'), categories: list(body, 'categories'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = transferInFields.safeParse({ ...values, notifiedOn: notified.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['notifiedOn']);
    if (parsed.success && parsed.data.notifiedOn > ukToday()) addProblems(errors, [{ field: 'notifiedOn', message: 'The date the transfer was notified must be today or in the past' }], ['notifiedOn']);
    return refusedAt(reply, personCpHref(personId), 'Go back to child protection', [], async () => {
      if (!parsed.success || errors.summary.length) return transferPage(reply, personId, { ...values, notifiedOn: notified.input }, errors);
      const { id } = await scheduleTransferIn(ctx, personId, parsed.data);
      return reply.redirect(`/child-protection/conferences/${id}`, 303);
    });
  });
};

function s47View(page: Awaited<ReturnType<typeof section47Page>>, values: Record<string, unknown>) {
  return { title: 'Section 47 enquiry', section: 'people', ...page, outcomes: SECTION_47_OUTCOMES, decisions: STRATEGY_DECISIONS, kinds: CONFERENCE_KINDS, values, errors: undefined as unknown };
}
