import type { Insertable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { dueDate, type TimescaleName } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import { EPISODE_CEASED_REASONS, isTemporaryPlacement, LEGAL_STATUSES, NEW_EPISODE_REASONS, PLACEMENT_TYPES, REVIEW_PARTICIPATION } from '../../platform/codes/ssda903.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { CareEpisodeSpell, CarePeriodSpell, EpisodeSpell, SocialCareTeamKind, Synthesise, SyntheticChild, SyntheticContext } from '../../synthetic/types.ts';
import { nextReview, PEP_AGES, SDQ_AGES } from './clocks.ts';
import { CHECK_KINDS, type CheckKind } from './labels.ts';
import { ageAt, birthday, needsUrn } from './rules-903.ts';

/**
 * Children in care's part of the synthetic authority: each period of care the journey gives, with its SSDA903
 * episodes as they are, the carer, Ofsted URN and postcodes the forms would have asked for (kept when only the
 * legal status changed or the child came back from a temporary placement, so stability counts as it should),
 * the IRO's reviews and the health and education checks on their clocks, and the chronology the services write.
 */

const SURNAMES = ['Thornbury', 'Kestrel', 'Pennant', 'Harwood', 'Brackwater', 'Sallow', 'Greaves', 'Alderney', 'Fallowfield', 'Copse', 'Odell', 'Larkin', 'Mossop', 'Tarrant', 'Whinfell', 'Birkett'];
const SETTINGS = ['Larch', 'Oakmere', 'Rowan', 'Heathfield', 'Millbrook', 'Ashgrove', 'Fernlea', 'Willowbank', 'Kingsmead', 'Beckside'];
const RELATIVES = ['Grandmother, Mrs ', 'Grandparents, Mr and Mrs ', 'Aunt, Ms ', 'Uncle, Mr ', 'Family friend, Ms '];
const FOSTER_CARERS = ['Mr and Mrs ', 'Ms ', 'Mr ', 'Mrs ', 'Mr and Mr ', 'Ms and Ms '];
/** The authority's own fostering and adoption services, and the independent agencies it uses. */
const OWN_FOSTERING = 'SC401122';
const OWN_ADOPTION = 'SC401123';
const AGENCIES = ['SC512340', 'SC620021', 'SC533918', 'SC587004', 'SC498812'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const REVIEW_SUMMARIES = [
  'Care plan reviewed with the child, carers and social worker. Placement meeting needs; contact arrangements continue.',
  'The child is settled and doing well at school. Plan for permanence agreed; life story work to start.',
  'Placement stable; health and dental checks up to date. Contact with mother to move to fortnightly.',
  'Concerns about school attendance discussed; the virtual school to support. Care plan otherwise unchanged.',
];
/** How children take part in their reviews, roughly as the 903 returns show it (PN0 is only for under-4s). */
const PARTICIPATION = { PN1: 40, PN2: 14, PN3: 5, PN4: 5, PN5: 10, PN6: 16, PN7: 10 } as const;

const moment = (date: string, minutes: number) => new Date(Date.parse(`${date}T09:00:00Z`) + minutes * 60_000);

function holderOn(episode: EpisodeSpell, date: string): SocialCareTeamKind {
  let kind: SocialCareTeamKind = episode.phases[0]?.team ?? 'children_in_care';
  for (const p of episode.phases) if (p.start <= date) kind = p.team;
  return kind;
}

/** The nearest working day on or before `date`, unless that is on or before `floor` (then the next one after). */
function onWorkingDay(date: string, floor: string): string {
  for (let d = date, n = 0; d > floor && n < 7; d = addCalendarDays(d, -1), n += 1) if (isWorkingDay(d)) return d;
  let d = addCalendarDays(date > floor ? date : floor, 1);
  while (!isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

/** When something due on `due` was done: mostly a little early or on the day, a share late; always after `floor`. */
function doneFor(rng: Rng, due: string, floor: string, late: number, earlyDays: number, lateDays: number): string {
  const shifted = rng.chance(late) ? addCalendarDays(due, rng.int(1, lateDays)) : addCalendarDays(due, -rng.int(0, earlyDays));
  return onWorkingDay(shifted, floor);
}

interface Place {
  carer: string | null;
  urn: string | null;
  postcode: string | null;
}

const postcode = (rng: Rng) => `ZZ99 ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;

function carerFor(type: string, rng: Rng, child: SyntheticChild): string | null {
  const surname = rng.pick(SURNAMES);
  const setting = rng.pick(SETTINGS);
  if (/^U[1-3]$/.test(type)) return rng.pick(RELATIVES) + (rng.chance(0.5) ? child.familyName : surname);
  if (/^U[4-6]$/.test(type) || type.startsWith('A')) return rng.pick(FOSTER_CARERS) + surname;
  const named: Record<string, string> = {
    K1: `${setting} Secure Children’s Home`,
    K2: `${setting} House`,
    K3: `${setting} Court`,
    P1: rng.pick(['Mother', 'Father', 'Parents']),
    P3: `${setting} Farm`,
    R1: `${setting} Care Home`,
    R2: `${setting} Hospital`,
    R3: `${setting} Family Centre`,
    R5: `HMYOI ${setting}`,
    S1: `${setting} School`,
    T0: `Temporary carer, Ms ${surname}`,
    T1: `${setting} Hospital`,
    T2: 'Usual carers, on holiday',
    T3: `Respite carer, Ms ${surname}`,
    T4: `Short-term carer, Mr ${surname}`,
  };
  return named[type] ?? null;
}

/** The Ofsted URN of the setting or agency; none for placements Ofsted does not register (903 rule 222). */
function urnFor(type: string, provider: string | null, rng: Rng): string | null {
  if (!needsUrn(type)) return null;
  if (type === 'S1') return rng.chance(0.3) ? 'XXXXXXX' : String(rng.int(100000, 999999));
  if (type.startsWith('U')) return provider === 'PR1' ? OWN_FOSTERING : rng.pick(AGENCIES);
  if (type.startsWith('A')) return provider === 'PR1' ? OWN_ADOPTION : rng.pick(AGENCIES);
  return `SC${rng.int(100000, 999999)}`;
}

/** Temporary and other placements are recorded without a postcode; a child placed with parents is at home. */
function postcodeFor(type: string, rng: Rng, child: SyntheticChild): string | null {
  if (isTemporaryPlacement(type) || type.startsWith('Z')) return null;
  return type === 'P1' ? child.postcode : postcode(rng);
}

type Placed = { spell: CareEpisodeSpell; place: Place };

/**
 * The carer, URN and postcode of an episode. A change of legal status keeps the placement; back from a temporary
 * placement to the same kind of placement is the same placement; the same carers (T, U, or adoption by the current
 * foster carers) keep their name and address.
 */
function placeOf(e: CareEpisodeSpell, before: Placed | null, settled: Placed | null, rng: Rng, child: SyntheticChild): Place {
  const type = e.placementType;
  if (before && e.reasonNewEpisode === 'L') return before.place;
  if (type === 'T2' && settled) return { ...settled.place, urn: null, postcode: null };
  if (before && settled && isTemporaryPlacement(before.spell.placementType) && !isTemporaryPlacement(type) && settled.spell.placementType === type && settled.spell.placementProvider === e.placementProvider) return settled.place;
  if (before && (e.reasonNewEpisode === 'T' || e.reasonNewEpisode === 'U' || type === 'A3' || type === 'A5')) {
    const sameType = before.spell.placementType === type;
    return {
      carer: before.place.carer ?? carerFor(type, rng, child),
      urn: needsUrn(type) ? (sameType || !before.place.urn ? urnFor(type, e.placementProvider, rng) : before.place.urn) : null,
      postcode: isTemporaryPlacement(type) || type.startsWith('Z') ? null : sameType || !before.place.postcode ? postcodeFor(type, rng, child) : before.place.postcode,
    };
  }
  return { carer: carerFor(type, rng, child), urn: urnFor(type, e.placementProvider, rng), postcode: postcodeFor(type, rng, child) };
}

const careText = (legalStatus: string, placementType: string) => `${(LEGAL_STATUSES[legalStatus] ?? legalStatus).toLowerCase()}; ${(PLACEMENT_TYPES[placementType] ?? placementType).toLowerCase()}`;

export const synthesise: Synthesise = (journey, ctx) => {
  for (const episode of journey.episodes) {
    for (const period of episode.carePeriods) if (period.startDate <= ctx.end && period.episodes.length) writePeriod(journey.child, episode, period, ctx);
  }
};

function writePeriod(child: SyntheticChild, cin: EpisodeSpell, period: CarePeriodSpell, ctx: SyntheticContext) {
  const { rng, end } = ctx;
  const csc = ctx.org.agencyIds.csc;
  const worker = (date: string) => ctx.worker(holderOn(cin, date), child).id;
  const note = (at: Date, by: string, type: string, summary: string, recordType: string, recordId: string) =>
    ctx.chronology({ personId: child.personId, at, type, summary, agencyId: csc, by, recordType, recordId });
  const start = period.startDate;
  const periodEnd = period.endDate && period.endDate <= end ? period.endDate : null;
  const startedBy = worker(start);
  const startedAt = moment(start, rng.int(0, 360));
  const iro = rng.pick(ctx.org.chairIds);
  const home = period.uasc ? null : child.postcode;

  // Episodes first (the period's updated_at follows its last change), then the period row.
  const spells = period.episodes.filter((e) => e.startDate <= end).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const rows: Insertable<Database['care_episodes']>[] = [];
  let before: Placed | null = null;
  let settled: Placed | null = null;
  let lastAt = startedAt;
  spells.forEach((e, i) => {
    const place = placeOf(e, before, settled, rng, child);
    const by = worker(e.startDate);
    const at = i === 0 ? startedAt : moment(e.startDate, rng.int(0, 360));
    // The last episode of an ended period ends with it: the database allows one open episode per child.
    const closing = i === spells.length - 1 && periodEnd ? periodEnd : null;
    const ended = e.endDate && e.endDate <= end ? e.endDate : closing;
    const endedAt = ended ? moment(ended, rng.int(0, 360)) : at;
    rows.push({
      id: e.id,
      period_id: period.id,
      person_id: child.personId,
      start_date: e.startDate,
      reason_new_episode: e.reasonNewEpisode,
      legal_status: e.legalStatus,
      placement_type: e.placementType,
      placement_provider: e.placementProvider,
      carer_name: place.carer,
      urn: place.urn,
      home_postcode: home,
      placement_postcode: place.postcode,
      end_date: ended,
      reason_ceased: ended ? (e.reasonCeased ?? (i < spells.length - 1 ? 'X1' : 'E8')) : null,
      reason_place_change: ended ? e.reasonPlaceChange : null,
      ...ctx.stamp(at, by),
      updated_at: endedAt,
    });
    if (i === 0) note(at, by, 'care.started', `Became looked after on ${formatDate(start)}: ${careText(e.legalStatus, e.placementType)}${period.uasc ? ' (unaccompanied asylum-seeking child)' : ''}`, 'care_period', period.id);
    else note(at, by, 'care.changed', `${NEW_EPISODE_REASONS[e.reasonNewEpisode] ?? e.reasonNewEpisode} on ${formatDate(e.startDate)}: ${careText(e.legalStatus, e.placementType)}`, 'care_period', period.id);
    lastAt = at;
    before = { spell: e, place };
    if (!isTemporaryPlacement(e.placementType)) settled = before;
  });
  const last = spells.at(-1)!;
  if (periodEnd) {
    const at = moment(periodEnd, rng.int(0, 360));
    const reason = last.reasonCeased ?? 'E8';
    note(at, worker(periodEnd), 'care.ended', `Left care on ${formatDate(periodEnd)}: ${(EPISODE_CEASED_REASONS[reason] ?? reason).toLowerCase()}`, 'care_period', period.id);
    lastAt = at;
  }
  ctx.add('care_periods', {
    id: period.id,
    person_id: child.personId,
    episode_id: cin.id,
    start_date: start,
    category_of_need: period.categoryOfNeed,
    uasc: period.uasc,
    uasc_ceased: null,
    iro_id: iro,
    end_date: periodEnd,
    ...ctx.stamp(startedAt, startedBy),
    updated_at: lastAt,
  });
  for (const row of rows) ctx.add('care_episodes', row);

  const limit = periodEnd ?? end;
  reviews(child, period, iro, limit, ctx, note);
  checks(child, period, limit, ctx, worker, note);
}

type Note = (at: Date, by: string, type: string, summary: string, recordType: string, recordId: string) => void;

/**
 * The IRO's reviews, written when held (as the service does): within 20 working days, then 3 months, then every 6
 * months. The next review is a clock worked out from the last one held, so nothing is stored for it.
 */
function reviews(child: SyntheticChild, period: CarePeriodSpell, iro: string, limit: string, ctx: SyntheticContext, note: Note) {
  const { rng } = ctx;
  const held: string[] = [];
  for (;;) {
    const due = nextReview(period.startDate, held).due;
    const on = doneFor(rng, due, held.at(-1) ?? period.startDate, 0.1, held.length ? 10 : 5, 30);
    if (on > limit) return;
    const under4 = ageAt(child.dateOfBirth, on) < 4;
    const participation = under4 ? 'PN0' : rng.weighted(PARTICIPATION);
    const at = moment(on, rng.int(0, 360));
    const id = ctx.id(at);
    ctx.add('care_reviews', { id, period_id: period.id, person_id: child.personId, due_date: due, held_on: on, chair_id: iro, participation, summary: rng.pick(REVIEW_SUMMARIES), ...ctx.stamp(at, iro) });
    const late = on > due ? ` (due ${formatDate(due)})` : '';
    note(at, iro, 'care.review_held', `Looked-after review held on ${formatDate(on)}${late}: ${(REVIEW_PARTICIPATION[participation] ?? participation).toLowerCase()}`, 'care_review', id);
    held.push(on);
  }
}

/**
 * Health and education checks on the clocks of `checksDue`: the initial health assessment within 20 working days,
 * review health assessments 6-monthly under 5 and yearly from 5, dental and immunisation checks yearly, the SDQ
 * yearly for ages 4 to 16, and personal education plans for school age (the first within 10 working days, then
 * each term). What falls after the period ends or after the data ends is left undone.
 */
function checks(child: SyntheticChild, period: CarePeriodSpell, limit: string, ctx: SyntheticContext, worker: (date: string) => string, note: Note) {
  const { rng } = ctx;
  const start = period.startDate;
  const dob = child.dateOfBirth;
  const record = (kind: CheckKind, on: string) => {
    const at = moment(on, rng.int(0, 360));
    const id = ctx.id(at);
    const score = kind === 'sdq' ? Math.min(40, Math.round(rng.logNormal(11, 0.5))) : null;
    const by = worker(on);
    ctx.add('care_checks', { id, period_id: period.id, person_id: child.personId, kind, done_on: on, score, notes: null, ...ctx.stamp(at, by) });
    note(at, by, 'care.check_recorded', `${CHECK_KINDS[kind]} on ${formatDate(on)}${score !== null ? ` (score ${score})` : ''}`, 'care_check', id);
  };
  /** One series of checks: done around each due date until the limit, the next due from the one done. */
  const series = (kind: (nth: number) => CheckKind, firstDue: string, from: string, until: string, next: (on: string) => TimescaleName, late: number, earlyDays: number) => {
    let due = firstDue;
    let floor = addCalendarDays(from, -1);
    for (let nth = 0; ; nth += 1) {
      // A first check due within days of the start is done within those days, not before the child arrived.
      const on = doneFor(rng, due, floor, late, nth === 0 ? Math.min(earlyDays, 5) : earlyDays, 45);
      if (on > until || on > limit) return;
      record(kind(nth), on);
      [due, floor] = [dueDate(next(on), on), on];
    }
  };
  const healthNext = (on: string): TimescaleName => (ageAt(dob, on) < 5 ? 'reviewHealthUnder5' : 'reviewHealth');
  series((nth) => (nth === 0 ? 'initial_health' : 'review_health'), dueDate('initialHealthAssessment', start), start, limit, healthNext, 0.25, 10);
  series(() => 'dental', dueDate('dentalCheck', start), start, limit, () => 'dentalCheck', 0.15, 60);
  series(() => 'immunisations', dueDate('immunisationCheck', start), start, limit, () => 'immunisationCheck', 0.1, 60);
  // The SDQ runs from age 4 to 16; personal education plans from the September a child starts school until 18.
  const later = (a: string, b: string) => (a > b ? a : b);
  const sdqFrom = later(start, birthday(dob, SDQ_AGES.from));
  const sdqUntil = addCalendarDays(birthday(dob, SDQ_AGES.to + 1), -1);
  if (sdqFrom <= sdqUntil && sdqFrom <= limit) series(() => 'sdq', sdqFrom === start ? dueDate('sdqCheck', start) : addCalendarDays(sdqFrom, 30), sdqFrom, sdqUntil, () => 'sdqCheck', 0.15, 45);
  const fourth = birthday(dob, PEP_AGES.from);
  const september = `${fourth.slice(0, 4)}-09-01`;
  const pepFrom = later(start, fourth <= september ? september : `${Number(fourth.slice(0, 4)) + 1}-09-01`);
  const pepUntil = addCalendarDays(birthday(dob, PEP_AGES.to + 1), -1);
  if (pepFrom <= pepUntil && pepFrom <= limit) series(() => 'pep', dueDate('firstPep', pepFrom), pepFrom, pepUntil, () => 'pepReview', 0.15, 20);
}
