import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorise, authorisePerson } from '../../platform/access/authorise.ts';
import { episodeForView } from './access.ts';
import { referralBody } from './schema.ts';
import { recordReferral } from './service.ts';
import { type EpisodeDetail, episodesWithDetail } from './service-view.ts';

const tags = ['Referrals and children in need'];
const idParams = z.object({ id: z.uuid({ error: 'The id must be a UUID' }) });
const date = z.string().nullable();
const clock = z.enum(['overdue', 'due', 'on_track']);

const assessmentDto = z.object({
  id: z.uuid(),
  status: z.enum(['in_progress', 'submitted', 'authorised']),
  startDate: z.string(),
  dueDate: z.string().describe('45 working days from the referral'),
  clock: clock.describe('Overdue, due (inside the warning window) or on track; for an authorised assessment, on track when completed in time'),
  workingDaysElapsed: z.number().int(),
  workingDaysRemaining: z.number().int().describe('Negative once overdue'),
  worker: z.string().nullable(),
  childSeenDate: date,
  factors: z.array(z.string()).describe('CIN assessment factor codes'),
  outcome: z.enum(['no_further_action', 'early_help', 'child_in_need_plan', 'strategy_discussion', 'continue_current_plan']).nullable(),
  authorisedDate: date.describe('The census AssessmentAuthorisationDate'),
});

const planDto = z.object({
  id: z.uuid(),
  startDate: z.string(),
  endDate: date,
  endReason: z.string().nullable(),
  nextReviewDue: z.string(),
  reviewStatus: clock.nullable(),
  items: z.array(z.object({ id: z.uuid(), kind: z.enum(['outcome', 'action']), description: z.string(), owner: z.string().nullable(), agency: z.string().nullable(), dueDate: date, status: z.enum(['open', 'done', 'dropped']) })),
  reviews: z.array(z.object({ id: z.uuid(), reviewDate: z.string(), progress: z.string(), decision: z.enum(['continue', 'end_plan', 'strategy_discussion']), nextReviewDue: date })),
});

const episodeDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  referralDate: z.string().describe('CIN CINreferralDate'),
  referralSource: z.string().describe('CIN ReferralSource code'),
  referralReason: z.string(),
  contactId: z.uuid().nullable().describe('The front door contact it came from, if any'),
  reReferral: z.boolean().describe('A referral within 12 months of an earlier one'),
  referralNfa: z.boolean().describe('CIN ReferralNFA'),
  primaryNeed: z.string().nullable().describe('CIN PrimaryNeedCode'),
  stage: z.enum(['referral', 'assessment', 'awaiting_authorisation', 'child_protection', 'plan', 'open', 'closed']),
  closureDate: date,
  closureReason: z.string().nullable().describe('CIN ReasonForClosure RC1–RC9'),
  version: z.number().int(),
  assessments: z.array(assessmentDto),
  plans: z.array(planDto),
});

function toEpisodeDto(e: EpisodeDetail): z.infer<typeof episodeDto> {
  const r = e.row;
  return {
    id: r.id,
    personId: r.person_id,
    referralDate: r.referral_date,
    referralSource: r.referral_source,
    referralReason: r.referral_reason,
    contactId: r.contact_id,
    reReferral: r.re_referral,
    referralNfa: r.referral_nfa,
    primaryNeed: r.primary_need,
    stage: e.stage,
    closureDate: r.closure_date,
    closureReason: r.closure_reason,
    version: r.version,
    assessments: e.assessments.map((a) => ({
      id: a.row.id,
      status: a.row.status,
      startDate: a.row.start_date,
      dueDate: a.row.due_date,
      clock: a.clock.status,
      workingDaysElapsed: a.clock.elapsed,
      workingDaysRemaining: a.clock.remaining,
      worker: a.worker,
      childSeenDate: a.row.child_seen_date,
      factors: a.row.factors,
      outcome: a.row.outcome,
      authorisedDate: a.row.authorised_date,
    })),
    plans: e.plans.map((p) => ({
      id: p.row.id,
      startDate: p.row.start_date,
      endDate: p.row.end_date,
      endReason: p.row.end_reason,
      nextReviewDue: p.row.next_review_due,
      reviewStatus: p.review?.status ?? null,
      items: p.items.map((i) => ({ id: i.id, kind: i.kind, description: i.description, owner: i.owner, agency: i.agency_name, dueDate: i.due_date, status: i.status })),
      reviews: p.reviews.map((v) => ({ id: v.id, reviewDate: v.review_date, progress: v.progress, decision: v.decision, nextReviewDue: v.next_review_due })),
    })),
  };
}

/** Referrals, assessments and child in need plans in the JSON API, under /api/v1, with the pages' access and audit. */
export const referralApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/people/:id/referrals',
    { schema: { tags, summary: 'A child’s referrals to children’s social care (CIN episodes), newest first, with assessments and plans', params: idParams, response: { 200: z.object({ episodes: z.array(episodeDto) }) } } },
    async (request) => {
      const ctx = request.ctx();
      authorise(ctx, 'socialcare.list');
      await authorisePerson(ctx, request.params.id, 'person.view');
      return { episodes: (await episodesWithDetail(ctx, request.params.id)).map(toEpisodeDto) };
    },
  );

  app.post(
    '/people/:id/referrals',
    {
      schema: {
        tags,
        summary: 'Record a referral to children’s social care',
        description:
          'Children’s social care staff only. Opens a CIN episode, flagged as a re-referral when another was received in the 12 months before. A child with an open episode: 409. Repeat a request with the same Idempotency-Key to get the episode it created (200).',
        params: idParams,
        body: referralBody,
        headers: z.object({ 'idempotency-key': z.uuid().optional().describe('A UUID; a repeat with the same key returns the first episode') }),
        response: { 201: episodeDto, 200: episodeDto },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const result = await recordReferral(ctx, request.params.id, { ...request.body, idempotencyKey: request.headers['idempotency-key'] ?? null });
      const episode = (await episodesWithDetail(ctx, request.params.id)).find((e) => e.row.id === result.id)!;
      return reply.status(result.replayed ? 200 : 201).send(toEpisodeDto(episode));
    },
  );

  app.get(
    '/referrals/:id',
    { schema: { tags, summary: 'One referral (CIN episode) with its assessments and plans', params: idParams, response: { 200: episodeDto } } },
    async (request) => {
      const ctx = request.ctx();
      const episode = await episodeForView(ctx, request.params.id);
      return toEpisodeDto((await episodesWithDetail(ctx, episode.person_id)).find((e) => e.row.id === episode.id)!);
    },
  );
};
