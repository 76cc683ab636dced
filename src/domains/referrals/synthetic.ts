import type { AssessmentOutcome, AssessmentStatus } from '../../db/types-social-care.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import { CLOSURE_REASONS, NO_FACTORS, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { AssessmentSpell, CinPlanSpell, EpisodeSpell, Journey, SocialCareTeamKind, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { ASSESSMENT_OUTCOMES, ITEM_KINDS, ITEM_STATUS, PLAN_END_REASONS, REVIEW_DECISIONS } from './labels.ts';
import * as text from './synthetic-text.ts';

/**
 * Referrals, child and family assessments and child in need plans as the referrals services write them: the
 * episode received (from a signed-off contact, or directly), the assessment started, submitted and authorised (its
 * outcome closing the episode, starting a plan or leading to a strategy discussion), plans with their outcomes and
 * actions, reviews on the 3-monthly clock and their end, and the closure. Everything dated after `ctx.end` is left
 * undone, so work open at the end is open with its clock running.
 */

/** A moment on `date`, ordered within the day by `rank` (10 minutes a step from 08:00 UTC: the same UK date all year). */
const moment = (date: string, rank: number) => new Date(Date.parse(`${date}T08:00:00Z`) + rank * 600_000);
const RANK = { referral: 0, started: 3, itemDone: 18, updated: 20, review: 26, submitted: 30, returned: 32, authorised: 34, need: 35, planStarted: 36, items: 37, planEnded: 38, closed: 40 } as const;

