import { type Day, dayOf, EARLIEST, isoOf, MONTH, workingDaysAfter, YEAR } from './days.ts';
import { type CareExit, carePeriod, longStayExit } from './model-care.ts';
import { RATES } from './rates.ts';
import type { Rng } from './rng.ts';
import type { CpPlanSpell, EpisodeSpell, Journey, SocialCareTeamKind } from './types.ts';

/** What a journey's simulation knows while it builds one child's story. */
export interface Sim {
  j: Journey;
  rng: Rng;
  id: (at: Date | string) => string;
  start: Day;
  end: Day;
  birth: Day;
  /** The 18th birthday. */
  adult: Day;
  /** Asks the early help part of the model to open a stepped-down case. */
  stepDown(on: Day, episodeId: string): void;
}

/** How an episode begins: an ordinary referral, a strategy discussion at once, or (for what is open when the data starts) already in care / on a plan. */
export type EpisodeEntry =
  | { kind: 'referral' }
  | { kind: 'strategy' }
  | { kind: 'in_care'; since: Day }
  | { kind: 'on_plan'; since: Day }
  | { kind: 'in_need'; since: Day };

const NEEDS = { N1: 40, N2: 5, N3: 8, N4: 15, N5: 17, N6: 5, N7: 1, N8: 4, N9: 5 };
const FACTORS = ['1B', '2B', '3B', '3C', '4B', '4A', '16A', '17A', '5B', '6B', '14A', '10A', '15A', '21'];
const SOURCES = { '6': 28, '2A': 17, '3B': 5, '3A': 4, '3E': 4, '3F': 4, '1A': 8, '1C': 1, '4': 4, '5A': 3, '5D': 6, '5B': 3, '7': 3, '8': 5, '9': 3, '1B': 2 };

/** The factors an assessment found, each once; 21 (no factors identified) only when nothing else was (census rule 8869). */
const factorsFound = (picked: string[]) => {
  const found = [...new Set(picked)];
  return found.length > 1 ? found.filter((f) => f !== '21') : found;
};

/**
 * One CIN episode from referral to closure, with everything inside it dated and linked. Returns the day it
 * closes (the caller's child is free again from then), or null when it is still open at the end of the data.
 */
export function runEpisode(sim: Sim, referral: Day, entry: EpisodeEntry, contactId: string | null, source?: string): Day | null {
  const { rng, id, end } = sim;
  const previous = sim.j.episodes.at(-1);
  const strategyFirst = entry.kind === 'strategy' || entry.kind === 'on_plan';
  const episode: EpisodeSpell = {
    id: id(isoOf(referral)),
    referralDate: isoOf(referral),
    source: source ?? rng.weighted(SOURCES),
    contactId,
    reReferral: previous !== undefined && referral - dayOf(previous.referralDate) <= 365,
    referralNfa: false,
    primaryNeed: strategyFirst ? 'N1' : rng.weighted(NEEDS),
    assessment: null,
    cinPlans: [],
    strategy: null,
    section47: null,
    cpPlans: [],
    carePeriods: [],
    closureDate: null,
    closureReason: null,
    phases: [],
  };
  sim.j.episodes.push(episode);
  let team: SocialCareTeamKind = 'assessment';
  let teamSince = referral;
  const moveTo = (next: SocialCareTeamKind, on: Day) => {
    if (next === team) return;
    episode.phases.push({ team, start: isoOf(teamSince), end: isoOf(on) });
    team = next;
    teamSince = on;
  };
  const close = (on: Day, reason: string): Day | null => {
    const day = Math.floor(on);
    episode.phases.push({ team, start: isoOf(teamSince), end: day <= end ? isoOf(day) : null });
    if (day > end) return null;
    episode.closureDate = isoOf(day);
    episode.closureReason = reason;
    return day;
  };
  const still = (): null => {
    episode.phases.push({ team, start: isoOf(teamSince), end: null });
    return null;
  };

  if (entry.kind === 'referral' && rng.chance(RATES.referralNfa)) {
    episode.referralNfa = true;
    episode.primaryNeed = 'N9';
    return close(referral + rng.int(0, 3), 'RC7');
  }

  // The assessment runs from the referral on the 45-working-day clock.
  const outcome = strategyFirst ? 'strategy_discussion' : entry.kind === 'in_care' ? 'care' : entry.kind === 'in_need' ? 'child_in_need_plan' : rng.weighted(RATES.assessmentOutcome);
  const assessDays = Math.max(3, Math.round(rng.logNormal(RATES.assessmentWorkingDays.median, RATES.assessmentWorkingDays.spread)));
  const authorised = workingDaysAfter(referral, assessDays);
  const submitted = Math.max(referral + 1, authorised - rng.int(0, 3));
  episode.assessment = {
    id: id(isoOf(referral)),
    startDate: isoOf(referral),
    dueDate: isoOf(workingDaysAfter(referral, 45)),
    childSeenOn: referral + 2 <= end ? isoOf(Math.min(end, referral + rng.int(1, 10))) : null,
    submittedOn: submitted <= end ? isoOf(submitted) : null,
    authorisedOn: authorised <= end ? isoOf(authorised) : null,
    outcome: submitted <= end ? (outcome === 'care' ? 'child_in_need_plan' : outcome) : null,
    factors: factorsFound([rng.pick(FACTORS), rng.pick(FACTORS), ...(strategyFirst ? ['16A'] : [])]),
  };

  if (outcome === 'strategy_discussion') return protection(sim, episode, referral, strategyFirst ? referral + rng.int(0, 2) : authorised, entry, moveTo, close, still);
  if (outcome === 'care') return care(sim, episode, entry.kind === 'in_care' ? entry.since : referral + rng.int(0, 20), moveTo, close, still);
  if (authorised > end) return still();
  if (outcome === 'no_further_action') return close(authorised, 'RC8');
  if (outcome === 'early_help') {
    sim.stepDown(authorised + rng.int(0, 7), episode.id);
    return close(authorised, 'RC9');
  }
  return inNeed(sim, episode, entry.kind === 'in_need' ? Math.max(authorised, entry.since) : authorised, moveTo, close, still);
}

