import { addCalendarDays, addMonths, addWorkingDays, FIRST_KNOWN_YEAR } from '../../platform/calendar/working-days.ts';
import type { AgencyKey, Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import type { ReviewDecision, Rag } from './tables.ts';
import { involve } from '../front-door/synthetic.ts';
import { REVIEW_SOURCE } from './repository.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';

/**
 * Practice reviews in the synthetic authority. Serious incidents notified nationally run at about 1 child in 20,000
 * a year, nearly all of them children known to social care, so a child's section 47 enquiry carries a small chance
 * (1 in 250) that a serious incident follows within the episode: a few reviews a year at peterborough scale (seed
 * 001's board reported one serious case review and one partnership case review in 2012/13). Rapid reviews mostly
 * find learning by other means; about a third go to a local review, a few to the national panel.
 */
export const INCIDENT_CHANCE = 0.004;
const EARLIEST = `${FIRST_KNOWN_YEAR + 1}-01-01`;
const DECISIONS: Record<ReviewDecision, number> = { learning_other: 55, lcspr: 35, national: 10 };
const TITLES = 'ABCDEFGHJKLMNPRSTVWXYZ';
const RECOMMENDATIONS: [string, AgencyKey, string, string][] = [
  ['Assessments should consider the whole family history, not only the current episode.', 'csc', 'Audit assessments for use of the family history', 'Head of Quality Assurance'],
  ['Practitioners should share concerns about missed health appointments with the lead professional.', 'health', 'Update the missed appointments policy', 'Named Nurse for Safeguarding'],
  ['Schools should record and share patterns of absence with children’s social care.', 'school', 'Brief designated safeguarding leads on sharing absence patterns', 'Designated Safeguarding Lead'],
  ['The police should share domestic abuse notifications with the child’s school the next working day.', 'police', 'Put next-day notifications to schools in place', 'Detective Inspector, Public Protection Unit'],
  ['Early help should step cases up to social care when neglect persists for more than six months.', 'eh', 'Add a six-month neglect review to early help supervision', 'Early Help Service Manager'],
];

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  for (const episode of journey.episodes) {
    if (!episode.section47 || !ctx.rng.chance(INCIDENT_CHANCE)) continue;
    const start = episode.section47.startDate;
    const last = episode.closureDate ?? ctx.end;
    const incidentOn = addCalendarDays(start, ctx.rng.int(0, Math.max(0, Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000))));
    const awareOn = addCalendarDays(incidentOn, ctx.rng.int(0, 3));
    if (awareOn > ctx.end || incidentOn < EARLIEST) continue;
    synthesiseReview(journey, ctx, incidentOn, awareOn);
  }
};

/** Each review its own reference in the year: the first to claim a number keeps it (deterministic for the seed). */
function reference(ctx: SyntheticContext, id: string, awareOn: string): string {
  const year = awareOn.slice(0, 4);
  for (let n = 1; ; n++) if (ctx.once(`practice-review-reference:${year}:${n}`, () => id) === id) return `PR ${year}/${String(n).padStart(2, '0')}`;
}

