import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planPage } from './service-plan.ts';
import { childProtectionOf } from './service-view.ts';

const tags = ['Child protection'];
const idParams = z.object({ id: z.uuid({ error: 'The id must be a UUID' }) });
const date = z.string().nullable();
const clock = z.enum(['overdue', 'due', 'on_track']).nullable().describe('Where the clock stands today: overdue, due (today or the next working day) or on track');
const category = z.string().describe('CIN category of abuse: NEG, PHY, EMO, SAB (MUL for more than one, initial and latest categories only)');

const attendeeDto = z.object({ agency: z.string().nullable(), name: z.string(), role: z.string().nullable(), attended: z.boolean(), reportSubmitted: z.boolean() });
const repeatDto = z.object({ previousPlans: z.number().int(), previousPlanEnd: date, repeatEver: z.boolean(), repeatWithinTwoYears: z.boolean() });
const escalationsDto = z.object({
  headOfService: z.string().describe('The day the plan reaches 9 months'),
  legalPlanning: z.string().describe('The day the plan reaches 12 months'),
  twoYears: z.string(),
  headOfServiceReached: z.boolean(),
  legalPlanningReached: z.boolean(),
  twoYearsReached: z.boolean(),
});
const conferenceDto = z.object({
  id: z.uuid(),
  kind: z.enum(['initial', 'review', 'transfer_in']),
  section47Id: z.uuid().nullable(),
  planId: z.uuid().nullable(),
  dueDate: z.string(),
  heldOn: date,
  chair: z.string().nullable(),
  decision: z.enum(['plan', 'no_plan', 'continue_plan', 'end_plan']).nullable(),
  categories: z.array(category),
  summary: z.string().nullable(),
  status: clock,
});
const planSummaryDto = z.object({
  id: z.uuid(),
  startDate: z.string(),
  endDate: date,
  endReason: z.string().nullable(),
  initialCategory: category,
  latestCategory: category,
  categories: z.array(category),
  repeat: repeatDto,
  escalations: escalationsDto,
  version: z.number().int(),
});

type Conference = { id: string; kind: 'initial' | 'review' | 'transfer_in'; section_47_id: string | null; plan_id: string | null; due_date: string; held_on: string | null; chairName: string | null; decision: z.infer<typeof conferenceDto>['decision']; categories: string[]; summary: string | null; clock: z.infer<typeof clock> };
const toConference = (c: Conference): z.infer<typeof conferenceDto> => ({
  id: c.id,
  kind: c.kind,
  section47Id: c.section_47_id,
  planId: c.plan_id,
  dueDate: c.due_date,
  heldOn: c.held_on,
  chair: c.chairName,
  decision: c.decision,
  categories: c.categories,
  summary: c.summary,
  status: c.clock,
});
const latest = (categories: string[]) => (categories.length > 1 ? 'MUL' : (categories[0] ?? ''));
type Plan = { id: string; start_date: string; end_date: string | null; end_reason: string | null; initial_category: string; categories: string[]; version: number; repeat: z.infer<typeof repeatDto>; escalations: z.infer<typeof escalationsDto> };
const toPlan = (p: Plan): z.infer<typeof planSummaryDto> => ({
  id: p.id,
  startDate: p.start_date,
  endDate: p.end_date,
  endReason: p.end_reason,
  initialCategory: p.initial_category,
  latestCategory: latest(p.categories),
  categories: p.categories,
  repeat: p.repeat,
  escalations: p.escalations,
  version: p.version,
});

/**
 * Child protection in the JSON API, under /api/v1: the same access and audit as the pages (children's social care
 * staff who may see the child). Not wrapped in fastify-plugin, so the /api/v1 prefix applies.
 */
export const childProtectionApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/people/:id/child-protection',
    {
      schema: {
        tags,
        summary: 'A child’s strategy discussions, section 47 enquiries, conferences and child protection plans, newest first',
        params: idParams,
        response: {
          200: z.object({
            strategyDiscussions: z.array(
              z.object({ id: z.uuid(), heldOn: z.string(), format: z.enum(['discussion', 'meeting']), concerns: z.string(), decision: z.enum(['section_47', 'child_in_need_assessment', 'no_further_action']), decisionReasons: z.string(), attendees: z.array(attendeeDto) }),
            ),
            section47Enquiries: z.array(
              z.object({ id: z.uuid(), strategyId: z.uuid(), startDate: z.string(), initialConferenceTarget: z.string(), completedDate: date, outcome: z.enum(['conference', 'concerns_not_substantiated', 'substantiated_no_conference']).nullable(), findings: z.string().nullable(), status: clock, version: z.number().int() }),
            ),
            conferences: z.array(conferenceDto),
            plans: z.array(planSummaryDto),
          }),
        },
      },
    },
    async (request) => {
      const cp = await childProtectionOf(request.ctx(), request.params.id);
      return {
        strategyDiscussions: cp.strategies.map((s) => ({
          id: s.id,
          heldOn: s.held_on,
          format: s.format,
          concerns: s.concerns,
          decision: s.decision,
          decisionReasons: s.decision_reasons,
          attendees: s.attendance.map((a) => ({ agency: a.agency, name: a.name, role: a.role, attended: a.attended, reportSubmitted: a.report_submitted })),
        })),
        section47Enquiries: cp.section47s.map((e) => ({
          id: e.id,
          strategyId: e.strategy_id,
          startDate: e.start_date,
          initialConferenceTarget: e.icpc_target,
          completedDate: e.completed_date,
          outcome: e.outcome,
          findings: e.findings,
          status: e.clock,
          version: e.version,
        })),
        conferences: cp.conferences.map(toConference),
        plans: cp.plans.map(toPlan),
      };
    },
  );

  app.get(
    '/child-protection/plans/:id',
    {
      schema: {
        tags,
        summary: 'A child protection plan: its conferences, core groups, visit clock, category history and escalations',
        params: idParams,
        response: {
          200: planSummaryDto.extend({
            personId: z.uuid(),
            duration: z.string(),
            conferences: z.array(conferenceDto),
            coreGroups: z.array(z.object({ id: z.uuid(), dueDate: z.string(), heldOn: date, progress: z.string().nullable(), status: clock, attendees: z.array(attendeeDto) })),
            lastVisit: date,
            nextVisitDue: date,
            visitStatus: clock,
            categoryHistory: z.array(z.object({ date: z.string(), kind: z.enum(['initial', 'review', 'transfer_in']), categories: z.array(category) })),
          }),
        },
      },
    },
    async (request) => {
      const p = await planPage(request.ctx(), request.params.id);
      return {
        ...toPlan({ ...p.row, repeat: p.repeat, escalations: p.escalations }),
        personId: p.row.person_id,
        duration: p.duration,
        conferences: p.conferences.map(toConference),
        coreGroups: p.coreGroups.map((g) => ({
          id: g.id,
          dueDate: g.due_date,
          heldOn: g.held_on,
          progress: g.progress,
          status: g.clock,
          attendees: g.attendance.map((a) => ({ agency: a.agency, name: a.name, role: a.role, attended: a.attended, reportSubmitted: a.report_submitted })),
        })),
        lastVisit: p.lastVisit?.visit_date ?? null,
        nextVisitDue: p.visitDue,
        visitStatus: p.visitClock,
        categoryHistory: p.categoryHistory,
      };
    },
  );
};