/** What was open when the data began must still be open then. */
function outlast(sim: Sim, start: Day, months: { median: number; spread: number }): Day {
  for (let tries = 0; ; tries++) {
    const stop = Math.floor(start + sim.rng.logNormal(months.median, months.spread) * MONTH);
    // Drawn again until it reaches the first day: the residual length of what was already running.
    if (stop > sim.start || tries === 40) return Math.max(stop, sim.start + 1);
  }
}

type Move = (team: SocialCareTeamKind, on: Day) => void;
type Close = (on: Day, reason: string) => Day | null;

function inNeed(sim: Sim, episode: EpisodeSpell, start: Day, moveTo: Move, close: Close, still: () => null): Day | null {
  const { rng, id, end } = sim;
  if (start >= sim.adult) return start > end ? still() : close(start, 'RC7');
  const planEnd = outlast(sim, start, RATES.cinPlanMonths);
  const after = rng.weighted(RATES.afterCinPlan);
  const plan = { id: id(isoOf(start)), startDate: isoOf(start), endDate: null as string | null, endReason: null as EpisodeSpell['cinPlans'][number]['endReason'] };
  episode.cinPlans.push(plan);
  if (planEnd > end || planEnd >= sim.adult) {
    if (planEnd >= sim.adult && sim.adult <= end) {
      plan.endDate = isoOf(sim.adult);
      plan.endReason = 'needs_met';
      return close(sim.adult, 'RC7');
    }
    return still();
  }
  plan.endDate = isoOf(planEnd);
  if (after === 'care') {
    plan.endReason = 'looked_after';
    return care(sim, episode, planEnd, moveTo, close, still);
  }
  plan.endReason = after === 'early_help' ? 'early_help' : 'needs_met';
  if (after === 'early_help') sim.stepDown(planEnd + rng.int(0, 7), episode.id);
  return close(planEnd, 'RC7');
}