/** One serious incident about this child, from the partnership becoming aware to its actions (or the end of the data). */
export function synthesiseReview(journey: Journey, ctx: SyntheticContext, incidentOn: string, awareOn: string): void {
  const { rng, end } = ctx;
  const { agencyId: partnership, userId: chair } = ctx.org.functions.partnership;
  const by = (on: string) => ctx.stamp(on, chair);
  const within = (d: string | null) => (d && d <= end ? d : null);
  const id = ctx.id(awareOn);
  const notified = within(addWorkingDays(awareOn, rng.chance(0.85) ? rng.int(1, 5) : rng.int(6, 10)));
  const held = notified ? within(addWorkingDays(notified, rng.int(9, 15))) : null;
  const decision = held ? rng.weighted(DECISIONS) : null;
  const decided = held ? within(addWorkingDays(held, rng.int(2, 10))) : null;
  const reviewing = decided && decision !== 'learning_other';
  const terms = reviewing ? within(addWorkingDays(decided, rng.int(10, 25))) : null;
  const report = terms ? within(addMonths(terms, rng.int(5, 9))) : null;
  const published = report && rng.chance(0.8) ? within(addMonths(report, rng.int(1, 3))) : null;
  const notPublishedReason = report && !published && rng.chance(0.5) ? 'Publication would identify the surviving siblings.' : null;
  ctx.add('practice_reviews', {
    id, reference: reference(ctx, id, awareOn), title: `Child ${rng.pick([...TITLES])}`, referring_agency_id: ctx.org.agencyIds[rng.pick(['police', 'health', 'csc', 'school'] as const)],
    incident_on: incidentOn, aware_on: awareOn, summary: 'Serious harm to a child where abuse or neglect is suspected; details held by the partnership.',
    notified_on: notified, rapid_review_held_on: held, rapid_review_agency_ids: held ? (['csc', 'police', 'health', 'school'] as const).map((k) => ctx.org.agencyIds[k]) : [], rapid_review_recommendation: decision,
    decision: decided ? decision : null, decided_on: decided, decision_rationale: decided ? 'Agreed with the rapid review’s recommendation.' : null,
    terms_agreed_on: terms, report_received_on: report, published_on: published, not_published_reason: published ? null : notPublishedReason, ...by(awareOn), version: 1,
  });
  ctx.add('practice_review_children', { review_id: id, person_id: journey.child.personId });
  involve(ctx, { personId: journey.child.personId, agencyId: partnership, basis: 'practice_review', detail: 'Practice review', start: awareOn, end: null, sourceType: REVIEW_SOURCE, sourceId: id, by: chair, at: new Date(`${awareOn}T09:00:00Z`) });
  ctx.chronology({ personId: journey.child.personId, at: awareOn, type: 'practice_review.referred', summary: CHILD_CHRONOLOGY_SUMMARY, agencyId: partnership, by: chair, recordType: REVIEW_SOURCE, recordId: id });
  if (reviewing) ctx.add('practice_review_reviewers', { review_id: id, position: 0, name: 'Independent reviewer', independent: true });
  // Recommendations come with the report, or soon after a decision to learn by other means.
  const agreedOn = reviewing ? report : decided ? within(addWorkingDays(decided, rng.int(5, 15))) : null;
  if (agreedOn) recommend(ctx, id, agreedOn);
}

function recommend(ctx: SyntheticContext, reviewId: string, agreedOn: string): void {
  const { rng, end } = ctx;
  const chair = ctx.org.functions.partnership.userId;
  const first = rng.int(0, RECOMMENDATIONS.length - 1);
  const chosen = Array.from({ length: rng.int(2, 3) }, (_, j) => RECOMMENDATIONS[(first + j) % RECOMMENDATIONS.length]!);
  chosen.forEach(([text, agency, what, owner], i) => {
    const recommendationId = ctx.id(agreedOn);
    ctx.add('practice_review_recommendations', { id: recommendationId, review_id: reviewId, number: i + 1, text, ...ctx.stamp(agreedOn, chair), version: 1 });
    const due = addMonths(agreedOn, rng.int(3, 6));
    const doneOn = addCalendarDays(due, rng.int(-40, 30));
    const complete = doneOn <= end && rng.chance(0.85);
    const checkIn = addMonths(agreedOn, 2);
    const rag: Rag = complete ? 'complete' : due < end ? rng.pick(['red', 'amber'] as const) : rng.pick(['green', 'green', 'amber'] as const);
    const actionId = ctx.id(agreedOn);
    ctx.add('practice_review_actions', {
      id: actionId, review_id: reviewId, recommendation_id: recommendationId, what, agency_id: ctx.org.agencyIds[agency], owner, due_on: due, rag,
      evidence: complete ? 'Evidence seen by the partnership’s practice review group.' : null, completed_on: complete ? doneOn : null, ...ctx.stamp(agreedOn, chair), version: 1,
    });
    const update = (on: string, status: Rag, note: string) => ctx.add('practice_review_action_updates', { id: ctx.id(on), action_id: actionId, recorded_on: on, rag: status, note, created_at: new Date(`${on}T09:00:00Z`), created_by: chair });
    update(agreedOn, 'green', 'Action agreed');
    if (checkIn <= end && (!complete || checkIn < doneOn)) update(checkIn, complete ? 'green' : rag, 'Progress reported to the practice review group.');
    if (complete) update(doneOn, 'complete', 'Completed; evidence provided.');
  });
}
