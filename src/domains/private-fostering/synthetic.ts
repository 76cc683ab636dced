import { addCalendarDays, addMonths, addWorkingDays, FIRST_KNOWN_YEAR } from '../../platform/calendar/working-days.ts';
import type { Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { END_REASONS, NON_RELATIVES } from './labels.ts';
import { ARRANGEMENT_RECORD } from './service.ts';
import { ageOn, FIRST_VISIT_WORKING_DAYS, nextVisitDue } from './rules.ts';
import type { Decision, EndReason, Notifier } from './tables.ts';

/**
 * Private fostering arrangements as social workers record them: the notification (often after the arrangement
 * began), visits against the 7-working-day and 6/12-week clock (most on time, some late), the carer checks and
 * the manager's confirmation, and the end. About 1 child in 4,000 a year becomes privately fostered (England
 * sees around 1,500 new notifications a year among 12 million children; areas that promote notification see
 * more). Only children not otherwise known to social care are chosen, so arrangements never overlap care or plans.
 */
const YEARLY_CHANCE = 0.00025;
/**
 * How many years before the end of the data arrangements are made for. The context does not say where the data
 * starts, so this stays short, and never before the calendar's known working days (2010).
 */
const YEARS_BACK = 3;
const EARLIEST = `${FIRST_KNOWN_YEAR + 1}-01-01`;
const NOTIFIERS: Record<Notifier, number> = { school: 35, carer: 20, parent: 15, health: 12, other_professional: 13, other: 5 };
const ENDINGS: Record<Exclude<EndReason, 'reached_age'>, number> = { returned_to_parents: 60, moved_to_relative: 12, carer_unable: 10, became_looked_after: 5, other: 13 };
const DECISIONS: Record<Decision, number> = { suitable: 82, suitable_with_conditions: 13, not_suitable: 5 };
const CARER_GIVEN = ['Marguerite', 'Desmond', 'Anwen', 'Tobias', 'Rosalind', 'Emeka', 'Sunniva', 'Lorcan', 'Priya', 'Idris'];
const CARER_FAMILY = ['Quillfeather', 'Ravensworth', 'Tremayne', 'Okonkwo-Hale', 'Ashcombe', 'Penrose', 'Vasquez-Lund', 'Holloway-Price'];
const REASONS = [
  'Parents working abroad; the child stays to finish school.',
  'Mother in hospital for a long stay; no family nearby.',
  'Family relationships broke down; the child asked to stay with a friend’s family.',
  'Attending a sports academy; lives with a host family in term time.',
  'Parents moved to another area for work; the child stays to finish their exams.',
];

export const synthesise: Synthesise = (journey: Journey, ctx: SyntheticContext) => {
  const { child } = journey;
  if (journey.episodes.length || journey.careLeaver) return;
  const limit = child.disabled ? 18 : 16;
  const lastDay = addCalendarDays(addMonths(child.dateOfBirth, 12 * limit), -1);
  // One draw per year of the data while the child is young enough; a child is privately fostered at most once.
  for (let year = 0; year < YEARS_BACK; year++) {
    const from = addMonths(ctx.end, -12 * (year + 1));
    if (!ctx.rng.chance(YEARLY_CHANCE)) continue;
    const notifiedOn = addCalendarDays(from, ctx.rng.int(1, 364));
    if (notifiedOn > ctx.end || notifiedOn < EARLIEST || notifiedOn < child.dateOfBirth || notifiedOn >= addCalendarDays(lastDay, -60) || ageOn(child.dateOfBirth, notifiedOn) < 1) continue;
    synthesiseArrangement(journey, ctx, notifiedOn);
    return;
  }
};

/** One arrangement notified on this date, from notification to its end (or the end of the data). */
export function synthesiseArrangement(journey: Journey, ctx: SyntheticContext, notifiedOn: string): void {
  const { child } = journey;
  const lastDay = addCalendarDays(addMonths(child.dateOfBirth, 12 * (child.disabled ? 18 : 16)), -1);
  const rng = ctx.rng;
  const worker = ctx.worker('assessment', child);
  const manager = ctx.org.socialCare.assessment.find((t) => t.id === worker.teamId)?.managerId ?? worker.id;
  const id = ctx.id(notifiedOn);
  const before = rng.chance(0.3);
  const startDate = before ? addCalendarDays(notifiedOn, rng.int(7, 50)) : addCalendarDays(notifiedOn, -rng.int(2, 120));
  const began = startDate > notifiedOn ? startDate : notifiedOn;
  // How long it lasts; it ends at the age limit at the latest, and stays open if that is after the end of the data.
  let endedOn: string | null = addCalendarDays(began, Math.round(rng.logNormal(180, 0.7)));
  let endReason: EndReason | null = rng.weighted(ENDINGS);
  if (endedOn > lastDay) [endedOn, endReason] = [addCalendarDays(lastDay, 1), 'reached_age'];
  const decision = rng.weighted(DECISIONS);
  const decisionOn = addCalendarDays(notifiedOn, rng.int(28, 70));
  if (decision === 'not_suitable' && decisionOn < endedOn) [endedOn, endReason] = [addCalendarDays(decisionOn, rng.int(3, 20)), rng.chance(0.5) ? 'returned_to_parents' : 'became_looked_after'];
  if (endedOn > ctx.end) [endedOn, endReason] = [null, null];
  const open = (on: string) => on <= ctx.end && (!endedOn || on <= endedOn);
  const check = (days: [number, number]) => {
    const on = addCalendarDays(notifiedOn, rng.int(...days));
    return open(on) ? { on, result: rng.chance(0.94) ? ('satisfactory' as const) : ('concerns' as const) } : null;
  };
  const [dbs, references, health, accommodation] = [check([10, 45]), check([10, 40]), check([14, 50]), check([1, 10])];
  const decided = open(decisionOn) && dbs && references && health && accommodation;
  const confirmedOn = decided ? addCalendarDays(decisionOn, rng.int(1, 7)) : null;
  const confirmed = confirmedOn && open(confirmedOn);
  const relationship = rng.pick(NON_RELATIVES);
  const carerName = `${rng.pick(CARER_GIVEN)} ${rng.pick(CARER_FAMILY)}`;
  const notifiedBy = rng.weighted(NOTIFIERS);

  ctx.add('private_fostering_arrangements', {
    id, person_id: child.personId, notified_on: notifiedOn, notified_by: notifiedBy, notifier_detail: null, start_date: startDate,
    parents_details: 'Both parents hold parental responsibility and agreed to the arrangement; their contact details are on file.',
    reason: rng.pick(REASONS), expected_duration: rng.pick(['A few months', 'Until the end of the school year', 'About a year', 'Not known']),
    dbs_on: dbs?.on ?? null, dbs_result: dbs?.result ?? null, references_on: references?.on ?? null, references_result: references?.result ?? null,
    health_on: health?.on ?? null, health_result: health?.result ?? null, accommodation_on: accommodation?.on ?? null, accommodation_result: accommodation?.result ?? null,
    decision: decided ? decision : null, decision_on: decided ? decisionOn : null,
    decision_notes: decided && decision !== 'suitable' ? (decision === 'not_suitable' ? 'The child returns home or is accommodated; parents told the same day.' : 'The carer tells us of any change in the household.') : null,
    decided_by: decided ? worker.id : null, confirmed_by: confirmed ? manager : null, confirmed_on: confirmed ? confirmedOn : null,
    ended_on: endedOn, end_reason: endReason, end_notes: null,
    ...ctx.stamp(notifiedOn, worker.id), version: 1,
  });
  ctx.add('private_fostering_carers', { id: ctx.id(notifiedOn), arrangement_id: id, carer_person_id: null, name: carerName, relationship, ...ctx.stamp(notifiedOn, worker.id) });
  const note = (at: string, type: string, summary: string, by = worker.id) =>
    ctx.chronology({ personId: child.personId, at, type: `private_fostering.${type}`, summary, agencyId: ctx.org.agencyIds.csc, by, recordType: ARRANGEMENT_RECORD, recordId: id });
  note(notifiedOn, 'notified', `Private fostering notified (${before ? 'before' : 'after'} it started). Carer: ${carerName}`);

  // Visits: the first within 7 working days (most of the time), then a few days before each due date, sometimes late.
  const arrangementDates = { notifiedOn, startDate };
  let previous: string | null = null;
  for (let n = 0; n < 60; n++) {
    const due = nextVisitDue(arrangementDates, previous);
    const on: string = previous === null
      ? (rng.chance(0.85) ? addWorkingDays(notifiedOn, rng.int(1, FIRST_VISIT_WORKING_DAYS)) : addWorkingDays(notifiedOn, rng.int(8, 20)))
      : (rng.chance(0.85) ? addCalendarDays(due, -rng.int(0, 10)) : addCalendarDays(due, rng.int(1, 21)));
    if (!open(on)) break;
    const seen = rng.chance(0.95);
    ctx.add('private_fostering_visits', { id: ctx.id(on), arrangement_id: id, person_id: child.personId, visit_date: on, due_on: due, child_seen: seen, seen_alone: seen && rng.chance(0.7), notes: seen ? 'Child seen; settled with the carer. Room seen.' : 'Child out; spoke with the carer. Return visit arranged.', ...ctx.stamp(on, worker.id) });
    note(on, 'visit', `Private fostering visit${on <= due ? '' : ' (late)'}: child ${seen ? 'seen' : 'not seen'}`);
    previous = on;
  }
  if (decided) note(decisionOn, 'assessment', `Private fostering arrangement assessed: ${decision.replaceAll('_', ' ')}`);
  if (confirmed) note(confirmedOn!, 'confirmed', 'Manager confirmed the private fostering arrangement', manager);
  if (endedOn && endReason) note(endedOn, 'ended', `Private fostering arrangement ended: ${END_REASONS[endReason].toLowerCase()}`);
}
