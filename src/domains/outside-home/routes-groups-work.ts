import type { FastifyInstance, FastifyReply } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { codeItems, dateField, formOf, guarded, idempotencyKeyOf, readDatedForm, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { actionFor, discussionChoices, markActionDone, recordDiscussion } from './groups-discussions.ts';
import { ACTION_KINDS, groupBack, groupHref, groupsView, RISK_LEVELS } from './groups-labels.ts';
import { actionDoneFields, actionFields, type DiscussionInput, discussionFields } from './groups-schema.ts';
import { SECTION } from './places-labels.ts';

/** How many action rows the discussion form offers; blank rows are left out. */
export const ACTION_ROWS = 4;

const ACTION_FIELD = { kind: 'actionKind', placeId: 'actionPlace', what: 'actionWhat', agencyId: 'actionAgency', dueOn: 'actionDue' } as const;

/**
 * The discussion form: the date, the MET hub meeting (optional), the risk the group presents, the summary and the
 * actions agreed (kind, the group or one of its places, what, which agency, by when). A half-filled action row is
 * an error on its empty box; an empty row is ignored.
 */
export function readDiscussion(body: FormBody): { values: Record<string, unknown>; errors: FormErrors; input: DiscussionInput | null } {
  const errors = noErrors();
  const discussedOn = dateField(body, 'discussedOn', 'The date of the discussion', errors, 'Enter the date of the discussion');
  const rows = Array.from({ length: ACTION_ROWS }, (_, i) => ({
    kind: text(body, `actionKind${i}`), placeId: text(body, `actionPlace${i}`), what: text(body, `actionWhat${i}`), agencyId: text(body, `actionAgency${i}`),
    due: dateField(body, `actionDue${i}`, 'The date the action is due', errors),
  }));
  const actions: DiscussionInput['actions'] = [];
  rows.forEach((row, i) => {
    const dueTyped = Object.values(row.due.input).some((v) => String(v ?? '').trim());
    if (!row.kind && !row.what.trim() && !row.agencyId && !dueTyped) return;
    const parsed = actionFields.safeParse({ kind: row.kind, placeId: row.placeId, what: row.what, agencyId: row.agencyId, dueOn: row.due.value ?? '' });
    if (parsed.success) actions.push(parsed.data);
    else for (const issue of parsed.error.issues) {
      const field = `${ACTION_FIELD[issue.path[0] as keyof typeof ACTION_FIELD] ?? 'actionWhat'}${i}`;
      addError(errors, field.startsWith('actionDue') ? `${field}-day` : field, issue.message);
    }
  });
  const values = {
    discussedOn: discussedOn.input, panelMeetingId: text(body, 'panelMeetingId'), riskLevel: text(body, 'riskLevel'), summary: text(body, 'summary'),
    actions: rows.map((r) => ({ kind: r.kind, placeId: r.placeId, what: r.what, agencyId: r.agencyId, due: r.due.input })),
    idempotencyKey: idempotencyKeyOf(body),
  };
  const parsed = discussionFields.safeParse({ discussedOn: discussedOn.value ?? '', panelMeetingId: values.panelMeetingId, riskLevel: values.riskLevel, summary: values.summary, actions });
  zodErrors(parsed.success ? null : parsed.error, errors, ['discussedOn']);
  return { values, errors, input: parsed.success && !errors.summary.length ? parsed.data : null };
}

/** A group's discussions (with their actions) and marking an action done. */
export async function groupWorkRoutes(app: FastifyInstance) {
  const discussionPage = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors: FormErrors = noErrors()) => {
    const choices = await discussionChoices(reply.request.ctx(), id);
    const meetingItems = [{ value: '', text: 'Not at a MET hub meeting', selected: !values.panelMeetingId }, ...choices.meetings.map((m) => ({ value: m.id, text: `${m.panelName}, ${m.meetingDate}`, selected: values.panelMeetingId === m.id }))];
    return reply.status(errors.summary.length ? 400 : 200).page(groupsView('discussion'), {
      title: 'Record a group discussion', section: SECTION, ...choices, values, errors, meetingItems,
      riskItems: codeItems(RISK_LEVELS, values.riskLevel as string),
      actionRows: (values.actions as Record<string, unknown>[]).map((a) => ({
        ...a,
        kindItems: codeItems(ACTION_KINDS, a.kind as string, { blank: 'Select the kind of action' }),
        placeItems: [{ value: '', text: 'The group', selected: !a.placeId }, ...choices.places.map((p) => ({ value: p.id, text: p.name, selected: a.placeId === p.id }))],
        agencyItems: [{ value: '', text: 'Select an agency', selected: !a.agencyId }, ...choices.agencies.map((g) => ({ value: g.id, text: g.name, selected: a.agencyId === g.id }))],
      })),
    });
  };

  app.get('/peer-groups/:id/discussions/new', async (request, reply) =>
    discussionPage(reply, uuidParam(request.params), { discussedOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf(), actions: Array.from({ length: ACTION_ROWS }, () => ({})) }));

  app.post('/peer-groups/:id/discussions/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    await discussionChoices(ctx, id);
    const form = readDiscussion(formOf(request));
    return guarded(reply, groupBack(id, [{ label: 'Discussion summary', value: String(form.values.summary) }]), async () => {
      if (!form.input) return discussionPage(reply, id, form.values, form.errors);
      try {
        await recordDiscussion(ctx, id, { ...form.input, idempotencyKey: String(form.values.idempotencyKey) });
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        const field = /^(discussedOn|actionDue\d)$/.test(error.field) ? `${error.field}-day` : error.field;
        return discussionPage(reply, id, form.values, addError(noErrors(), field, error.message));
      }
      return reply.redirect(groupHref(id), 303);
    });
  });

  const donePage = async (reply: FastifyReply, id: string, actionId: string, values: Record<string, unknown>, errors: FormErrors = noErrors()) => {
    const { group, action } = await actionFor(reply.request.ctx(), id, actionId);
    return reply.status(errors.summary.length ? 400 : 200).page(groupsView('action-done'), { title: 'Mark an action done', section: SECTION, group, action, codes: { actionKinds: ACTION_KINDS }, values: { version: action.version, ...values }, errors });
  };

  app.get('/peer-groups/:id/actions/:actionId/done', async (request, reply) =>
    donePage(reply, uuidParam(request.params), uuidParam(request.params, 'actionId'), { doneOn: dateParts(ukToday()) }));

  app.post('/peer-groups/:id/actions/:actionId/done', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const actionId = uuidParam(request.params, 'actionId');
    await actionFor(ctx, id, actionId);
    const form = readDatedForm(formOf(request), { dates: { doneOn: ['The date it was done', 'Enter the date the action was done'] }, fields: () => ({}), schema: actionDoneFields, entered: {} });
    return guarded(reply, groupBack(id), async () => {
      if (!form.parsed.success || form.errors.summary.length) return donePage(reply, id, actionId, form.values, form.errors);
      try {
        await markActionDone(ctx, id, actionId, form.parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return donePage(reply, id, actionId, form.values, addError(noErrors(), 'doneOn-day', error.message));
        throw error;
      }
      return reply.redirect(groupHref(id), 303);
    });
  });
}