function protection(sim: Sim, episode: EpisodeSpell, referral: Day, held: Day, entry: EpisodeEntry, moveTo: Move, close: Close, still: () => null): Day | null {
  const { rng, id, end } = sim;
  if (held > end) return still();
  const onPlan = entry.kind === 'on_plan';
  const strategyId = id(isoOf(held));
  const toSection47 = onPlan || rng.chance(RATES.strategyToSection47);
  episode.strategy = { id: strategyId, heldOn: isoOf(held), decision: toSection47 ? 'section_47' : 'child_in_need_assessment' };
  if (!toSection47) return inNeed(sim, episode, Math.max(held, dayOf(episode.assessment!.authorisedOn ?? isoOf(held))), moveTo, close, still);
  const target = workingDaysAfter(held, 15);
  const completed = workingDaysAfter(held, rng.int(4, 13));
  const outcome = onPlan ? 'conference' : rng.weighted(RATES.section47Outcome);
  episode.section47 = { id: id(isoOf(held)), strategyId, startDate: isoOf(held), icpcTarget: isoOf(target), completedOn: completed <= end ? isoOf(completed) : null, outcome: completed <= end ? outcome : null };
  if (completed > end) return still();
  // Census rule 2990: an episode with a section 47 does not close as "no further action after assessment".
  if (outcome !== 'conference') return rng.chance(0.5) ? inNeed(sim, episode, completed, moveTo, close, still) : close(completed, 'RC7');
  // The conference follows the enquiry's completion (the enquiry schedules it), so an episode closing at it closes after both.
  const conference = onPlan && entry.kind === 'on_plan' ? entry.since : Math.max(completed, rng.chance(RATES.conferenceOnTime) ? workingDaysAfter(held, rng.int(8, 15)) : workingDaysAfter(held, rng.int(16, 30)));
  if (conference > end) return still();
  if (!onPlan && !rng.chance(RATES.conferenceMakesPlan)) return rng.chance(0.6) ? inNeed(sim, episode, conference, moveTo, close, still) : close(conference, 'RC7');
  return plan(sim, episode, conference, moveTo, close, still);
}

function plan(sim: Sim, episode: EpisodeSpell, start: Day, moveTo: Move, close: Close, still: () => null): Day | null {
  const { rng, id, end, j } = sim;
  if (start >= sim.adult) return close(start, 'RC7');
  moveTo('child_protection', start);
  const initial = rng.weighted(RATES.category);
  const categories = initial === 'MUL' ? ['NEG', rng.pick(['EMO', 'PHY'])] : [initial];
  let earlier = j.episodes.flatMap((e) => e.cpPlans).filter((p) => p.endDate !== null && p.endDate < isoOf(start));
  if (earlier.length === 0) historicPlan(sim, start);
  earlier = j.episodes.flatMap((e) => e.cpPlans).filter((p) => p.endDate !== null && p.endDate < isoOf(start));
  const planEnd = outlast(sim, start, RATES.cpPlanMonths);
  const spell: CpPlanSpell = {
    id: id(isoOf(start)),
    startDate: isoOf(start),
    endDate: null,
    initialCategory: initial,
    categories,
    previousPlans: earlier.length,
    previousPlanEnd: earlier.at(-1)?.endDate ?? null,
    endReason: null,
    initialConferenceId: id(isoOf(start)),
  };
  episode.cpPlans.push(spell);
  const stop = Math.min(planEnd, sim.adult);
  if (stop > end) return still();
  spell.endDate = isoOf(stop);
  if (stop === sim.adult) {
    spell.endReason = 'no_longer_needed';
    return close(stop, 'RC7');
  }
  const after = rng.weighted(RATES.afterCpPlan);
  if (after === 'care') {
    spell.endReason = 'looked_after';
    return care(sim, episode, stop, moveTo, close, still);
  }
  if (after === 'child_in_need_plan') {
    spell.endReason = 'child_in_need';
    return inNeed(sim, episode, stop, moveTo, close, still);
  }
  spell.endReason = rng.chance(0.1) ? 'moved_away' : 'no_longer_needed';
  return close(stop, spell.endReason === 'moved_away' ? 'RC5' : 'RC7');
}

/**
 * Years over which the chance of an earlier, pre-data plan tapers to nothing. Plans the data cannot see still make
 * a later plan a repeat several years in (a child on a plan as a baby may be back at ten), so with five years of
 * data the last year's repeat share would otherwise fall to half its real value.
 */
const HISTORIC_PLAN_TAPER_YEARS = 10;

/**
 * Earlier plans than the data holds: a share of children starting a plan in the first years had one before, so
 * a closed episode with its plan is written before everything else the child has.
 */
