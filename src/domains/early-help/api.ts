import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorisePerson } from '../../platform/access/authorise.ts';
import { reviewBody } from './schema.ts';
import { recordReview } from './service-review.ts';
import { casesForPerson, caseView, type CaseView } from './service-view.ts';

const tags = ['Early help'];
const idParams = z.object({ id: z.uuid({ error: 'The id must be a UUID' }) });
const date = z.string().nullable();
const clock = z.enum(['overdue', 'due', 'on_track']).nullable().describe('The next review’s status today: overdue, due (today or the next working day) or on track');

const caseSummaryDto = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'closed']),
  stage: z.enum(['awaiting_allocation', 'assessment', 'plan', 'closed']),
  openedOn: z.string(),
  closedOn: date,
  leadProfessional: z.string().nullable(),
  nextReviewDue: date,
  reviewStatus: clock,
});

const actionDto = z.object({ id: z.uuid(), action: z.string(), ownerId: z.uuid(), owner: z.string(), dueOn: z.string(), completedOn: date, version: z.number().int() });

const caseDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  status: z.enum(['open', 'closed']),
  stage: z.enum(['awaiting_allocation', 'assessment', 'plan', 'closed']),
  source: z.enum(['direct', 'front_door', 'step_down']),
  contactId: z.uuid().nullable(),
  stepDownSummary: z.string().nullable(),
  locality: z.string(),
  openedOn: z.string(),
  leadProfessional: z.object({ id: z.uuid(), name: z.string(), agency: z.string() }).nullable(),
  nextReviewDue: date,
  reviewStatus: clock,
  stepUpContactId: z.uuid().nullable(),
  closedOn: date,
  closureReason: z.string().nullable(),
  closureSummary: z.string().nullable(),
  version: z.number().int().describe('Send this with a review'),
  assessment: z
    .object({
      status: z.enum(['draft', 'registered']),
      startedOn: z.string(),
      registeredOn: date,
      completedBy: z.string().nullable(),
      completingAgency: z.string().nullable(),
      consentGiven: z.boolean(),
    })
    .nullable(),
  team: z.array(z.object({ id: z.uuid(), userId: z.uuid(), name: z.string(), agency: z.string(), role: z.string(), since: z.string() })),
  plan: z.object({
    outcomes: z.array(z.object({ id: z.uuid(), outcome: z.string(), achievedOn: date, version: z.number().int(), actions: z.array(actionDto) })),
    otherActions: z.array(actionDto),
  }),
  reviews: z.array(z.object({ id: z.uuid(), heldOn: z.string(), progress: z.string(), familyViews: z.string().nullable(), decision: z.enum(['continue', 'close', 'step_up']), nextReviewDue: date })),
});

type Action = CaseView['otherActions'][number];
const toAction = (a: Action) => ({ id: a.id, action: a.action, ownerId: a.owner_id, owner: a.owner_name, dueOn: a.due_on, completedOn: a.completed_on, version: a.version });

function toCaseDto(v: CaseView): z.infer<typeof caseDto> {
  const { row, assessment } = v;
  return {
    id: row.id,
    personId: row.person_id,
    status: row.status,
    stage: v.stage,
    source: row.source,
    contactId: row.contact_id,
    stepDownSummary: row.step_down_summary,
    locality: row.locality,
    openedOn: row.opened_on,
    leadProfessional: v.lead,
    nextReviewDue: row.next_review_due,
    reviewStatus: v.review?.status ?? null,
    stepUpContactId: row.step_up_contact_id,
    closedOn: row.closed_on,
    closureReason: row.closure_reason,
    closureSummary: row.closure_summary,
    version: row.version,
    assessment: assessment
      ? {
          status: assessment.status,
          startedOn: assessment.started_on,
          registeredOn: assessment.registered_on,
          completedBy: assessment.completedByName,
          completingAgency: assessment.completingAgencyName,
          consentGiven: assessment.consent_given,
        }
      : null,
    team: v.currentMembers.map((m) => ({ id: m.id, userId: m.user_id, name: m.name, agency: m.agency_name, role: m.role_in_team, since: m.started_on })),
    plan: {
      outcomes: v.outcomes.map((o) => ({ id: o.id, outcome: o.outcome, achievedOn: o.achieved_on, version: o.version, actions: o.actions.map(toAction) })),
      otherActions: v.otherActions.map(toAction),
    },
    reviews: v.reviews.map((r) => ({ id: r.id, heldOn: r.held_on, progress: r.progress, familyViews: r.family_views, decision: r.decision, nextReviewDue: r.next_review_due })),
  };
}

/**
 * Early help in the JSON API, under /api/v1: the same access, audit and rules as the pages. Not wrapped in
 * fastify-plugin, so that the /api/v1 prefix it is registered with applies to its routes.
 */
export const earlyHelpApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/early-help/cases/:id',
    { schema: { tags, summary: 'An early help case: its assessment, Team Around the Child, plan and reviews', params: idParams, response: { 200: caseDto } } },
    async (request) => toCaseDto(await caseView(request.ctx(), request.params.id)),
  );

  app.get(
    '/people/:id/early-help',
    { schema: { tags, summary: 'A child’s early help cases, newest first', params: idParams, response: { 200: z.object({ cases: z.array(caseSummaryDto) }) } } },
    async (request) => {
      const ctx = request.ctx();
      await authorisePerson(ctx, request.params.id, 'person.view');
      const items = await casesForPerson(ctx, request.params.id);
      return {
        cases: items.map((c) => ({
          id: c.id,
          status: c.stage === 'closed' ? ('closed' as const) : ('open' as const),
          stage: c.stage,
          openedOn: c.openedOn,
          closedOn: c.closedOn,
          leadProfessional: c.lead,
          nextReviewDue: c.review?.due ?? null,
          reviewStatus: c.review?.status ?? null,
        })),
      };
    },
  );

  app.post(
    '/early-help/cases/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Record a review of an early help case',
        description:
          'Send the case version you read. If the case changed since, 409 and nothing is saved; a closed case answers 409 too. The next review defaults to 6 weeks after the review. Repeat a request with the same Idempotency-Key to get the review it created.',
        params: idParams,
        body: reviewBody,
        headers: z.object({ 'idempotency-key': z.uuid().optional().describe('A UUID; a repeat with the same key returns the first review') }),
        response: { 201: z.object({ id: z.uuid(), case: caseDto }), 200: z.object({ id: z.uuid(), case: caseDto }) },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const { id } = request.params;
      const result = await recordReview(ctx, id, { ...request.body, familyViews: request.body.familyViews ?? null, nextReviewDue: request.body.nextReviewDue ?? null, idempotencyKey: request.headers['idempotency-key'] ?? null });
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id, case: toCaseDto(await caseView(ctx, id)) });
    },
  );
};