/** The working day on or after `date` (meetings are on working days). */
function workingDayFrom(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const earliest = (...dates: (string | null | undefined)[]) => dates.filter((d): d is string => Boolean(d)).sort()[0] ?? null;

interface Staff {
  id: string;
  managerId: string;
}

/** Everything one child's episodes are written with. */
interface Writer {
  ctx: SyntheticContext;
  rng: Rng;
  journey: Journey;
  staff: (kind: SocialCareTeamKind) => Staff;
  note: (type: string, at: Date, summary: string, by: string, record: { type: string; id: string }) => void;
}

function writerFor(journey: Journey, ctx: SyntheticContext): Writer {
  const cache = new Map<SocialCareTeamKind, Staff>();
  const agencyId = ctx.org.agencyIds.csc;
  const personId = journey.child.personId;
  return {
    ctx,
    rng: ctx.rng,
    journey,
    staff: (kind) => {
      let found = cache.get(kind);
      if (!found) {
        const worker = ctx.worker(kind, journey.child);
        const team = ctx.org.socialCare[kind].find((t) => t.id === worker.teamId);
        found = { id: worker.id, managerId: team?.managerId ?? worker.id };
        cache.set(kind, found);
      }
      return found;
    },
    note: (type, at, summary, by, record) => ctx.chronology({ personId, at, type, summary, agencyId, by, recordType: record.type, recordId: record.id }),
  };
}

/** The team holding the child on `date`: the last phase started by then. */
function teamOn(episode: EpisodeSpell, date: string): SocialCareTeamKind {
  let kind: SocialCareTeamKind = episode.phases[0]?.team ?? 'assessment';
  for (const phase of episode.phases) if (phase.start <= date) kind = phase.team;
  return kind;
}

/** The assessment as it stands at the end of the data: dates after `end` have not happened yet. */
interface AssessmentState {
  status: AssessmentStatus;
  seen: string | null;
  submitted: string | null;
  authorised: string | null;
  outcome: AssessmentOutcome | null;
}

function assessmentState(a: AssessmentSpell, episode: EpisodeSpell, closed: string | null, end: string): AssessmentState {
  // Nothing in a closed episode is dated after its closure (census rule 8565).
  const cap = closed ?? end;
  let submitted = a.submittedOn && a.submittedOn <= end ? earliest(a.submittedOn, cap) : null;
  let authorised = submitted && a.authorisedOn && a.authorisedOn <= end ? earliest(a.authorisedOn, cap) : null;
  // A closed episode never holds an unauthorised assessment (census rule 8867).
  if (closed && !authorised) {
    authorised = closed < a.startDate ? a.startDate : closed;
    submitted = submitted && submitted <= authorised ? submitted : authorised;
  }
  let seen = a.childSeenOn && a.childSeenOn <= (submitted ?? cap) ? a.childSeenOn : null;
  // Submitting needs the date the child was seen.
  if (submitted && !seen) seen = earliest(addCalendarDays(a.startDate, 3), submitted);
  const fallback: AssessmentOutcome = episode.cinPlans.length ? 'child_in_need_plan' : episode.strategy ? 'strategy_discussion' : 'no_further_action';
  return { status: authorised ? 'authorised' : submitted ? 'submitted' : 'in_progress', seen, submitted, authorised, outcome: submitted ? (a.outcome ?? fallback) : null };
}

/**
 * The census reason the closing service would accept: "closed after assessment" (RC8, RC9) only for an episode
 * that had no plan and no enquiry (rule 2990); one that had is closed as services ceased (RC7).
 */
export function closureReasonOf(episode: EpisodeSpell): string {
  if (episode.referralNfa) return 'RC7';
  const reason = episode.closureReason ?? 'RC7';
  const afterAssessment = reason === 'RC8' || reason === 'RC9';
  return afterAssessment && (episode.section47 || episode.cpPlans.length || episode.cinPlans.length || !episode.assessment) ? 'RC7' : reason;
}

/** Writes the assessment; returns the manager's comment on authorising it (the closure's notes when it closes). */
function writeAssessment(w: Writer, episode: EpisodeSpell, a: AssessmentSpell, state: AssessmentState, referralAt: Date): string | null {
  const { ctx, rng, journey } = w;
  const worker = w.staff('assessment');
  const record = { type: 'assessment', id: a.id };
  const due = a.dueDate || dueDate('assessment', episode.referralDate);
  const startedAt = moment(a.startDate, RANK.started);
  const started = startedAt > referralAt ? startedAt : new Date(referralAt.getTime() + 1_200_000);
  w.note('assessment.started', started, `Child and family assessment started, due by ${formatDate(due)}`, worker.id, record);
  let updatedAt = started;
  if (state.seen && (!state.submitted || state.seen < state.submitted)) {
    updatedAt = moment(state.seen, RANK.updated);
    w.note('assessment.updated', updatedAt, 'Child and family assessment updated', worker.id, record);
  }
  const complete = state.status !== 'in_progress';
  const baby = state.seen !== null && state.seen < addCalendarDays(journey.child.dateOfBirth, 3 * 365);
  // Now and then a manager returns the assessment before it is submitted again.
  let returnedComment: string | null = null;
  if (state.submitted && a.startDate < addCalendarDays(state.submitted, -6) && rng.chance(0.08)) {
    const first = addCalendarDays(state.submitted, -rng.int(3, 5));
    const recommending = `Child and family assessment submitted for authorisation, recommending: ${ASSESSMENT_OUTCOMES[state.outcome!].toLowerCase()}`;
    w.note('assessment.submitted', moment(first, RANK.submitted), recommending, worker.id, record);
    w.note('assessment.returned', moment(addCalendarDays(first, 1), RANK.returned), 'Child and family assessment returned to the social worker by a manager', worker.managerId, record);
    if (state.status === 'submitted') returnedComment = rng.pick(text.RETURN_COMMENTS);
  }
  if (state.submitted) {
    updatedAt = moment(state.submitted, RANK.submitted);
    w.note('assessment.submitted', updatedAt, `Child and family assessment submitted for authorisation, recommending: ${ASSESSMENT_OUTCOMES[state.outcome!].toLowerCase()}`, worker.id, record);
  }
  let comment: string | null = null;
  if (state.authorised) {
    updatedAt = moment(state.authorised, RANK.authorised);
    comment = rng.chance(0.3) ? rng.pick(text.MANAGER_COMMENTS[state.outcome!] ?? ['Agreed.']) : null;
    const note = comment ? `. Manager’s comment: ${comment}` : '';
    w.note('assessment.authorised', updatedAt, `Child and family assessment authorised: ${ASSESSMENT_OUTCOMES[state.outcome!].toLowerCase()}. Primary need: ${PRIMARY_NEEDS[episode.primaryNeed] ?? episode.primaryNeed}${note}`, worker.managerId, record);
  }
  const factors = a.factors.length ? a.factors : [NO_FACTORS];
  ctx.add('assessments', {
    id: a.id,
    episode_id: episode.id,
    person_id: journey.child.personId,
    start_date: a.startDate,
    due_date: due,
    worker_id: worker.id,
    status: state.status,
    child_seen_date: state.seen,
    child_views: state.seen && (complete || rng.chance(0.5)) ? rng.pick(baby ? text.BABY_VIEWS : text.CHILD_VIEWS) : null,
    family_views: complete ? rng.pick(text.FAMILY_VIEWS) : null,
    analysis: complete ? rng.pick(text.ANALYSES) : null,
    factors: complete ? factors : rng.chance(0.4) ? factors : [],
    outcome: state.outcome,
    submitted_at: state.submitted ? moment(state.submitted, RANK.submitted) : null,
    returned_comment: returnedComment,
    authorised_date: state.authorised,
    authorised_by: state.authorised ? worker.managerId : null,
    ...ctx.stamp(started, worker.id),
    updated_at: updatedAt,
  });
  return comment;
}

/** Why and by whom a plan started, as the service that started it words it. */
function planStart(w: Writer, episode: EpisodeSpell, plan: CinPlanSpell): { reason: string; by: string } {
  const chair = () => w.rng.pick(w.ctx.org.chairIds);
  if (episode.cpPlans.some((p) => p.endDate === plan.startDate)) return { reason: 'Child protection plan ended; the child is still in need', by: chair() };
  const s47 = episode.section47;
  if (s47?.outcome === 'conference' && plan.startDate >= s47.startDate && !episode.cpPlans.some((p) => p.startDate === plan.startDate)) {
    return { reason: 'Initial child protection conference decided the child is in need but needs no child protection plan', by: chair() };
  }
  return { reason: 'the child and family assessment found the child in need', by: w.staff('assessment').managerId };
}

function writePlan(w: Writer, episode: EpisodeSpell, plan: CinPlanSpell, closed: string | null): void {
  const { ctx, rng, journey } = w;
  const end = ctx.end;
  // A closed episode holds no open plan (census rule 4001): a plan the journey left open ends with it.
  const ended = plan.endDate && plan.endDate <= (closed ?? end) ? (plan.endDate < plan.startDate ? plan.startDate : plan.endDate) : closed;
  const limit = ended ?? end;
  const record = { type: 'cin_plan', id: plan.id };
  const workerOn = (date: string) => w.staff(teamOn(episode, date)).id;
  const start = planStart(w, episode, plan);
  const startedAt = moment(plan.startDate, RANK.planStarted);
  w.note('cin_plan.started', startedAt, `Child in need plan started: ${start.reason}`, start.by, record);
  let updatedAt = startedAt;

  // Two outcomes and one to three actions, written by the worker when the plan is made.
  const worker = workerOn(plan.startDate);
  const outcomes = [rng.int(0, text.PLAN_OUTCOMES.length - 1)];
  outcomes.push((outcomes[0]! + rng.int(1, text.PLAN_OUTCOMES.length - 1)) % text.PLAN_OUTCOMES.length);
  const items: { kind: 'outcome' | 'action'; description: string; owner: string | null; agency: string | null; due: string | null }[] = outcomes.map((i) => ({ kind: 'outcome', description: text.PLAN_OUTCOMES[i]!, owner: null, agency: null, due: null }));
  const first = rng.int(0, text.PLAN_ACTIONS.length - 1);
  for (let n = rng.int(1, 3), k = 0; k < n; k += 1) {
    const action = text.PLAN_ACTIONS[(first + k * 2) % text.PLAN_ACTIONS.length]!;
    items.push({ kind: 'action', description: action.description, owner: action.owner, agency: action.agency ? ctx.org.agencyIds[action.agency] : null, due: addCalendarDays(plan.startDate, action.days) });
  }
  for (const item of items) {
    const itemAt = moment(plan.startDate, RANK.items);
    // Actions due before the plan ends (or the data does) are mostly done; outcomes are met when a plan ends well.
    const done = item.due ? item.due <= limit && rng.chance(0.7) : ended !== null && plan.endReason === 'needs_met' && rng.chance(0.6);
    const doneOn = done ? earliest(item.due ? workingDayFrom(item.due) : null, limit) : null;
    const label = ITEM_KINDS[item.kind].toLowerCase();
    w.note('cin_plan.changed', itemAt, `Child in need plan: ${label} added: ${item.description}`, worker, record);
    if (doneOn) w.note('cin_plan.changed', moment(doneOn, RANK.itemDone), `Child in need plan: ${label} marked ${ITEM_STATUS.done.toLowerCase()}: ${item.description}`, workerOn(doneOn), record);
    ctx.add('cin_plan_items', {
      id: ctx.id(itemAt),
      plan_id: plan.id,
      kind: item.kind,
      description: item.description,
      owner: item.owner,
      agency_id: item.agency,
      due_date: item.due,
      status: doneOn ? 'done' : 'open',
      ...ctx.stamp(itemAt, worker),
      updated_at: doneOn ? moment(doneOn, RANK.itemDone) : itemAt,
    });
  }

  // Reviews every 3 months from the start or the last review: mostly a little early, some late.
  const strategyOn = episode.strategy?.heldOn ?? null;
  let last = plan.startDate;
  for (;;) {
    const due = dueDate('cinPlanReview', last);
    const held = workingDayFrom(rng.chance(0.15) ? addCalendarDays(due, rng.int(1, 28)) : addCalendarDays(due, -rng.int(0, 14)));
    if (held <= last || held > limit || (ended && held >= ended)) break;
    const escalating = strategyOn !== null && strategyOn >= held && strategyOn <= addCalendarDays(held, 30) && (!ended || ended >= strategyOn);
    review(w, plan, held, escalating ? 'strategy_discussion' : 'continue', workerOn(held));
    updatedAt = moment(held, RANK.review);
    last = held;
  }
  const how = ended ? planEnd(w, episode, plan, ended) : null;
  if (ended && how) {
    // A plan ended by its own service is usually ended at a review that decided so.
    if (how.byService && ended > last && rng.chance(0.75)) {
      review(w, plan, ended, 'end_plan', workerOn(ended));
      last = ended;
    }
    updatedAt = moment(ended, RANK.planEnded);
    w.note('cin_plan.ended', updatedAt, how.summary, how.by, record);
  }
  ctx.add('cin_plans', {
    id: plan.id,
    episode_id: episode.id,
    person_id: journey.child.personId,
    start_date: plan.startDate,
    // The service moves the next review on at every review (even one that ends the plan).
    next_review_due: dueDate('cinPlanReview', last),
    end_date: ended,
    end_reason: how?.reason ?? null,
    ...ctx.stamp(startedAt, start.by),
    updated_at: updatedAt,
  });
}

function review(w: Writer, plan: CinPlanSpell, date: string, decision: 'continue' | 'end_plan' | 'strategy_discussion', by: string): void {
  const at = moment(date, RANK.review);
  const next = dueDate('cinPlanReview', date);
  const progress = w.rng.pick(decision === 'end_plan' ? text.FINAL_REVIEW_PROGRESS : decision === 'strategy_discussion' ? text.ESCALATING_PROGRESS : text.REVIEW_PROGRESS);
  w.ctx.add('cin_plan_reviews', { id: w.ctx.id(at), plan_id: plan.id, review_date: date, progress, decision, next_review_due: decision === 'end_plan' ? null : next, ...w.ctx.stamp(at, by) });
  const then = decision === 'end_plan' ? '' : `. Next review due ${formatDate(next)}`;
  w.note('cin_plan.reviewed', at, `Child in need plan reviewed on ${formatDate(date)}: ${REVIEW_DECISIONS[decision].toLowerCase()}${then}`, by, { type: 'cin_plan', id: plan.id });
}

/**
 * How a plan ended: a child protection plan or care ends it in their own services (with their words); otherwise
 * the worker ends it with one of the plan's reasons.
 */
function planEnd(w: Writer, episode: EpisodeSpell, plan: CinPlanSpell, ended: string): { reason: string; summary: string; by: string; byService: boolean } {
  if (plan.endReason === 'child_protection' || episode.cpPlans.some((p) => p.startDate === ended)) {
    return { reason: 'Child protection plan started', summary: 'Child in need plan ended: Child protection plan started', by: w.rng.pick(w.ctx.org.chairIds), byService: false };
  }
  if (plan.endReason === 'looked_after' || episode.carePeriods.some((p) => p.startDate === ended)) {
    return { reason: 'the child became looked after', summary: 'Child in need plan ended: the child became looked after', by: w.staff('children_in_care').id, byService: false };
  }
  const key = plan.endReason === 'early_help' ? 'stepped_down' : episode.closureReason === 'RC5' ? 'moved_away' : 'no_longer_in_need';
  const reason = PLAN_END_REASONS[key];
  return { reason, summary: `Child in need plan ended on ${formatDate(ended)}: ${reason.toLowerCase()}`, by: w.staff(teamOn(episode, ended)).id, byService: true };
}

/** Contacts decided as referrals while this episode was open: the service notes them on the open episode. */
function contactsAdded(w: Writer, episode: EpisodeSpell, closed: string | null): void {
  for (const c of w.journey.contacts) {
    if (c.id === episode.contactId || !c.signedOffAt || (c.outcome !== 'social_care_referral' && c.outcome !== 'strategy_discussion')) continue;
    const on = c.signedOffAt.toISOString().slice(0, 10);
    if (on < episode.referralDate || (closed && on >= closed) || on > w.ctx.end) continue;
    w.note('referral.contact_added', c.signedOffAt, `A new contact was decided as a referral while the child’s referral of ${formatDate(episode.referralDate)} is open: recorded on it`, w.staff('assessment').managerId, { type: 'cin_episode', id: episode.id });
  }
}

/** The reason on the referral: the front door's, the care service's when it opened the episode, or the referrer's concern. */
function referralReason(w: Writer, episode: EpisodeSpell, fromContact: boolean): string {
  if (!fromContact && !episode.assessment && episode.carePeriods[0]?.startDate === episode.referralDate) return 'The child became looked after';
  if (fromContact && w.rng.chance(0.2)) return text.FROM_FRONT_DOOR;
  return w.rng.pick(text.REFERRAL_REASONS[episode.source[0]!] ?? text.REFERRAL_REASONS.other!);
}

function writeEpisode(w: Writer, episode: EpisodeSpell): void {
  const { ctx, rng, journey } = w;
  const end = ctx.end;
  if (episode.referralDate > end) return;
  const closed = episode.closureDate && episode.closureDate <= end ? episode.closureDate : null;
  const record = { type: 'cin_episode', id: episode.id };
  const assessment = w.staff('assessment');
  const contact = episode.contactId ? journey.contacts.find((c) => c.id === episode.contactId) : undefined;
  // A referral from the front door is made by the manager signing the decision off; a direct one by the duty worker.
  const referralAt = contact?.signedOffAt && contact.signedOffAt.toISOString().slice(0, 10) <= end ? contact.signedOffAt : moment(episode.referralDate, RANK.referral + rng.next());
  const referredBy = contact ? assessment.managerId : assessment.id;
  const source = REFERRAL_SOURCES[episode.source] ?? episode.source;
  w.note('referral.received', referralAt, `Referral to children’s social care received from ${lowerFirst(source)}${episode.reReferral ? ' (a re-referral within 12 months)' : ''}`, referredBy, record);
  contactsAdded(w, episode, closed);
  let updatedAt = referralAt;

  const a = episode.assessment && episode.assessment.startDate <= end && !episode.referralNfa ? episode.assessment : null;
  const state = a ? assessmentState(a, episode, closed, end) : null;
  const comment = a && state ? writeAssessment(w, episode, a, state, referralAt) : null;

  // The primary need comes with the authorised assessment; without one, the worker records it once work begins.
  let primaryNeed: string | null = null;
  if (state?.authorised) {
    primaryNeed = episode.primaryNeed;
    updatedAt = moment(state.authorised, RANK.authorised);
  } else {
    const begun = earliest(episode.strategy?.heldOn, episode.cpPlans[0]?.startDate, episode.carePeriods[0]?.startDate, episode.cinPlans[0]?.startDate, closed);
    if (begun && begun <= end) {
      primaryNeed = episode.primaryNeed;
      updatedAt = moment(begun, RANK.need);
      w.note('referral.primary_need', updatedAt, `Primary need: ${PRIMARY_NEEDS[episode.primaryNeed] ?? episode.primaryNeed}`, w.staff(teamOn(episode, begun)).id, record);
    }
  }

  // A plan the journey starts after the episode closed cannot exist (the service starts plans on open episodes).
  for (const plan of episode.cinPlans) if (plan.startDate <= (closed ?? end)) writePlan(w, episode, plan, closed);

  let notes: string | null = null;
  const reason = closed ? closureReasonOf(episode) : null;
  if (closed && reason) {
    const at = moment(closed, RANK.closed);
    updatedAt = at;
    const afterAssessment = (reason === 'RC8' || reason === 'RC9') && state?.authorised === closed;
    if (episode.referralNfa) {
      notes = rng.pick(text.NFA_NOTES);
      w.note('referral.no_further_action', at, 'Referral closed with no further action', assessment.managerId, record);
    } else if (afterAssessment) {
      notes = comment;
      w.note('referral.closed', at, reason === 'RC9' ? 'Episode closed after assessment: stepped down to early help' : 'Episode closed after assessment: no further action', assessment.managerId, record);
    } else {
      notes = reason === 'RC5' ? text.MOVED_AWAY_NOTE : rng.chance(0.5) ? rng.pick(text.CLOSURE_NOTES) : null;
      w.note('referral.closed', at, `Children’s social care episode closed: ${CLOSURE_REASONS[reason] ?? reason}`, w.staff(teamOn(episode, closed)).managerId, record);
    }
  }

  ctx.add('cin_episodes', {
    id: episode.id,
    person_id: journey.child.personId,
    referral_date: episode.referralDate,
    referral_source: episode.source,
    referral_reason: referralReason(w, episode, contact !== undefined),
    contact_id: episode.contactId,
    re_referral: episode.reReferral,
    referral_nfa: episode.referralNfa && closed !== null,
    primary_need: primaryNeed,
    closure_date: closed,
    closure_reason: reason,
    closure_notes: notes,
    ...ctx.stamp(referralAt, referredBy),
    updated_at: updatedAt,
  });
}

export const synthesise: Synthesise = (journey, ctx) => {
  if (!journey.episodes.length) return;
  const w = writerFor(journey, ctx);
  for (const episode of journey.episodes) writeEpisode(w, episode);
};