function historicPlan(sim: Sim, start: Day): void {
  const { rng, id, j } = sim;
  const taper = Math.max(0, 1 - (start - sim.start) / (HISTORIC_PLAN_TAPER_YEARS * YEAR));
  if (!rng.chance(RATES.historicPlan * taper)) return;
  const first = Math.min(start, ...j.episodes.map((e) => dayOf(e.referralDate)));
  const length = Math.floor(rng.int(5, 14) * MONTH);
  const closed = first - rng.int(60, 700);
  const referral = closed - length - 40;
  if (referral < Math.max(EARLIEST, sim.birth)) return;
  const planStart = referral + 30;
  const planEnd = planStart + length;
  const strategyId = id(isoOf(referral));
  const category = rng.weighted(RATES.category);
  const conference = id(isoOf(planStart));
  j.episodes.unshift({
    id: id(isoOf(referral)),
    referralDate: isoOf(referral),
    source: rng.weighted(SOURCES),
    contactId: null,
    reReferral: false,
    referralNfa: false,
    primaryNeed: 'N1',
    assessment: { id: id(isoOf(referral)), startDate: isoOf(referral), dueDate: isoOf(workingDaysAfter(referral, 45)), childSeenOn: isoOf(referral + 3), submittedOn: isoOf(referral + 25), authorisedOn: isoOf(referral + 27), outcome: 'strategy_discussion', factors: ['16A'] },
    cinPlans: [],
    strategy: { id: strategyId, heldOn: isoOf(referral + 2), decision: 'section_47' },
    section47: { id: id(isoOf(referral)), strategyId, startDate: isoOf(referral + 2), icpcTarget: isoOf(workingDaysAfter(referral + 2, 15)), completedOn: isoOf(referral + 14), outcome: 'conference' },
    cpPlans: [{ id: id(isoOf(planStart)), startDate: isoOf(planStart), endDate: isoOf(planEnd), initialCategory: category, categories: category === 'MUL' ? ['NEG', 'EMO'] : [category], previousPlans: 0, previousPlanEnd: null, endReason: 'no_longer_needed', initialConferenceId: conference }],
    carePeriods: [],
    closureDate: isoOf(closed),
    closureReason: 'RC7',
    phases: [
      { team: 'assessment', start: isoOf(referral), end: isoOf(planStart) },
      { team: 'child_protection', start: isoOf(planStart), end: isoOf(closed) },
    ],
  });
}

function care(sim: Sim, episode: EpisodeSpell, start: Day, moveTo: Move, close: Close, still: () => null): Day | null {
  const { rng, id, end } = sim;
  start = Math.floor(start);
  if (start > end) return still();
  // Nobody comes into care on or after their 18th birthday.
  if (start >= sim.adult - 7) return close(Math.min(start, sim.adult), 'RC7');
  moveTo('children_in_care', start);
  const age = (start - sim.birth) / YEAR;
  const uasc = age >= 14 && rng.chance(RATES.uascShare * 4);
  // Of those already in care when the data begins, nearly all are long stays (short ones have mostly gone home).
  const shortStay = !uasc && start >= sim.start && rng.chance(RATES.careShortStay);
  let stop = Math.max(start + 7, outlast(sim, start, shortStay ? RATES.careShortMonths : RATES.careLongMonths));
  const length = stop - start;
  let exit: CareExit = shortStay ? 'home' : longStayExit(rng, age + length / YEAR);
  if (stop >= sim.adult) {
    stop = sim.adult;
    exit = 'adulthood';
  }
  const open = stop > end;
  episode.carePeriods.push(
    carePeriod(rng, id, { start, end: open ? null : stop, dataEnd: end, birth: sim.birth, exit, categoryOfNeed: uasc ? 'N8' : episode.primaryNeed === 'N9' ? 'N1' : episode.primaryNeed, uasc, shortStay }),
  );
  if (open) return still();
  if (exit === 'adulthood') {
    if (stop - start >= 91) leaveCare(sim, stop);
    return close(stop, 'RC7');
  }
  if (exit === 'adopted') return close(stop, 'RC1');
  if (exit === 'special_guardianship') return close(stop, 'RC4');
  if (exit === 'child_arrangements') return close(stop, 'RC3');
  if (exit === 'other') return close(stop, 'RC7');
  // Home again: social care stays involved for a while under a child in need plan.
  return rng.chance(0.6) ? inNeed(sim, episode, stop, moveTo, close, still) : close(stop, 'RC7');
}

/** A young person leaving care at 18 after at least 13 weeks looked after becomes a care leaver. */
export function leaveCare(sim: Sim, on: Day): void {
  const { rng, id, end } = sim;
  const closeAt = rng.chance(0.55) ? sim.adult + 3 * YEAR + rng.int(0, 60) : rng.chance(0.7) ? sim.adult + 7 * YEAR : on + rng.int(120, 900);
  const reason = closeAt >= sim.adult + 7 * YEAR ? 'reached_25' : closeAt >= sim.adult + 3 * YEAR ? 'no_longer_needs' : 'moved_away';
  const closed = Math.floor(closeAt) <= end;
  sim.j.careLeaver = {
    id: id(isoOf(on)),
    eligibility: 'former_relevant',
    openedOn: isoOf(on),
    closedOn: closed ? isoOf(Math.floor(closeAt)) : null,
    closedReason: closed ? reason : null,
  };
}
