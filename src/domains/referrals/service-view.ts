import type { RequestContext } from '../../platform/access/authorise.ts';
import { authorise, viewablePeople } from '../../platform/access/authorise.ts';
import { CLOCK_LABELS, clockStatus } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ASSESSMENT_FACTORS, CLOSURE_REASONS, DISABILITIES, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import { socialCareCaseworkers } from '../../platform/auth/users.ts';
import { allocations } from '../casework/service.ts';
import { personHeading } from '../people/service.ts';
import { episodeForView } from './access.ts';
import { assessmentClock, describeRemaining } from './clock.ts';
import { ASSESSMENT_OUTCOMES, ASSESSMENT_STATUS, ASSESSMENT_STATUS_COLOUR, type EpisodeStage, ITEM_STATUS, STAGES } from './labels.ts';
import * as repo from './repository.ts';
import * as plans from './repository-plans.ts';
import { mayAuthorise } from './service-assessment.ts';

const label = (set: Readonly<Record<string, string>>, code: string | null) => (code ? `${set[code] ?? code}` : null);

/** An assessment as pages and the API show it: its clock, who does it, what it found. */
export function describeAssessment(a: repo.AssessmentRow, referralDate: string, names: Map<string, string>, today = ukToday()) {
  const clock = assessmentClock(referralDate, a.due_date, today, a.authorised_date);
  return {
    row: a,
    statusText: ASSESSMENT_STATUS[a.status],
    statusColour: ASSESSMENT_STATUS_COLOUR[a.status],
    worker: a.worker_id ? (names.get(a.worker_id) ?? null) : null,
    authorisedBy: a.authorised_by ? (names.get(a.authorised_by) ?? null) : null,
    outcome: a.outcome ? ASSESSMENT_OUTCOMES[a.outcome] : null,
    factors: a.factors.map((code) => ({ code, text: ASSESSMENT_FACTORS[code] ?? code })),
    clock: { ...clock, remainingText: describeRemaining(clock) },
  };
}
export type AssessmentView = ReturnType<typeof describeAssessment>;

/** Where the episode is now, from what it holds. */
export function stageOf(e: repo.EpisodeRow, open: AssessmentView | undefined, hasOpenPlan: boolean, anyAssessment: boolean): EpisodeStage {
  if (e.closure_date) return 'closed';
  if (open) return open.row.status === 'submitted' ? 'awaiting_authorisation' : 'assessment';
  if (hasOpenPlan) return 'plan';
  return anyAssessment ? 'open' : 'referral';
}

/** Every episode of the child with its assessments and plans (newest first), for the record, the API and the page. */
export async function episodesWithDetail(ctx: RequestContext, personId: string, today = ukToday()) {
  const episodes = await repo.episodesOfPerson(ctx.db, personId);
  const ids = episodes.map((e) => e.id);
  const [assessments, planRows] = await Promise.all([repo.assessmentsOfEpisodes(ctx.db, ids), plans.plansOfEpisodes(ctx.db, ids)]);
  const planIds = planRows.map((p) => p.id);
  const [items, reviews] = await Promise.all([plans.itemsOfPlans(ctx.db, planIds), plans.reviewsOfPlans(ctx.db, planIds)]);
  const names = await repo.userNames(ctx.db, [...assessments.flatMap((a) => [a.worker_id, a.authorised_by])]);
  return episodes.map((e) => {
    const mine = assessments.filter((a) => a.episode_id === e.id).map((a) => describeAssessment(a, e.referral_date, names, today));
    const episodePlans = planRows
      .filter((p) => p.episode_id === e.id)
      .map((p) => {
        const planReviews = reviews.filter((r) => r.plan_id === p.id);
        const status = p.end_date ? null : clockStatus(p.next_review_due, today);
        return {
          row: p,
          review: status ? { due: p.next_review_due, status, ...CLOCK_LABELS[status] } : null,
          items: items.filter((i) => i.plan_id === p.id).map((i) => ({ ...i, statusText: ITEM_STATUS[i.status], overdue: i.status === 'open' && i.due_date !== null && i.due_date < today })),
          reviews: planReviews,
        };
      });
    const open = mine.find((a) => a.row.status !== 'authorised');
    const stage = stageOf(e, open, episodePlans.some((p) => !p.row.end_date), mine.length > 0);
    return {
      row: e,
      stage,
      stageLabel: STAGES[stage],
      source: label(REFERRAL_SOURCES, e.referral_source),
      primaryNeed: label(PRIMARY_NEEDS, e.primary_need),
      closureReason: label(CLOSURE_REASONS, e.closure_reason),
      assessments: mine,
      openAssessment: open ?? null,
      plans: episodePlans,
      openPlan: episodePlans.find((p) => !p.row.end_date) ?? null,
    };
  });
}
export type EpisodeDetail = Awaited<ReturnType<typeof episodesWithDetail>>[number];

