import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import { ageOn, formatDate } from '../../platform/views/format.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { AgencyKey, CpPlanSpell, EpisodeSpell, Section47Spell, SocialCareTeamKind, StrategySpell, Synthesise, SyntheticChild, SyntheticContext } from '../../synthetic/types.ts';
import { categoriesText, censusCategory, CONFERENCE_DECISIONS, CONFERENCE_KINDS, MEETING_FORMATS, PLAN_END_REASONS, type PlanEndReason, repeatFlags, SECTION_47_OUTCOMES, STRATEGY_DECISIONS } from './model.ts';

/**
 * Child protection's part of the synthetic authority: from each episode's strategy discussion, section 47 enquiry
 * and child protection plans, the rows the services write as the work is recorded (strategy discussions with who
 * took part, enquiries, conferences initial and review, plans with their escalations, core groups) and their
 * chronology entries, with the same wording and the same clocks.
 */

const CONCERNS = [
  'School reported bruising to the child’s upper arm; the child said a parent grabbed them.',
  'Police attended a domestic incident at the home; the child was present and distressed.',
  'Health visitor found the home without food or heating and the child underweight.',
  'The child disclosed to a teacher that an adult in the household touches them.',
  'Repeated missed health appointments and the child seen out late without supervision.',
  'Mother disclosed that her partner hits her in front of the child; the child has an unexplained injury.',
];
const DECISION_REASONS: Record<StrategySpell['decision'], string> = {
  section_47: 'Reasonable cause to suspect the child is suffering, or likely to suffer, significant harm.',
  child_in_need_assessment: 'Concerns do not meet the threshold for enquiries; the child’s needs are to be assessed as a child in need.',
  no_further_action: 'Explanation consistent with the injury and agencies report no other concerns.',
};
const FINDINGS = [
  'Child seen and spoken to alone; parents interviewed; agency checks completed.',
  'Child seen alone and the home visited; police and health checks completed; medical examination arranged.',
  'Child seen with a trusted adult; parents and school spoken to; records of previous concerns reviewed.',
];
const SUMMARIES = {
  plan: ['Conference agreed the child is at continuing risk of significant harm.', 'Agencies agreed the threshold is met; a multi-agency plan is needed to keep the child safe.'],
  no_plan: ['Concerns substantiated but the family are working with services; support continues without a plan.', 'Conference agreed the risk can be managed under a child in need plan.'],
  continue_plan: ['Some progress; the plan continues.', 'Parents engaging inconsistently; risks remain and the plan continues.', 'Progress with school attendance; concerns about the home remain.'],
  end_plan: ['Risks reduced; the child continues to be supported as a child in need.', 'Sustained progress over two reviews; the plan is no longer needed.'],
} as const;
const PROGRESS = [
  'Actions reviewed; attendance at appointments improving.',
  'Parents attended the parenting course; home conditions still a concern.',
  'The child is attending school every day; contact arrangements agreed.',
  'Health appointments kept; the written agreement has been followed.',
  'Limited progress: parents missed two appointments; actions reset with dates.',
];
const HEAD_OF_SERVICE_NOTES = ['Head of service agreed the plan continues with a parenting assessment.', 'Head of service asked for a legal planning meeting if there is no progress by the next review.'];
const LEGAL_PLANNING_NOTES = ['Legal gateway: pre-proceedings under the Public Law Outline.', 'Legal planning meeting: threshold not met for proceedings; the plan continues with a written agreement.'];

const GIVEN = ['Ellis', 'Nadia', 'Owen', 'Priya', 'Tom', 'Grace', 'Imran', 'Hollie', 'Dev', 'Maeve', 'Callum', 'Rosa', 'Jude', 'Anita'];
const FAMILY = ['Vale', 'Crewe', 'Marr', 'Ashdown', 'Pellow', 'Brindle', 'Castell', 'Dunmore', 'Farrow', 'Hatherley', 'Kell', 'Lowther', 'Mercer', 'Quarry'];
const ROLES: Record<AgencyKey, string> = { csc: 'Social worker', police: 'Public Protection Unit', health: 'School nurse', school: 'Designated safeguarding lead', vol: 'Family support worker', housing: 'Housing officer', probation: 'Probation officer', eh: 'Family worker' };
const AGENCY_ORDER: AgencyKey[] = ['csc', 'police', 'health', 'school', 'vol', 'housing', 'probation', 'eh'];

