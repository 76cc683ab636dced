import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personHeading, personNames } from '../people/service.ts';
import { notificationClock, rapidReviewClock } from './clocks.ts';
import { DECISIONS, RAGS, STAGES, stageOf } from './labels.ts';
import * as repo from './repository.ts';
import * as actions from './repository-actions.ts';
import { auditRead, childrenOf, reviewFor } from './service.ts';
import { isOverdue } from './service-tracker.ts';

export interface HistoryEntry {
  on: string;
  text: string;
  by: string | null;
}

/** The chair's list: every review with its children, stage and clocks. Names only: not audited as reads. */
export async function reviewList(ctx: RequestContext) {
  authorise(ctx, 'reviews.work');
  const today = ukToday();
  const rows = await repo.allReviews(ctx.db);
  const children = await repo.childrenOf(ctx.db, rows.map((r) => r.id));
  const names = await personNames(ctx.db, children.map((c) => c.person_id));
  const open = await actions.actionsWithReviews(ctx.db, { open: true });
  return rows.map((r) => ({
    ...r,
    stage: STAGES[stageOf(r)],
    children: children.filter((c) => c.review_id === r.id).map((c) => names.get(c.person_id) ?? ''),
    notification: notificationClock(r, today),
    rapidReview: rapidReviewClock(r, today),
    openActions: open.filter((a) => a.review_id === r.id).length,
    overdueActions: open.filter((a) => a.review_id === r.id && isOverdue(a, today)).length,
  }));
}

/** The review page: the children, the clocks, each step, recommendations with their actions, and history. */
export async function reviewPage(ctx: RequestContext, id: string) {
  const row = await reviewFor(ctx, id);
  const childIds = await childrenOf(ctx, id);
  await auditRead(ctx, childIds);
  const today = ukToday();
  const agencies = await repo.agencies(ctx.db);
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const recommendations = await actions.recommendationsOf(ctx.db, id);
  const agreed = await actions.actionsWithReviews(ctx.db, { reviewId: id });
  const updates = await actions.updatesOf(ctx.db, agreed.map((a) => a.id));
  const names = await repo.userNames(ctx.db, [row.created_by].filter((u): u is string => Boolean(u)));
  return {
    row,
    stage: stageOf(row),
    stageLabel: STAGES[stageOf(row)],
    children: await Promise.all(childIds.map((c) => personHeading(ctx, c))),
    referringAgency: agencyName.get(row.referring_agency_id) ?? '',
    contributors: row.rapid_review_agency_ids.map((a) => agencyName.get(a) ?? ''),
    notification: notificationClock(row, today),
    rapidReview: rapidReviewClock(row, today),
    reviewers: await repo.reviewersOf(ctx.db, id),
    recommendations: recommendations.map((m) => ({ ...m, actions: agreed.filter((a) => a.recommendation_id === m.id).map((a) => ({ ...a, overdue: isOverdue(a, today) })) })),
    briefings: await actions.briefings(ctx.db, id),
    history: historyOf(row, names.get(row.created_by ?? '') ?? null, recommendations, agreed, updates),
  };
}

type Updates = Awaited<ReturnType<typeof actions.updatesOf>>;
type Agreed = Awaited<ReturnType<typeof actions.actionsWithReviews>>;

/** What happened on the review, oldest first, from its own records and every action's progress updates. */
function historyOf(row: repo.ReviewRow, referredBy: string | null, recommendations: { number: number; created_at: Date }[], agreed: Agreed, updates: Updates): HistoryEntry[] {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const entries: HistoryEntry[] = [{ on: row.aware_on, text: 'Serious incident referred to the partnership', by: referredBy }];
  if (row.notified_on) entries.push({ on: row.notified_on, text: 'National panel notified', by: null });
  if (row.rapid_review_held_on) entries.push({ on: row.rapid_review_held_on, text: `Rapid review held: recommended ${DECISIONS[row.rapid_review_recommendation!].toLowerCase()}`, by: null });
  if (row.decided_on) entries.push({ on: row.decided_on, text: `Decision: ${DECISIONS[row.decision!]}`, by: null });
  if (row.terms_agreed_on) entries.push({ on: row.terms_agreed_on, text: 'Terms of reference agreed', by: null });
  if (row.report_received_on) entries.push({ on: row.report_received_on, text: 'Report received', by: null });
  if (row.published_on) entries.push({ on: row.published_on, text: 'Report published', by: null });
  for (const m of recommendations) entries.push({ on: day(m.created_at), text: `Recommendation ${m.number} added`, by: null });
  for (const u of updates) {
    const a = agreed.find((x) => x.id === u.action_id)!;
    entries.push({ on: u.recorded_on, text: `Action (recommendation ${a.recommendation_number}, ${a.agency_name}): ${RAGS[u.rag]} — ${u.note}`, by: u.by });
  }
  return entries.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** A review for one of its forms: named by reference and title only, so no child's record is read. */
export async function formReview(ctx: RequestContext, id: string) {
  const row = await reviewFor(ctx, id);
  return { row, stage: stageOf(row), agencies: await repo.agencies(ctx.db), reviewers: await repo.reviewersOf(ctx.db, id), recommendations: await actions.recommendationsOf(ctx.db, id) };
}
