import type { FastifyInstance, FastifyReply } from 'fastify';
import { ABUSE_CATEGORIES } from '../../platform/codes/cin.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { addProblems, dateField, formOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { rowsToShow } from './attendance.ts';
import { CONFERENCE_DECISIONS, CONFERENCE_KINDS, DECISIONS_FOR, NO_PLAN_NEXT, PLAN_END_REASONS } from './model.ts';
import { attendanceFrom, refusedAt, view } from './routes-support.ts';
import { conferenceFields, coreGroupFields } from './schema.ts';
import { conferencePage, conferenceProblems, problemContext, recordConference } from './service-conference.ts';
import { latestChildsViews } from '../childs-voice/service.ts';
import { coreGroupForm, coreGroupProblems, recordCoreGroup } from './service-plan.ts';

/** Conferences (the chair records them) and core groups. */
export const meetingRoutes = async (app: FastifyInstance) => {
  const conferenceView = (page: Awaited<ReturnType<typeof conferencePage>>, values: Record<string, unknown>, errors?: FormErrors) => ({
    title: CONFERENCE_KINDS[page.row.kind],
    section: 'people',
    ...page,
    kinds: CONFERENCE_KINDS,
    decisionLabels: CONFERENCE_DECISIONS,
    decisions: DECISIONS_FOR[page.row.kind],
    categoryLabels: ABUSE_CATEGORIES,
    endReasons: PLAN_END_REASONS,
    noPlanNext: NO_PLAN_NEXT,
    values,
    errors,
  });

  app.get('/child-protection/conferences/:id', async (request, reply) => {
    const page = await conferencePage(request.ctx(), uuidParam(request.params));
    return reply.page(view('conference'), { ...conferenceView(page, {}), childsViews: await latestChildsViews(request.ctx(), page.row.person_id) });
  });

  const conferenceForm = (reply: FastifyReply, page: Awaited<ReturnType<typeof conferencePage>>, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).page(view('conference-form'), { ...conferenceView(page, values, errors), title: `Record the ${CONFERENCE_KINDS[page.row.kind].toLowerCase()}` });

  app.get('/child-protection/conferences/:id/record', async (request, reply) => {
    const page = await conferencePage(request.ctx(), uuidParam(request.params));
    const categories = page.row.kind === 'review' ? (page.plan?.categories ?? []) : page.row.categories;
    return refusedAt(reply, `/child-protection/conferences/${page.row.id}`, 'Go back to the conference', [], async () => {
      if (!page.mayChair) return reply.status(403).page('error.njk', { title: 'You cannot record this conference', message: 'Only a conference chair (a children’s social care manager) records a conference.', section: 'people' });
      return conferenceForm(reply, page, { heldOn: dateParts(ukToday()), categories, version: page.row.version, rows: rowsToShow([]) });
    });
  });

  app.post('/child-protection/conferences/:id/record', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const page = await conferencePage(ctx, id);
    const body = formOf(request);
    const errors = noErrors();
    const held = dateField(body, 'heldOn', 'The date the conference was held', errors, 'Enter the date the conference was held');
    const values = {
      decision: text(body, 'decision'),
      categories: list(body, 'categories'),
      summary: text(body, 'summary'),
      endReason: text(body, 'endReason') || undefined,
      noPlanNext: text(body, 'noPlanNext') || undefined,
      version: text(body, 'version'),
    };
    const parsed = conferenceFields.safeParse({ ...values, heldOn: held.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['heldOn']);
    const { rows, attendees } = await attendanceFrom(ctx, body, errors);
    // Every problem at once: the decision's own checks run even when other fields are missing.
    addProblems(errors, conferenceProblems(page.row, await problemContext(ctx.db, page.row), { ...values, heldOn: held.value }), ['heldOn']);
    return refusedAt(reply, `/child-protection/conferences/${id}`, 'Go back to the conference', [{ label: 'Summary', value: values.summary }], async () => {
      if (!parsed.success || errors.summary.length) return conferenceForm(reply, page, { ...values, heldOn: held.input, rows: rowsToShow(rows) }, errors);
      const { planId } = await recordConference(ctx, id, { ...parsed.data, attendees });
      return reply.redirect(planId ? `/child-protection/plans/${planId}` : `/child-protection/conferences/${id}`, 303);
    });
  });

  const coreGroupPage = (reply: FastifyReply, form: Awaited<ReturnType<typeof coreGroupForm>>, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).page(view('core-group-form'), { title: 'Record a core group meeting', section: 'people', ...form, values, errors });

  app.get('/child-protection/core-groups/:id/record', async (request, reply) => {
    const form = await coreGroupForm(request.ctx(), uuidParam(request.params));
    return coreGroupPage(reply, form, { heldOn: dateParts(ukToday()), version: form.row.version, rows: rowsToShow([]) });
  });

  app.post('/child-protection/core-groups/:id/record', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const form = await coreGroupForm(ctx, id);
    const body = formOf(request);
    const errors = noErrors();
    const held = dateField(body, 'heldOn', 'The date the core group met', errors, 'Enter the date the core group met');
    const values = { progress: text(body, 'progress'), version: text(body, 'version') };
    const parsed = coreGroupFields.safeParse({ ...values, heldOn: held.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['heldOn']);
    const { rows, attendees } = await attendanceFrom(ctx, body, errors);
    if (parsed.success) addProblems(errors, coreGroupProblems(form.plan, parsed.data), ['heldOn']);
    return refusedAt(reply, `/child-protection/plans/${form.plan.id}`, 'Go back to the plan', [{ label: 'Progress', value: values.progress }], async () => {
      if (!parsed.success || errors.summary.length) return coreGroupPage(reply, form, { ...values, heldOn: held.input, rows: rowsToShow(rows) }, errors);
      await recordCoreGroup(ctx, id, { ...parsed.data, attendees });
      return reply.redirect(`/child-protection/plans/${form.plan.id}#core-groups`, 303);
    });
  });
};