/** Late meetings and escalations: about one in eight, as in most authorities' timeliness figures. */
const LATE = 0.12;

type Meeting = 'strategy' | 'conference' | 'core_group';

/** A moment on a day: office hours, `minutes` after nine (UTC, so still the same day in the UK). */
export const moment = (date: string, minutes: number) => new Date(Date.parse(`${date}T09:00:00Z`) + minutes * 60_000);

/** The team kind holding the case on a day: the last phase that had started by then. */
export function holderOn(episode: EpisodeSpell, date: string): SocialCareTeamKind {
  let kind: SocialCareTeamKind = episode.phases[0]?.team ?? 'assessment';
  for (const p of episode.phases) if (p.start <= date) kind = p.team;
  return kind;
}

/** A working day near `date`: the nearest one on or before it, unless that falls on or before `floor`. */
export function onWorkingDay(date: string, floor: string): string {
  for (let d = date, n = 0; d > floor && n < 7; d = addCalendarDays(d, -1), n += 1) if (isWorkingDay(d)) return d;
  let d = addCalendarDays(date > floor ? date : floor, 1);
  while (!isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

/** When a meeting due on `due` was held: mostly a few days early or on the day, sometimes late; always after `floor`. */
export function heldFor(rng: Rng, due: string, floor: string, late = LATE, earlyDays = 6, lateDays = 20): string {
  const shifted = rng.chance(late) ? addCalendarDays(due, rng.int(1, lateDays)) : addCalendarDays(due, -rng.int(0, earlyDays));
  return onWorkingDay(shifted, floor);
}

/** The plan's end reason as the conference form records it. */
const endReasonOf = (reason: string | null): PlanEndReason => (reason && reason in PLAN_END_REASONS ? (reason as PlanEndReason) : 'no_longer_needed');

/** The categories the initial conference set: one, or several when the census category is MUL. */
function initialCategories(plan: CpPlanSpell): string[] {
  const now = [...new Set(plan.categories)];
  if (now.length && censusCategory(now) === plan.initialCategory) return now;
  if (plan.initialCategory !== 'MUL') return [plan.initialCategory];
  return now.length > 1 ? now : ['NEG', 'EMO'];
}

export const synthesise: Synthesise = (journey, ctx) => {
  for (const episode of journey.episodes) new EpisodeWriter(journey.child, episode, ctx).write();
};

class EpisodeWriter {
  private readonly csc: string;
  constructor(
    private readonly child: SyntheticChild,
    private readonly episode: EpisodeSpell,
    private readonly ctx: SyntheticContext,
  ) {
    this.csc = ctx.org.agencyIds.csc;
  }

  private happened = (date: string | null): date is string => date !== null && date <= this.ctx.end;
  private worker = (date: string) => this.ctx.worker(holderOn(this.episode, date), this.child);
  private manager(date: string): string {
    const kind = holderOn(this.episode, date);
    const held = this.ctx.worker(kind, this.child);
    return this.ctx.org.socialCare[kind].find((t) => t.id === held.teamId)?.managerId ?? held.id;
  }
  private note(at: Date, by: string, type: string, summary: string, recordType: string, recordId: string) {
    this.ctx.chronology({ personId: this.child.personId, at, type, summary, agencyId: this.csc, by, recordType, recordId });
  }
  private stamp(created: Date, updated: Date, by: string) {
    return { ...this.ctx.stamp(created, by), updated_at: updated };
  }

  write() {
    const { episode, ctx } = this;
    const strategy = episode.strategy && this.happened(episode.strategy.heldOn) ? episode.strategy : null;
    if (strategy) this.strategy(strategy);
    const enquiry = episode.section47 && this.happened(episode.section47.startDate) ? episode.section47 : null;
    const plans = episode.cpPlans.filter((p) => this.happened(p.startDate)).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
    const concluded = enquiry && enquiry.outcome === 'conference' && this.happened(enquiry.completedOn) ? enquiry : null;
    const followed = concluded ? plans.find((p) => p.startDate >= concluded.startDate) : undefined;
    const chair = ctx.rng.pick(ctx.org.chairIds);
    if (enquiry) this.section47(enquiry, chair, followed ?? null);
    if (concluded && !followed) this.noPlanConference(concluded, chair);
    for (const plan of plans) this.plan(plan, plan === followed ? concluded : null, plan === followed ? chair : ctx.rng.pick(ctx.org.chairIds));
  }

  /** Who took part, by agency: the social worker always; partners mostly; the school for school-age children. */
  private attendance(type: Meeting, meetingId: string, date: string, by: string, agencies: AgencyKey[], reports: boolean, parent: boolean) {
    const { ctx, child } = this;
    const at = moment(date, 300);
    const age = ageOn(child.dateOfBirth, new Date(`${date}T12:00:00Z`));
    for (const key of agencies) {
      if (key === 'school' && (age < 4 || age > 16)) continue;
      const attended = key === 'csc' || ctx.rng.chance(key === 'police' ? 0.85 : key === 'health' ? 0.8 : 0.7);
      const n = child.index + AGENCY_ORDER.indexOf(key) * 5;
      const name = `${key === 'police' ? 'DC ' : ''}${GIVEN[n % GIVEN.length]} ${FAMILY[(n * 7 + 3) % FAMILY.length]}`;
      const role = key === 'health' && age < 5 ? 'Health visitor' : ROLES[key];
      ctx.add('meeting_attendance', { id: ctx.id(at), meeting_type: type, meeting_id: meetingId, agency_id: ctx.org.agencyIds[key], name, role, attended, report_submitted: reports && (key === 'csc' || ctx.rng.chance(0.8)), ...ctx.stamp(at, by) });
    }
    if (parent) {
      ctx.add('meeting_attendance', { id: ctx.id(at), meeting_type: type, meeting_id: meetingId, agency_id: null, name: ctx.rng.pick(['Mother', 'Father']), role: 'Parent', attended: ctx.rng.chance(0.85), report_submitted: false, ...ctx.stamp(at, by) });
    }
  }

  private partners(): AgencyKey[] {
    const extra = this.ctx.rng.weighted({ none: 70, vol: 12, housing: 10, probation: 8 });
    return extra === 'none' ? ['csc', 'police', 'health', 'school'] : ['csc', 'police', 'health', 'school', extra];
  }

  private strategy(s: StrategySpell) {
    const { ctx, child, episode } = this;
    const by = this.worker(s.heldOn).id;
    const at = moment(s.heldOn, ctx.rng.int(0, 360));
    this.strategyAt = at;
    const format = ctx.rng.chance(0.7) ? 'discussion' : 'meeting';
    ctx.add('strategy_discussions', {
      id: s.id,
      episode_id: episode.id,
      person_id: child.personId,
      held_on: s.heldOn,
      format,
      concerns: ctx.rng.pick(CONCERNS),
      decision: s.decision,
      decision_reasons: DECISION_REASONS[s.decision],
      ...ctx.stamp(at, by),
    });
    this.attendance('strategy', s.id, s.heldOn, by, ['csc', 'police', 'health', 'school'], false, false);
    this.note(at, by, 'strategy.held', `${MEETING_FORMATS[format]} held on ${formatDate(s.heldOn)}: ${STRATEGY_DECISIONS[s.decision].toLowerCase()}`, 'strategy_discussion', s.id);
  }

  /** The enquiry; an outcome of "conference" schedules the initial conference there and then. */
  private section47(x: Section47Spell, chair: string, plan: CpPlanSpell | null) {
    const { ctx, child, episode } = this;
    const by = this.worker(x.startDate).id;
    // Started in the same transaction as the strategy discussion that decided on it.
    const started = this.strategyAt && this.episode.strategy?.heldOn === x.startDate ? new Date(this.strategyAt.getTime() + 1000) : moment(x.startDate, ctx.rng.int(0, 360));
    const completedOn = this.happened(x.completedOn) ? x.completedOn : null;
    const drawn = completedOn ? moment(completedOn, ctx.rng.int(0, 360)) : started;
    const completed = drawn > started ? drawn : new Date(started.getTime() + 2000);
    ctx.add('section_47_enquiries', {
      id: x.id,
      episode_id: episode.id,
      person_id: child.personId,
      strategy_id: x.strategyId,
      start_date: x.startDate,
      icpc_target: x.icpcTarget,
      completed_date: completedOn,
      outcome: completedOn ? x.outcome : null,
      findings: completedOn ? ctx.rng.pick(FINDINGS) : null,
      ...this.stamp(started, completed, by),
    });
    this.note(started, by, 's47.started', `Section 47 enquiry started. Initial child protection conference due by ${formatDate(x.icpcTarget)}`, 'section_47', x.id);
    if (!completedOn || !x.outcome) return;
    this.note(completed, this.worker(completedOn).id, 's47.completed', `Section 47 enquiry completed on ${formatDate(completedOn)}: ${SECTION_47_OUTCOMES[x.outcome].toLowerCase()}`, 'section_47', x.id);
    if (x.outcome !== 'conference') return;
    // The worker schedules the initial conference there and then: the plan's when one followed, else a new id.
    const scheduledBy = this.worker(completedOn).id;
    this.scheduled = { id: plan ? plan.initialConferenceId : ctx.id(completed), at: completed, by: scheduledBy, chair };
    this.note(new Date(completed.getTime() + 1000), scheduledBy, 'conference.scheduled', `Initial child protection conference to be held by ${formatDate(x.icpcTarget)}`, 'cp_conference', this.scheduled.id);
  }

  private strategyAt: Date | null = null;
  /** The initial conference the enquiry scheduled: its id, when and by whom. */
  private scheduled: { id: string; at: Date; by: string; chair: string } | null = null;

  /** Concerns substantiated but the conference decided no plan (or has not met yet at the end of the data). */
  private noPlanConference(x: Section47Spell, chair: string) {
    const { ctx, child, episode } = this;
    const s = this.scheduled!;
    const drawn = heldFor(ctx.rng, x.icpcTarget, x.completedOn!, LATE, 4, 10);
    // An episode that closed after the conference closed on or after its day (CIN census rule 8565).
    const closed = episode.closureDate;
    const held = closed && drawn > closed && closed >= x.completedOn! ? closed : drawn;
    const done = held <= ctx.end;
    const at = moment(held, ctx.rng.int(0, 300));
    ctx.add('cp_conferences', {
      id: s.id,
      episode_id: episode.id,
      person_id: child.personId,
      kind: 'initial',
      section_47_id: x.id,
      plan_id: null,
      due_date: x.icpcTarget,
      held_on: done ? held : null,
      chair_id: chair,
      decision: done ? 'no_plan' : null,
      categories: [],
      summary: done ? ctx.rng.pick(SUMMARIES.no_plan) : null,
      ...this.stamp(s.at, done ? at : s.at, s.by),
    });
    if (!done) return;
    this.attendance('conference', s.id, held, chair, this.partners(), true, true);
    this.note(at, chair, 'conference.held', `${CONFERENCE_KINDS.initial} held on ${formatDate(held)}: ${CONFERENCE_DECISIONS.no_plan.toLowerCase()}`, 'cp_conference', s.id);
  }

  /** A plan: the initial conference that made it, its reviews to the one that ended it, escalations and core groups. */
  private plan(plan: CpPlanSpell, enquiry: Section47Spell | null, chair: string) {
    const { ctx, child, episode } = this;
    const start = plan.startDate;
    // A plan ends after the day it started (the database checks it): a same-day end is taken as the next day.
    const lasted = plan.endDate && plan.endDate <= start ? addCalendarDays(start, 1) : plan.endDate;
    const endDate = this.happened(lasted) ? lasted : null;
    const started = moment(start, ctx.rng.int(0, 300));
    const reviews = this.reviews(plan, endDate, chair);
    const firstCategories = reviews.continued ? initialCategories(plan) : [...new Set(plan.categories)];
    const categories = [...new Set(plan.categories)];
    const escalation = (timescale: 'cpPlanHeadOfService' | 'cpPlanLegalPlanning') => {
      const due = dueDate(timescale, start);
      if (due > ctx.end || (endDate && due >= endDate) || ctx.rng.chance(0.1)) return null;
      const on = onWorkingDay(addCalendarDays(due, ctx.rng.chance(LATE) ? ctx.rng.int(1, 30) : -ctx.rng.int(0, 14)), start);
      return on <= ctx.end && (!endDate || on < endDate) ? { due, on } : null;
    };
    const headOfService = escalation('cpPlanHeadOfService');
    const legalPlanning = escalation('cpPlanLegalPlanning');
    ctx.add('cp_plans', {
      id: plan.id,
      episode_id: episode.id,
      person_id: child.personId,
      start_date: start,
      initial_category: plan.initialCategory,
      categories,
      previous_plans: plan.previousPlans,
      previous_plan_end: plan.previousPlanEnd,
      end_date: endDate,
      end_reason: endDate ? endReasonOf(plan.endReason) : null,
      head_of_service_review_on: headOfService?.on ?? null,
      head_of_service_note: headOfService ? ctx.rng.pick(HEAD_OF_SERVICE_NOTES) : null,
      legal_planning_on: legalPlanning?.on ?? null,
      legal_planning_note: legalPlanning ? ctx.rng.pick(LEGAL_PLANNING_NOTES) : null,
      ...this.stamp(started, reviews.lastAt ?? started, chair),
    });
    // The initial conference: scheduled by the enquiry, or (a plan the journey made without one) on the day.
    const s = enquiry && this.scheduled ? this.scheduled : { id: plan.initialConferenceId, at: started, by: chair, chair };
    ctx.add('cp_conferences', {
      id: plan.initialConferenceId,
      episode_id: episode.id,
      person_id: child.personId,
      kind: 'initial',
      section_47_id: enquiry?.id ?? null,
      plan_id: plan.id,
      due_date: enquiry ? enquiry.icpcTarget : start,
      held_on: start,
      chair_id: chair,
      decision: 'plan',
      categories: firstCategories,
      summary: ctx.rng.pick(SUMMARIES.plan),
      ...this.stamp(s.at, started, s.by),
    });
    this.attendance('conference', plan.initialConferenceId, start, chair, this.partners(), true, true);
    const repeat = repeatFlags(start, plan.previousPlans, plan.previousPlanEnd);
    const repeatNote = repeat.repeatWithinTwoYears ? ' (a repeat plan within 2 years)' : repeat.repeatEver ? ' (a repeat plan)' : '';
    const firstGroup = dueDate('firstCoreGroup', start);
    this.note(started, chair, 'cp_plan.started', `Child protection plan started under ${categoriesText(firstCategories)}${repeatNote}`, 'cp_plan', plan.id);
    this.note(new Date(started.getTime() + 1000), chair, 'conference.scheduled', `First core group due by ${formatDate(firstGroup)}; first review conference due by ${formatDate(dueDate('firstReviewConference', start))}`, 'cp_plan', plan.id);
    this.note(new Date(started.getTime() + 2000), chair, 'conference.held', `${CONFERENCE_KINDS.initial} held on ${formatDate(start)}: ${CONFERENCE_DECISIONS.plan.toLowerCase()}`, 'cp_conference', plan.initialConferenceId);
    for (const [e, what] of [[headOfService, 'Head of service review of the plan'], [legalPlanning, 'Legal planning meeting about the plan']] as const) {
      if (e) this.note(moment(e.on, ctx.rng.int(0, 360)), this.manager(e.on), 'cp_plan.escalation', `${what} held on ${formatDate(e.on)} (due from ${formatDate(e.due)})`, 'cp_plan', plan.id);
    }
    reviews.write();
    this.coreGroups(plan, endDate, firstGroup, chair, started);
  }

  /**
   * Review conferences: the first 3 months after the plan starts, then 6 months after each review; the plan ends
   * at the one held on its end date. An open plan keeps its next review scheduled (held_on null), due or overdue.
   */
  private reviews(plan: CpPlanSpell, endDate: string | null, chair: string) {
    const { ctx, child, episode } = this;
    const categories = [...new Set(plan.categories)];
    const rows: (() => void)[] = [];
    let due = dueDate('firstReviewConference', plan.startDate);
    let last = plan.startDate;
    let createdAt = moment(plan.startDate, 1);
    let lastAt: Date | null = null;
    let continued = false;
    for (;;) {
      const held = heldFor(ctx.rng, due, last);
      const ends = endDate !== null && (due >= endDate || held >= endDate);
      const on = ends ? endDate : held;
      const id = ctx.id(createdAt);
      const [thisDue, created] = [due, createdAt];
      if (!ends && on > ctx.end) {
        rows.push(() => ctx.add('cp_conferences', { id, episode_id: episode.id, person_id: child.personId, kind: 'review', section_47_id: null, plan_id: plan.id, due_date: thisDue, held_on: null, chair_id: chair, decision: null, categories: [], summary: null, ...this.stamp(created, created, chair) }));
        break;
      }
      const at = moment(on, ctx.rng.int(0, 300));
      const decision = ends ? 'end_plan' : 'continue_plan';
      const next = ends ? null : dueDate('reviewConference', on);
      rows.push(() => {
        ctx.add('cp_conferences', { id, episode_id: episode.id, person_id: child.personId, kind: 'review', section_47_id: null, plan_id: plan.id, due_date: thisDue, held_on: on, chair_id: chair, decision, categories: ends ? [] : categories, summary: ctx.rng.pick(SUMMARIES[decision]), ...this.stamp(created, at, chair) });
        this.attendance('conference', id, on, chair, this.partners(), true, true);
        this.note(at, chair, 'conference.held', `${CONFERENCE_KINDS.review} held on ${formatDate(on)}: ${CONFERENCE_DECISIONS[decision].toLowerCase()}`, 'cp_conference', id);
        const after = new Date(at.getTime() + 1000);
        if (next) this.note(after, chair, 'cp_plan.continued', `Child protection plan continues under ${categoriesText(categories)}. Next review conference due by ${formatDate(next)}`, 'cp_plan', plan.id);
        else this.note(after, chair, 'cp_plan.ended', `Child protection plan ended: ${PLAN_END_REASONS[endReasonOf(plan.endReason)].toLowerCase()}`, 'cp_plan', plan.id);
      });
      lastAt = at;
      if (!next) break;
      continued = true;
      [due, last, createdAt] = [next, on, at];
    }
    return { continued, lastAt, write: () => rows.forEach((r) => r()) };
  }

  /** Core groups: the first within 10 working days of the plan, then every 6 weeks; the next one stays due. */
  private coreGroups(plan: CpPlanSpell, endDate: string | null, firstDue: string, chair: string, started: Date) {
    const { ctx, child } = this;
    let due = firstDue;
    let last = addCalendarDays(plan.startDate, -1);
    let created = started;
    let by = chair;
    for (;;) {
      const id = ctx.id(created);
      const held = heldFor(ctx.rng, due, last, LATE, 3, 14);
      if (held > ctx.end || (endDate && held >= endDate)) {
        // Left due: the plan's next core group, or (once the plan ended) one that was never needed.
        ctx.add('core_groups', { id, plan_id: plan.id, person_id: child.personId, due_date: due, held_on: null, progress: null, ...ctx.stamp(created, by) });
        return;
      }
      const worker = this.worker(held).id;
      const at = moment(held, ctx.rng.int(0, 360));
      const next = dueDate('coreGroup', held);
      ctx.add('core_groups', { id, plan_id: plan.id, person_id: child.personId, due_date: due, held_on: held, progress: ctx.rng.pick(PROGRESS), ...this.stamp(created, at, by) });
      this.attendance('core_group', id, held, worker, ['csc', 'health', 'school'], false, true);
      this.note(at, worker, 'core_group.held', `Core group met on ${formatDate(held)}. Next core group due by ${formatDate(next)}`, 'core_group', id);
      [due, last, created, by] = [next, held, at, worker];
    }
  }
}
