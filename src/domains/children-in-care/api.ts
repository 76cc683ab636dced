import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { periodView, personCare } from './service-view.ts';
import type { PeriodSummary } from './summary.ts';

const tags = ['Children in care'];
const idParams = z.object({ id: z.uuid({ error: 'The id must be a UUID' }) });
const date = z.string().nullable();
const clock = z
  .object({ due: z.string(), status: z.enum(['overdue', 'due', 'on_track']).describe('Where the clock stands today: overdue, due (today or the next working day) or on track'), label: z.string() })
  .nullable();

/** One 903 episode, in the return's own column names and codes. */
const episodeDto = z.object({
  id: z.uuid(),
  DECOM: z.string().describe('Date the episode started'),
  RNE: z.string().describe('Reason for new episode: S, L, P, T, B or U'),
  LS: z.string().describe('Legal status'),
  CIN: z.string().describe('Category of need, fixed for the period'),
  PLACE: z.string().describe('Placement type'),
  PLACE_PROVIDER: z.string().nullable(),
  DEC: date.describe('Date the episode ceased'),
  REC: z.string().nullable().describe('Reason episode ceased: X1 when another episode follows the same day'),
  REASON_PLACE_CHANGE: z.string().nullable(),
  HOME_POST: z.string().nullable(),
  PL_POST: z.string().nullable(),
  URN: z.string().nullable(),
  carerName: z.string().nullable(),
});

const reviewDto = z.object({ id: z.uuid(), REVIEW: date.describe('Date held'), REVIEW_CODE: z.string().nullable(), dueDate: z.string(), summary: z.string().nullable() });

const periodDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  startDate: z.string(),
  endDate: date,
  categoryOfNeed: z.string(),
  uasc: z.boolean(),
  uascCeased: date,
  iroId: z.uuid().nullable(),
  version: z.number().int(),
  episodes: z.array(episodeDto),
  reviews: z.array(reviewDto),
  nextReview: clock,
  nextVisit: clock,
  lastVisit: date,
  stability: z.object({ placementsInYear: z.number().int(), unstable: z.boolean(), currentPlacementSince: date, longTermGroup: z.boolean(), longTermStable: z.boolean() }),
});

function toPeriodDto(s: PeriodSummary): z.infer<typeof periodDto> {
  const { period } = s;
  return {
    id: period.id,
    personId: period.person_id,
    startDate: period.start_date,
    endDate: period.end_date,
    categoryOfNeed: period.category_of_need,
    uasc: period.uasc,
    uascCeased: period.uasc_ceased,
    iroId: period.iro_id,
    version: period.version,
    episodes: s.episodes.map((e) => ({
      id: e.id,
      DECOM: e.start_date,
      RNE: e.reason_new_episode,
      LS: e.legal_status,
      CIN: period.category_of_need,
      PLACE: e.placement_type,
      PLACE_PROVIDER: e.placement_provider,
      DEC: e.end_date,
      REC: e.reason_ceased,
      REASON_PLACE_CHANGE: e.reason_place_change,
      HOME_POST: e.home_postcode,
      PL_POST: e.placement_postcode,
      URN: e.urn,
      carerName: e.carer_name,
    })),
    reviews: s.reviews.map((r) => ({ id: r.id, REVIEW: r.held_on, REVIEW_CODE: r.participation, dueDate: r.due_date, summary: r.summary })),
    nextReview: s.review && { due: s.review.due, status: s.review.status, label: s.review.label },
    nextVisit: s.visit && { due: s.visit.due, status: s.visit.status, label: s.visit.label },
    lastVisit: s.lastVisit,
    stability: s.stability,
  };
}

/**
 * Children in care in the JSON API, under /api/v1: periods of care with their episodes in SSDA903 terms, and
 * their reviews. The same access and audit as the pages. Not wrapped in fastify-plugin, so the prefix applies.
 */
export const childrenInCareApi = async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/people/:id/care',
    { schema: { tags, summary: 'A child’s periods of care, newest first, with their 903 episodes and reviews', params: idParams, response: { 200: z.object({ periods: z.array(periodDto) }) } } },
    async (request) => {
      const care = await personCare(request.ctx(), request.params.id);
      return { periods: care.periods.map(toPeriodDto) };
    },
  );

  app.get(
    '/care/:id',
    { schema: { tags, summary: 'One period of care: its 903 episodes, reviews, clocks and placement stability', params: idParams, response: { 200: periodDto } } },
    async (request) => toPeriodDto((await periodView(request.ctx(), request.params.id)).summary),
  );
};