/** The episode page: the referral, its assessments with their clocks, the plan, reviews and closure. */
export async function episodePage(ctx: RequestContext, episodeId: string) {
  const episode = await episodeForView(ctx, episodeId);
  const all = await episodesWithDetail(ctx, episode.person_id);
  const detail = all.find((e) => e.row.id === episodeId)!;
  const [heading, allocation, disabilities, manager] = await Promise.all([
    personHeading(ctx, episode.person_id),
    allocations(ctx.db, [episode.person_id]),
    repo.disabilitiesOf(ctx.db, episode.person_id),
    mayAuthorise(ctx, episode.person_id),
  ]);
  const open = !episode.closure_date;
  return {
    detail,
    heading,
    worker: allocation.get(episode.person_id) ?? null,
    disability: { recorded: disabilities.length > 0, text: disabilities.map((d) => DISABILITIES[d] ?? d).join(', ') },
    earlier: all.filter((e) => e.row.id !== episodeId),
    permissions: { work: open, authorise: open && manager },
  };
}
export type EpisodePage = Awaited<ReturnType<typeof episodePage>>;

export interface ListFilters {
  teamId: string | null;
  workerId: string | null;
  stage: EpisodeStage | null;
}

/**
 * Open referrals for managers: each child's stage, allocated worker and team, and the assessment's clock.
 * Assessments waiting for a manager come first, then the most urgent clocks. Names only for children the reader
 * may see.
 */
export async function openReferralList(ctx: RequestContext, filters: ListFilters, today = ukToday()) {
  authorise(ctx, 'socialcare.list');
  const rows = await repo.openEpisodes(ctx.db);
  const [held, visible, teams, workers] = await Promise.all([
    allocations(ctx.db, rows.map((r) => r.person_id)),
    viewablePeople(ctx, rows.map((r) => r.person_id)),
    repo.socialCareTeams(ctx.db),
    socialCareCaseworkers(ctx.db),
  ]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const order: Record<EpisodeStage, number> = { awaiting_authorisation: 0, assessment: 1, referral: 2, child_protection: 3, plan: 4, open: 5, closed: 6 };
  const items = rows
    .map((r) => {
      const allocation = held.get(r.person_id) ?? null;
      const stage: EpisodeStage = r.assessment_status ? (r.assessment_status === 'submitted' ? 'awaiting_authorisation' : 'assessment') : r.plan_id ? 'plan' : 'referral';
      const clock = r.assessment_due ? assessmentClock(r.referral_date, r.assessment_due, today) : null;
      return {
        id: r.id,
        personId: r.person_id,
        name: visible.has(r.person_id) ? `${r.given_name} ${r.family_name}` : 'A child you cannot see',
        referralDate: r.referral_date,
        reReferral: r.re_referral,
        stage,
        stageLabel: STAGES[stage],
        worker: allocation?.workerName ?? null,
        workerId: allocation?.workerId ?? null,
        teamId: allocation?.teamId ?? null,
        team: allocation?.teamId ? (teamNames.get(allocation.teamId) ?? null) : null,
        clock: clock ? { ...clock, remainingText: describeRemaining(clock) } : null,
        planReview: r.plan_review_due ? { due: r.plan_review_due, ...CLOCK_LABELS[clockStatus(r.plan_review_due, today)] } : null,
      };
    })
    .filter((i) => (!filters.teamId || i.teamId === filters.teamId) && (!filters.workerId || i.workerId === filters.workerId) && (!filters.stage || i.stage === filters.stage))
    .sort((a, b) => order[a.stage] - order[b.stage] || (a.clock?.due ?? '9999').localeCompare(b.clock?.due ?? '9999') || a.referralDate.localeCompare(b.referralDate));
  return { items, teams, workers };
}
