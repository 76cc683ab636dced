import { authorise, authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { clockStatus, CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { addWorkingDays, ukToday } from '../../platform/calendar/working-days.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { fullName } from '../people/names.ts';
import { localityName } from '../people/localities.ts';
import { averageChange, progression, type ScorePoint, weeksToDeliveryText } from './agenda.ts';
import { CLOSURE_OUTCOMES, ITEM_STATUS, kindLabel, labelOf, MASG_SERVICES, MEETING_STATUS, PANEL_KINDS, REFERRAL_STATUS } from './codes.ts';
import * as repo from './repository.ts';
import * as meetings from './repository-meetings.ts';
import { loadReferral, mayChair, visibility } from './service.ts';

const HIDDEN_CHILD = 'A child not shared with your agency';

/** A referral waits this long for its first discussion before the chair is told it is overdue. */
export const FIRST_DISCUSSION_WORKING_DAYS = 10;

const clock = (due: string | null, today: string) => (due ? { due, status: clockStatus(due, today), tag: CLOCK_LABELS[clockStatus(due, today)] } : null);

/** The chair's view of a panel: its meetings, who is waiting, reviews and actions due, and its figures. */
export async function panelOverview(ctx: RequestContext, panelId: string) {
  authorise(ctx, 'panels.view');
  const panel = await repo.findPanel(ctx.db, panelId);
  if (!panel) throw new NotFoundError();
  const today = ukToday();
  const [meetingRows, live, actions, routes, issues, services, scores] = await Promise.all([
    meetings.listMeetings(ctx.db, panelId),
    repo.panelReferrals(ctx.db, panelId, ['awaiting', 'open']),
    repo.listActions(ctx.db, { panelId, openOnly: true }),
    repo.routeCounts(ctx.db, panelId),
    repo.listCounts(ctx.db, panelId, 'presenting_issues'),
    repo.listCounts(ctx.db, panelId, 'services_offered'),
    repo.distanceScores(ctx.db, { panelId }),
  ]);
  const config = PANEL_KINDS[panel.kind];
  const visible = await visibility(ctx, [...live, ...actions].map((r) => r.person_id));
  const withName = <T extends { person_id: string; given_name: string; family_name: string }>(r: T) => {
    const canSee = visible(r.person_id);
    return { ...r, name: canSee ? fullName(r) : HIDDEN_CHILD, canSee };
  };
  const awaiting = [];
  for (const r of live.filter((r) => r.status === 'awaiting')) {
    awaiting.push({
      ...withName(r),
      routeLabel: labelOf(config.routes, r.route),
      clock: clock(addWorkingDays(r.referred_on, FIRST_DISCUSSION_WORKING_DAYS), today),
      weeksToGo: r.person_type === 'unborn' ? weeksToDeliveryText(r.expected_date_of_delivery, today) : '',
    });
  }
  if (panel.kind === 'unborn_baby') awaiting.sort((a, b) => (a.expected_date_of_delivery ?? '9').localeCompare(b.expected_date_of_delivery ?? '9'));
  const reviews = [];
  for (const r of live.filter((r) => r.status === 'open').sort((a, b) => (a.next_review_due ?? '9').localeCompare(b.next_review_due ?? '9'))) {
    reviews.push({ ...withName(r), clock: clock(r.next_review_due, today), weeksToGo: r.person_type === 'unborn' ? weeksToDeliveryText(r.expected_date_of_delivery, today) : '' });
  }
  const overdueActions = [];
  for (const a of actions.filter((a) => a.due_on < today)) {
    const canSee = visible(a.person_id);
    overdueActions.push({ ...a, canSee, clock: clock(a.due_on, today) });
  }
  const byReferral = new Map<string, ScorePoint[]>();
  for (const s of scores) byReferral.set(s.referral_id, [...(byReferral.get(s.referral_id) ?? []), { meetingDate: s.meeting_date, score: s.distance_score! }]);
  const total = routes.reduce((sum, r) => sum + Number(r.n), 0);
  return {
    panel: { ...panel, kindLabel: kindLabel(panel.kind), localityName: panel.locality ? localityName(panel.locality) : null },
    config,
    upcoming: meetingRows.filter((m) => m.status === 'planned').reverse(),
    past: meetingRows.filter((m) => m.status !== 'planned').slice(0, 12).map((m) => ({ ...m, tag: MEETING_STATUS[m.status] })),
    awaiting,
    reviews,
    overdueActions,
    figures: {
      total,
      routes: Object.entries(config.routes).map(([code, text]) => ({ text, n: Number(routes.find((r) => r.code === code)?.n ?? 0) })),
      issues: issues.slice(0, 8).map((i) => ({ text: labelOf(config.issues, i.code), n: i.n })),
      services: services.slice(0, 5).map((s) => ({ text: labelOf(MASG_SERVICES, s.code), n: s.n })),
      distance: averageChange(byReferral),
    },
    mayChair: can(ctx.actor, 'panels.chair').allowed,
  };
}

/**
 * A referral's history: each discussion and decision, the distance travelled over time, and its actions. Anyone
 * who may open the child's record may read it (the referrer, the panel, social care); the view is audited.
 */
export async function referralPage(ctx: RequestContext, referralId: string) {
  const r = await loadReferral(ctx.db, referralId);
  await authorisePerson(ctx, r.person_id, 'person.view');
  const today = ukToday();
  const [items, scores, actions, chair] = await Promise.all([
    meetings.itemsOfReferral(ctx.db, r.id),
    repo.distanceScores(ctx.db, { referralId: r.id }),
    repo.listActions(ctx.db, { referralId: r.id }),
    mayChair(ctx, r.person_id, r.chair_id),
  ]);
  const config = PANEL_KINDS[r.kind];
  return {
    referral: {
      ...r,
      name: fullName(r),
      statusTag: REFERRAL_STATUS[r.status],
      routeLabel: labelOf(config.routes, r.route),
      issues: r.presenting_issues.map((i) => labelOf(config.issues, i)),
      services: r.services_offered.map((s) => labelOf(MASG_SERVICES, s)),
      outcomeLabel: r.outcome ? labelOf(CLOSURE_OUTCOMES, r.outcome) : null,
      weeksToGo: r.person_type === 'unborn' ? weeksToDeliveryText(r.expected_date_of_delivery, today) : '',
      reviewClock: r.status === 'open' ? clock(r.next_review_due, today) : null,
    },
    config,
    discussions: items.map((i) => ({
      ...i,
      statusTag: i.meeting_status === 'cancelled' ? { text: 'Meeting cancelled', colour: 'grey' } : i.meeting_status === 'planned' && i.status === 'pending' ? { text: 'On the agenda', colour: 'blue' } : ITEM_STATUS[i.status],
      provisional: i.meeting_status === 'planned',
      services: i.services_offered.map((s) => labelOf(MASG_SERVICES, s)),
      closureLabel: i.closure_outcome ? labelOf(CLOSURE_OUTCOMES, i.closure_outcome) : null,
    })),
    progression: progression(scores.map((s) => ({ meetingDate: s.meeting_date, score: s.distance_score! }))),
    actions: actions.map((a) => ({ ...a, clock: a.completed_on ? null : clock(a.due_on, today), mayComplete: !a.completed_on && (a.owner_id === ctx.actor.id || chair) })),
    mayChair: chair && r.status !== 'closed',
    mayViewPanel: can(ctx.actor, 'panels.view').allowed,
  };
}
