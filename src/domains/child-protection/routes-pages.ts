import type { FastifyInstance, FastifyReply } from 'fastify';
import { ABUSE_CATEGORIES } from '../../platform/codes/cin.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, zodErrors } from '../../platform/http/forms.ts';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { personHeading } from '../people/service.ts';
import { latestChildsViews } from '../childs-voice/service.ts';
import { categoryLabel, CONFERENCE_DECISIONS, CONFERENCE_KINDS, MEETING_FORMATS, PLAN_END_REASONS, SECTION_47_OUTCOMES, STRATEGY_DECISIONS } from './model.ts';
import { mayDo } from './access.ts';
import { refusedAt, SECTION, view } from './routes-support.ts';
import { escalationFields } from './schema.ts';
import { planPage, recordEscalation } from './service-plan.ts';
import { childProtectionOf, plansList } from './service-view.ts';

const labels = {
  kinds: CONFERENCE_KINDS,
  decisionLabels: CONFERENCE_DECISIONS,
  endReasons: PLAN_END_REASONS,
  outcomes: SECTION_47_OUTCOMES,
  strategyDecisions: STRATEGY_DECISIONS,
  formats: MEETING_FORMATS,
  categoryLabels: { ...ABUSE_CATEGORIES, MUL: categoryLabel('MUL') },
};

/** The list of children on plans, one plan's page and the child's child protection history. */
export const pageRoutes = async (app: FastifyInstance) => {
  app.get('/child-protection', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const pick = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : null);
    const filters = { workerId: pick(query.worker), teamId: pick(query.team) };
    const list = await plansList(request.ctx(), filters);
    return reply.page(view('list'), { title: 'Children on child protection plans', section: SECTION, ...list, filters, ...labels, today: ukToday() });
  });

  const showPlan = async (reply: FastifyReply, id: string, escalation: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const page = await planPage(ctx, id);
    const mayAuthorise = await mayDo(ctx, page.row.person_id, 'socialcare.authorise');
    const childsViews = await latestChildsViews(ctx, page.row.person_id);
    return reply.status(errors ? 400 : 200).page(view('plan'), { title: 'Child protection plan', section: 'people', ...page, ...labels, mayAuthorise, escalation, errors, childsViews });
  };

  app.get('/child-protection/plans/:id', async (request, reply) => {
    const id = uuidParam(request.params);
    return showPlan(reply, id, { reviewedOn: dateParts(ukToday()) });
  });

  app.post('/child-protection/plans/:id/escalations', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const reviewed = dateField(body, 'reviewedOn', 'The date of the review', errors, 'Enter the date of the review');
    const values = { stage: text(body, 'stage'), note: text(body, 'note'), version: text(body, 'version') };
    const parsed = escalationFields.safeParse({ ...values, reviewedOn: reviewed.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['reviewedOn']);
    return refusedAt(reply, `/child-protection/plans/${id}`, 'Go back to the plan', [{ label: 'Outcome of the review', value: values.note }], async () => {
      if (!parsed.success || errors.summary.length) return showPlan(reply, id, { ...values, reviewedOn: reviewed.input }, errors);
      await recordEscalation(ctx, id, parsed.data);
      return reply.redirect(`/child-protection/plans/${id}#escalations`, 303);
    });
  });

  app.get('/people/:id/child-protection', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const history = await childProtectionOf(ctx, personId);
    return reply.page(view('person'), { title: 'Child protection', section: 'people', heading: await personHeading(ctx, personId), ...history, ...labels, today: ukToday() });
  });
};
