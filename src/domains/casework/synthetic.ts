import type { VisitPurpose } from '../../db/types-social-care.ts';
import { addMonths, bankHoliday } from '../../platform/calendar/working-days.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { CarePeriodSpell, EpisodeSpell, Journey, SocialCareTeamKind, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { LONG_TERM_PLACEMENTS } from '../children-in-care/clocks.ts';
import { VISIT_PURPOSES } from './codes.ts';

/**
 * Casework as its services write it: the child's case allocated to a worker phase by phase (903 social worker
 * episodes: first contact, then transfers between teams), ended when the episode closes, and statutory visits on
 * each clock of the timescales table (child in need 20 working days, child protection 10 working days, looked after
 * within a week of each placement then 6-weekly, 3-monthly in a long-term placement after its first year, care
 * leavers 8-weekly as for keeping in touch) by whoever holds the case, mostly on time and some late. Nothing is
 * dated after `ctx.end`; a phase open at the end is an open allocation. A care leaver's personal adviser lives on
 * the care leaver record (care-leavers writes it), so it is not allocated again here.
 */

// ---- Day numbers: visits are the biggest table, so their clocks count whole days, not date strings --------------

const DAY_MS = 86_400_000;
export const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** The date of a day number, by integer arithmetic (Hinnant's civil-from-days): a Date and toISOString cost 20 times more. */
export function fromDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad(m)}-${pad(d)}`;
}

/** England's bank holidays as day numbers, built once from the platform calendar. */
let holidays: Set<number> | null = null;
function holidaySet(): Set<number> {
  if (!holidays) {
    holidays = new Set();
    for (let day = toDay('2010-01-01'), last = toDay('2035-12-31'); day <= last; day += 1) if (bankHoliday(fromDay(day))) holidays.add(day);
  }
  return holidays;
}

/** The same answer as the platform's `addWorkingDays` (the start day never counts), without making dates. */
export function addWorkingDayNumbers(day: number, working: number): number {
  const bank = holidaySet();
  let d = day;
  for (let left = working; left > 0; ) {
    d += 1;
    const weekday = (d + 4) % 7; // day 0 (1 January 1970) was a Thursday
    if (weekday !== 0 && weekday !== 6 && !bank.has(d)) left -= 1;
  }
  return d;
}

// ---- Words ----------------------------------------------------------------------------------------------------

const SEEN_NOTES: Record<VisitPurpose, readonly string[]> = {
  assessment: ['Assessment visit: child seen at home; family history and worries discussed with mother.', 'Assessment visit with mother and child; home seen, child spoken to about home and school.'],
  child_in_need: ['Child seen at home with mother; talked about school and the plan.', 'Visited after school; the child showed me their room and homework.', 'Home visit: routines better, food in the cupboards; the child chatty and relaxed.'],
  child_protection: ['Child seen at home; room seen; spoke with parent about the plan.', 'Unannounced visit: home conditions acceptable, child seen in their bedroom.', 'Child seen at school and then at home; no new marks or injuries seen.'],
  looked_after: ['Visited in placement; the child was seen and spoke about school and contact.', 'Placement visit: carers report a settled month; the child proud of a school award.', 'Child seen in placement; wishes about family time recorded for the review.'],
  care_leaver: ['Visited at their flat; managing the tenancy and budgeting well.', 'Met at home; talked about college and money, pathway plan actions checked.'],
};
const NOT_SEEN_NOTES = ['No answer at the door; card left and mother phoned later to rearrange.', 'The child was out; carer seen and the visit rearranged for next week.', 'The child was unwell and asleep; parent seen, visit rebooked.'];
/** How often a seen child is seen alone, by the kind of visit (never a child under 4). */
const ALONE: Record<VisitPurpose, number> = { assessment: 0.5, child_in_need: 0.4, child_protection: 0.65, looked_after: 0.55, care_leaver: 0.9 };
const LATE = 0.13;

// ---- Allocation -----------------------------------------------------------------------------------------------

interface Staff {
  id: string;
  teamId: string;
  teamName: string;
  managerId: string;
}

interface Allocation {
  start: string;
  end: string | null;
  /** The same dates as day numbers, for finding who held the case on a visit's day. */
  startDay: number;
  endDay: number;
  staff: Staff;
  /** 903 SW_REASON: first contact for an episode's first worker, a standard transfer between teams after. */
  reason: 'FCONTA' | 'TSPROC';
  by: string;
  /** Why it ended with nobody after it (the episode closed), in the closing service's words; null when reallocated. */
  why: string | null;
}

function staffOf(ctx: SyntheticContext, journey: Journey, cache: Map<SocialCareTeamKind, Staff>, kind: SocialCareTeamKind): Staff {
  let found = cache.get(kind);
  if (!found) {
    const worker = ctx.worker(kind, journey.child);
    const team = ctx.org.socialCare[kind].find((t) => t.id === worker.teamId);
    found = { id: worker.id, teamId: worker.teamId, teamName: team?.name ?? 'children’s social care', managerId: team?.managerId ?? worker.id };
    cache.set(kind, found);
  }
  return found;
}

const at = (date: string, minutes: number) => new Date(Date.parse(`${date}T09:00:00Z`) + minutes * 60_000);
const byDate = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Why the allocation ends with the episode, in the closing service's words. */
function closingWhy(episode: EpisodeSpell): string {
  if (episode.referralNfa) return 'the referral needed no further action';
  // As referrals closes it: after assessment only on the day it is authorised, and only with no plan or enquiry.
  const plain = !episode.section47 && !episode.cpPlans.length && !episode.cinPlans.length;
  const afterAssessment = (episode.closureReason === 'RC8' || episode.closureReason === 'RC9') && plain && episode.assessment?.authorisedOn === episode.closureDate;
  return afterAssessment ? 'the episode closed after assessment' : 'the episode closed';
}

/**
 * Every allocation of the child, first to last: a new one each time the phase's worker changes, each ending the
 * day the next starts (allocating ends the current one), the episode's last ending when it closes or left open.
 * Runs are laid end to end across episodes, so the child is never held twice at once even if episodes overlap;
 * giving the case to the worker who already holds it changes nothing, as in the service.
 */
function allocationsOf(ctx: SyntheticContext, staff: (kind: SocialCareTeamKind) => Staff, episodes: readonly EpisodeSpell[]): Allocation[] {
  const { end, rng } = ctx;
  const runs: Allocation[] = [];
  for (const episode of episodes) {
    const closed = episode.closureDate && episode.closureDate <= end ? episode.closureDate : null;
    const phases = episode.phases.filter((p) => p.start <= end && (!closed || p.start <= closed)).sort(byDate((p) => p.start));
    const mine: { start: string; who: Staff }[] = [];
    for (const phase of phases) {
      const who = staff(phase.team);
      if (mine.at(-1)?.who.id !== who.id) mine.push({ start: phase.start, who });
    }
    const lastPhase = phases.at(-1);
    const finish = lastPhase?.end && lastPhase.end <= end ? lastPhase.end : closed;
    mine.forEach((run, i) => {
      const next = mine[i + 1];
      const stop = next ? next.start : finish && finish < run.start ? run.start : finish;
      const by = i === 0 && rng.chance(0.5) ? run.who.id : run.who.managerId;
      const why = stop && !next ? (closed === stop ? closingWhy(episode) : 'the episode closed') : null;
      runs.push({ start: run.start, end: stop, startDay: 0, endDay: 0, staff: run.who, reason: i === 0 ? 'FCONTA' : 'TSPROC', by, why });
    });
  }
  runs.sort(byDate((r) => r.start));
  const out: Allocation[] = [];
  for (const run of runs) {
    const previous = out.at(-1);
    if (previous && (previous.end === null || previous.end > run.start)) {
      if (previous.staff.id === run.staff.id) {
        if (previous.end !== null && (run.end === null || run.end > previous.end)) [previous.end, previous.why] = [run.end, run.why];
        continue;
      }
      previous.end = run.start;
      previous.why = null;
    }
    out.push(run);
  }
  for (const a of out) [a.startDay, a.endDay] = [toDay(a.start), a.end ? toDay(a.end) : Infinity];
  return out;
}

/** The allocations as the allocation service writes them, with its chronology. */
function writeAllocations(ctx: SyntheticContext, personId: string, allocations: readonly Allocation[]): void {
  const agencyId = ctx.org.agencyIds.csc;
  allocations.forEach((a, i) => {
    const startAt = at(a.start, 30 + i);
    const endAt = a.end ? at(a.end, 480) : null;
    ctx.add('case_allocations', { id: ctx.id(startAt), person_id: personId, worker_id: a.staff.id, team_id: a.staff.teamId, start_date: a.start, end_date: a.end, reason: a.reason, ...ctx.stamp(startAt, a.by), updated_at: endAt ?? startAt });
    ctx.chronology({ personId, at: startAt, type: 'case.allocated', summary: `Case allocated to a social worker in ${a.staff.teamName}`, agencyId, by: a.by, recordType: 'person', recordId: personId });
    if (endAt && a.why) ctx.chronology({ personId, at: endAt, type: 'case.unallocated', summary: `Case no longer allocated: ${a.why}`, agencyId, by: a.staff.managerId, recordType: 'person', recordId: personId });
  });
}

/** Whoever holds the case on `day`, or `fallback` when nobody does. */
function holderOn(allocations: readonly Allocation[], day: number, fallback: string): string {
  for (let i = allocations.length - 1; i >= 0; i -= 1) {
    const a = allocations[i]!;
    if (a.startDay <= day) return day <= a.endDay ? a.staff.id : fallback;
  }
  return fallback;
}

// ---- Visits ---------------------------------------------------------------------------------------------------

interface VisitWriter {
  ctx: SyntheticContext;
  rng: Rng;
  personId: string;
  birthDay: number;
  fourthBirthday: string;
  endDay: number;
  visit: (purpose: VisitPurpose, day: number, by: string) => void;
}

function visitWriter(ctx: SyntheticContext, journey: Journey): VisitWriter {
  const personId = journey.child.personId;
  const fourthBirthday = addMonths(journey.child.dateOfBirth, 48);
  const agencyId = ctx.org.agencyIds.csc;
  const rng = ctx.rng;
  return {
    ctx,
    rng,
    personId,
    birthDay: toDay(journey.child.dateOfBirth),
    fourthBirthday,
    endDay: toDay(ctx.end),
    visit: (purpose, day, by) => {
      const date = fromDay(day);
      const moment = new Date(day * DAY_MS + (10 * 60 + rng.int(0, 24) * 15) * 60_000);
      const seen = purpose === 'assessment' || rng.chance(purpose === 'care_leaver' ? 0.95 : 0.92);
      const alone = seen && date >= fourthBirthday && rng.chance(ALONE[purpose]);
      const id = ctx.id(moment);
      ctx.add('visits', { id, person_id: personId, visit_date: date, purpose, child_seen: seen, seen_alone: alone, visited_by: by, notes: rng.pick(seen ? SEEN_NOTES[purpose] : NOT_SEEN_NOTES), ...ctx.stamp(moment, by) });
      const how = alone ? 'child seen alone' : seen ? 'child seen, not alone' : 'child not seen';
      ctx.chronology({ personId, at: moment, type: 'visit.recorded', summary: `${VISIT_PURPOSES[purpose]} (${how})`, agencyId, by, recordType: 'visit', recordId: id });
    },
  };
}

/**
 * Visits from `from` (exclusive) to `until` (inclusive), the next one `next(last)` days on; none before the child
 * is born (the service refuses them), none after the end of the data.
 */
function series(v: VisitWriter, purpose: VisitPurpose, from: number, until: number, next: (last: number) => number, by: (day: number) => string): void {
  const stop = Math.min(until, v.endDay);
  for (let day = next(from); day <= stop; day = next(day)) if (day >= v.birthDay) v.visit(purpose, day, by(day));
}

/** Child in need (20 working days) and child protection (10 working days) clocks: mostly early, some late. */
const workingClock = (v: VisitWriter, limit: number) => (last: number) =>
  addWorkingDayNumbers(last, v.rng.chance(LATE) ? limit + v.rng.int(1, Math.ceil(limit / 2)) : v.rng.int(Math.ceil(limit / 2), limit));

/** Looked-after visits: within 7 days of each placement, then 6-weekly, or 3-monthly in a long-term placement after a year. */
function careVisits(v: VisitWriter, period: CarePeriodSpell, periodEnd: number, by: (day: number) => string): void {
  const placements = period.episodes.filter((e, i) => i === 0 || e.reasonNewEpisode !== 'L');
  placements.forEach((placement, i) => {
    const start = toDay(i === 0 ? period.startDate : placement.startDate);
    const following = placements[i + 1];
    const until = following ? Math.min(toDay(following.startDate) - 1, periodEnd) : periodEnd;
    const longTermFrom = LONG_TERM_PLACEMENTS.includes(placement.placementType) ? start + 365 : Infinity;
    let first = true;
    series(v, 'looked_after', start, until, (last) => {
      const late = v.rng.chance(LATE);
      if (first) {
        first = false;
        return last + (late ? v.rng.int(8, 14) : v.rng.int(1, 7));
      }
      if (last >= longTermFrom) {
        const due = toDay(addMonths(fromDay(last), 3));
        return late ? due + v.rng.int(1, 21) : due - v.rng.int(0, 21);
      }
      return last + (late ? v.rng.int(43, 56) : v.rng.int(21, 42));
    }, by);
  });
}

function episodeVisits(v: VisitWriter, episode: EpisodeSpell, allocations: readonly Allocation[], staff: (kind: SocialCareTeamKind) => Staff): void {
  const end = v.ctx.end;
  if (episode.referralDate > end) return;
  const closed = episode.closureDate && episode.closureDate <= end ? toDay(episode.closureDate) : v.endDay;
  // A span the journey left open on a closed episode ends with the episode.
  const spanEnd = (date: string | null) => (date && date <= end ? Math.min(toDay(date), closed) : closed);
  const holder = (kind: SocialCareTeamKind) => (day: number) => holderOn(allocations, day, staff(kind).id);

  // The visit at which the child was seen for the assessment (on the day referrals records, which falls back to
  // three days after the start when a submitted assessment has no date).
  const a = episode.referralNfa ? null : episode.assessment;
  const cap = episode.closureDate && episode.closureDate <= end ? episode.closureDate : end;
  const submitted = a?.submittedOn && a.submittedOn <= end ? (a.submittedOn < cap ? a.submittedOn : cap) : null;
  const fallback = a && submitted ? Math.min(toDay(a.startDate) + 3, toDay(submitted)) : null;
  const seenDay = a?.childSeenOn && a.childSeenOn <= (submitted ?? cap) ? toDay(a.childSeenOn) : fallback;
  if (seenDay !== null && seenDay >= v.birthDay) v.visit('assessment', seenDay, staff('assessment').id);
  for (const plan of episode.cinPlans) {
    if (plan.startDate <= end) series(v, 'child_in_need', toDay(plan.startDate), spanEnd(plan.endDate), workingClock(v, 20), holder('assessment'));
  }
  for (const plan of episode.cpPlans) {
    if (plan.startDate <= end) series(v, 'child_protection', toDay(plan.startDate), spanEnd(plan.endDate), workingClock(v, 10), holder('child_protection'));
  }
  for (const period of episode.carePeriods) {
    if (period.startDate <= end && period.episodes.length) careVisits(v, period, spanEnd(period.endDate), holder('children_in_care'));
  }
}

/** The personal adviser visits once the young person has left care, on the 8-week keeping-in-touch clock. */
function careLeaverVisits(v: VisitWriter, journey: Journey, adviser: () => string): void {
  const leaver = journey.careLeaver;
  if (!leaver || leaver.openedOn > v.ctx.end) return;
  const periods = journey.episodes.flatMap((e) => e.carePeriods).filter((p) => p.startDate <= v.ctx.end);
  if (periods.some((p) => !p.endDate || p.endDate > v.ctx.end)) return;
  const leftCare = periods.reduce((latest, p) => Math.max(latest, toDay(p.endDate!)), -Infinity);
  const from = Math.max(toDay(leaver.openedOn), leftCare);
  const until = leaver.closedOn && leaver.closedOn <= v.ctx.end ? toDay(leaver.closedOn) : v.endDay;
  series(v, 'care_leaver', from, until, (last) => last + (v.rng.chance(LATE) ? v.rng.int(57, 80) : v.rng.int(28, 56)), adviser);
}

export const synthesise: Synthesise = (journey, ctx) => {
  if (!journey.episodes.length && !journey.careLeaver) return;
  const cache = new Map<SocialCareTeamKind, Staff>();
  const staff = (kind: SocialCareTeamKind) => staffOf(ctx, journey, cache, kind);
  const episodes = journey.episodes.filter((e) => e.referralDate <= ctx.end).sort(byDate((e) => e.referralDate));
  const allocations = allocationsOf(ctx, staff, episodes);
  writeAllocations(ctx, journey.child.personId, allocations);
  const v = visitWriter(ctx, journey);
  for (const episode of episodes) episodeVisits(v, episode, allocations, staff);
  careLeaverVisits(v, journey, () => staff('leaving_care').id);
};
