import { type Day, dayOf, EARLIEST, isoOf, momentOf, MONTH, YEAR } from './days.ts';
import { leaveCare, runEpisode, type Sim } from './model-episode.ts';
import { ageBand, RATES } from './rates.ts';
import { Rng } from './rng.ts';
import type { AgencyKey, ContactSpell, EarlyHelpSpell, Journey, PanelRoute, SyntheticChild } from './types.ts';

export interface Window {
  /** First and last day of the data. */
  start: string;
  end: string;
}

const NEEDS = ['neglect', 'domestic_abuse', 'parental_mental_health', 'parental_substance_misuse', 'behaviour', 'school_attendance', 'child_mental_health', 'emotional_abuse', 'physical_abuse', 'housing', 'online_safety', 'missing'];
const MASG_ISSUES = ['behaviour', 'domestic_abuse', 'relationships', 'health_young_person', 'parental_mental_health', 'housing', 'neglect'];
const LEVEL = { no_further_action: 1, advice: 1, early_help: 2, social_care_referral: 3, strategy_discussion: 4 } as const;
const SOURCE_OF: Record<AgencyKey, string> = { police: '6', school: '2A', health: '3A', csc: '5A', vol: '8', housing: '4', probation: '7', eh: '5D' };
const MASG_ANCHOR = dayOf('2010-01-05');
const MET_ANCHOR = dayOf('2010-01-07');

/**
 * One child's journey through the partnership's services over the window, month by month: contacts to the front
 * door at rates that depend on age and on the family (some families come back again and again), decisions, early
 * help, and social care episodes run from referral to closure (`model-episode.ts`); missing episodes at rates that
 * rise steeply in care. What is open when the window begins is drawn from the share of children open then.
 */
export function simulateJourney(child: SyntheticChild, window: Window, seed: number, id: (at: Date | string) => string): Journey {
  const rng = Rng.for(seed, 'journey', child.index);
  const j: Journey = { child, contacts: [], earlyHelp: [], panels: [], episodes: [], missing: [], careLeaver: null };
  const birth = dayOf(child.dateOfBirth);
  const start = dayOf(window.start);
  const end = dayOf(window.end);
  const adult = dayOf(`${Number(child.dateOfBirth.slice(0, 4)) + 18}${child.dateOfBirth.slice(4)}`);
  const frailty = rng.frailty(RATES.contactFrailtyShape);
  let earlyHelpUntil: Day = -Infinity;
  /** The child is free of social care from this day (an episode runs until it closes). */
  let free: Day = -Infinity;
  const sim: Sim = {
    j, rng, id, start, end, birth, adult,
    stepDown: (on, episodeId) => {
      if (on <= end && on < adult) earlyHelpUntil = openEarlyHelp(on, 'step_down', null, episodeId);
    },
  };
  const ageAt = (day: Day) => (day - birth) / YEAR;

  function openEarlyHelp(on: Day, route: EarlyHelpSpell['route'], contactId: string | null, fromEpisodeId: string | null): Day {
    const lead: AgencyKey = route === 'step_down' ? rng.weighted({ eh: 80, school: 12, health: 8 }) : rng.weighted(RATES.earlyHelpLead);
    const spell: EarlyHelpSpell = {
      id: id(isoOf(on)), route, contactId, fromEpisodeId, openedOn: isoOf(on), lead,
      assessmentId: id(isoOf(on)), assessmentStartedOn: isoOf(on), registeredOn: null, reviewDates: [], closedOn: null, closureReason: null, stepUpContactId: null,
    };
    j.earlyHelp.push(spell);
    const registered = on + rng.int(3, 40);
    let closes = Math.floor(on + Math.max(1.5, rng.logNormal(RATES.earlyHelpMonths.median, RATES.earlyHelpMonths.spread)) * MONTH);
    if (on < start) closes = Math.max(closes, start + rng.int(10, 200));
    closes = Math.min(closes, adult);
    if (registered <= end && registered < closes && rng.chance(RATES.earlyHelpRegistered)) {
      spell.registeredOn = isoOf(registered);
      for (let review = registered + 42 + rng.int(-3, 10); review < Math.min(closes, end + 1); review += 42 + rng.int(-3, 12)) spell.reviewDates.push(isoOf(review));
    }
    const steppingUp = route !== 'step_down' && rng.chance(RATES.earlyHelpStepUp);
    if (steppingUp) closes = Math.floor(on + (closes - on) * (0.3 + 0.7 * rng.next()));
    const masg = route === 'step_down' ? RATES.masgFromStepDown : RATES.masgFromEarlyHelp;
    if (rng.chance(masg)) {
      const referred = route === 'step_down' ? on + rng.int(3, 20) : on + rng.int(30, 120);
      if (referred < closes) panel('masg', route === 'step_down' ? 'de_escalation_assessment' : 'caf', referred, lead, spell.id, null, closes);
    }
    if (closes > end) return Infinity;
    spell.closedOn = isoOf(closes);
    if (steppingUp) {
      spell.closureReason = 'stepped_up';
      const contact = contactAt(closes, lead, spell.id, 'social_care_referral');
      spell.stepUpContactId = contact.id;
      decide(contact);
    } else {
      spell.closureReason = rng.weighted(RATES.earlyHelpClosure);
    }
    return closes;
  }

  function panel(kind: 'masg' | 'met_hub', route: PanelRoute, referred: Day, by: AgencyKey, caseId: string | null, contactId: string | null, until: Day): void {
    if (referred > end || referred >= adult) return;
    const every = kind === 'masg' ? 14 : 28;
    const anchor = kind === 'masg' ? MASG_ANCHOR : MET_ANCHOR;
    const closes = Math.min(until, Math.floor(referred + rng.int(2, 6) * MONTH));
    const meetingDates: string[] = [];
    let meeting = anchor + Math.ceil((referred + 3 - anchor) / every) * every;
    while (meeting <= Math.min(closes, end) || meetingDates.length === 0 || (closes > end && dayOf(meetingDates.at(-1)!) <= end)) {
      meetingDates.push(isoOf(meeting));
      meeting += every * (kind === 'masg' ? 3 : 1);
    }
    j.panels.push({
      id: id(isoOf(referred)), panel: kind, route, referredOn: isoOf(referred), referredBy: by, earlyHelpCaseId: caseId, contactId,
      presentingIssues: kind === 'masg' ? [rng.pick(MASG_ISSUES), rng.pick(MASG_ISSUES)].filter((v, i, a) => a.indexOf(v) === i) : ['missing', 'exploitation'],
      meetingDates, closedOn: closes <= end ? isoOf(closes) : null,
    });
  }

  function contactAt(day: Day, agency: AgencyKey, earlyHelpCaseId: string | null, outcome: NonNullable<ContactSpell['outcome']>): ContactSpell {
    const received = momentOf(day, 8 + rng.int(0, 9) + rng.next());
    const decided = new Date(received.getTime() + (outcome === 'strategy_discussion' ? rng.int(1, 4) : rng.chance(0.9) ? rng.int(2, 22) : rng.int(30, 70)) * 3_600_000);
    const signed = new Date(decided.getTime() + rng.int(1, 20) * 3_600_000);
    const endMoment = momentOf(end, 24);
    const contact: ContactSpell = {
      id: id(received), receivedAt: received, agency,
      outcome: decided < endMoment ? outcome : null, level: decided < endMoment ? LEVEL[outcome] : null,
      decidedAt: decided < endMoment ? decided : null, signedOffAt: signed < endMoment ? signed : null,
      presentingNeeds: [rng.pick(NEEDS), rng.pick(NEEDS)].filter((v, i, a) => a.indexOf(v) === i),
      earlyHelpCaseId,
    };
    j.contacts.push(contact);
    return contact;
  }

  /** Follows a signed-off decision; returns the day the child is free of social care again. */
  function decide(contact: ContactSpell): Day {
    if (!contact.signedOffAt || !contact.outcome) return Infinity;
    const day = Math.floor(contact.signedOffAt.getTime() / 86_400_000);
    const source = SOURCE_OF[contact.agency];
    // The child is with social care until the episode closes: no second episode opens beside it.
    if (contact.outcome === 'social_care_referral') return (free = Math.max(free, runEpisode(sim, day, { kind: 'referral' }, contact.id, source) ?? Infinity));
    if (contact.outcome === 'strategy_discussion') return (free = Math.max(free, runEpisode(sim, day, { kind: 'strategy' }, contact.id, source) ?? Infinity));
    if (contact.outcome === 'early_help' && earlyHelpUntil < day) earlyHelpUntil = openEarlyHelp(day + rng.int(0, 5), 'front_door', contact.id, null);
    if (contact.outcome === 'advice' && rng.chance(RATES.masgFromAdvice)) panel('masg', 'contact_below_threshold', day + rng.int(2, 10), contact.agency, null, contact.id, Infinity);
    return day;
  }

  // What is open on the first day.
  free = Math.max(start, birth);
  const ageAtStart = ageAt(start);
  if (birth <= start && ageAtStart < 18) {
    const band = ageBand(ageAtStart) as Exclude<ReturnType<typeof ageBand>, 'unborn'>;
    const draw = rng.next();
    const care = RATES.initial.care[band];
    const cp = care + RATES.initial.cp[band];
    const cin = cp + RATES.initial.cin;
    const eh = cin + RATES.initial.earlyHelp;
    const back = (most: number) => Math.max(EARLIEST, birth, start - Math.floor(rng.next() * most));
    if (draw < care) {
      const since = back(Math.min(ageAtStart, 8) * YEAR);
      free = runEpisode(sim, Math.max(EARLIEST, since - rng.int(5, 40)), { kind: 'in_care', since }, null) ?? Infinity;
    } else if (draw < cp) {
      const since = back(18 * MONTH);
      free = runEpisode(sim, Math.max(EARLIEST, since - rng.int(20, 30)), { kind: 'on_plan', since }, null) ?? Infinity;
    } else if (draw < cin) {
      const since = back(8 * MONTH);
      free = runEpisode(sim, Math.max(EARLIEST, since - rng.int(30, 50)), { kind: 'in_need', since }, null) ?? Infinity;
    } else if (draw < eh) {
      earlyHelpUntil = openEarlyHelp(back(6 * MONTH), 'direct', null, null);
    }
  } else if (ageAtStart >= 18 && ageAtStart < 21 && rng.chance(RATES.initial.careLeaver)) {
    historicCareLeaver(sim);
  }

  // Month by month while the child is free of social care.
  for (let month = Math.max(start, birth - 4 * MONTH); month <= end && month < adult; month += MONTH) {
    if (month < free) continue;
    const band = ageBand(ageAt(month));
    if (earlyHelpUntil < month && rng.chance(RATES.earlyHelp[band === 'under1' ? 'under5' : band === 'under10' ? 'under11' : band])) {
      earlyHelpUntil = openEarlyHelp(Math.floor(month + rng.next() * MONTH), 'direct', null, null);
    }
    const lastClosed = j.episodes.at(-1)?.closureDate;
    const recently = lastClosed !== undefined && lastClosed !== null && month - dayOf(lastClosed) < YEAR ? RATES.afterClosureContactBoost : 1;
    if (band !== 'unborn' && rng.chance(RATES.contact[band] * frailty * recently * (earlyHelpUntil >= month ? 1.5 : 1))) {
      const day = Math.floor(month + rng.next() * MONTH);
      if (day > end) break;
      const contact = contactAt(day, rng.weighted(RATES.contactAgency), null, rng.weighted(RATES.contactOutcome));
      const escalates = contact.outcome === 'social_care_referral' || contact.outcome === 'strategy_discussion';
      const open = j.earlyHelp.at(-1);
      if (escalates && open && open.closedOn === null && dayOf(open.openedOn) <= day && earlyHelpUntil >= day) {
        open.closedOn = isoOf(day);
        open.closureReason = 'stepped_up';
        open.reviewDates = open.reviewDates.filter((r) => r < open.closedOn!);
        earlyHelpUntil = day;
      }
      decide(contact);
    }
  }
  missing(sim, frailty);
  return j;
}

/** Someone already 18–20 when the data begins who left care at 18: their last period of care and the leaving care service. */
function historicCareLeaver(sim: Sim): void {
  const since = Math.max(EARLIEST, sim.adult - sim.rng.int(6, 36) * MONTH);
  if (sim.adult - since < 91) return;
  const closed = runEpisode(sim, Math.max(EARLIEST, since - sim.rng.int(5, 30)), { kind: 'in_care', since }, null);
  if (closed !== null && sim.j.careLeaver === null && sim.adult <= sim.end) leaveCare(sim, sim.adult);
}

/** Missing episodes: rare, very uneven between children, much more likely in care; many children go missing once. */
function missing(sim: Sim, contactFrailty: number): void {
  const { j, rng, id, start, end, birth, adult } = sim;
  const propensity = rng.frailty(RATES.missing.frailtyShape) * Math.sqrt(contactFrailty);
  const inCare = j.episodes.flatMap((e) => e.carePeriods).map((p) => [dayOf(p.startDate), p.endDate ? dayOf(p.endDate) : Infinity] as const);
  const endMoment = momentOf(end, 24);
  let boost = 1;
  for (let month = Math.max(start, birth + 9 * YEAR); month <= end && month < adult; month += MONTH, boost = 1 + (boost - 1) * RATES.missingBoostEases) {
    const age = (month - birth) / YEAR;
    const base = age < 10 ? RATES.missing.under10 : age < 13 ? RATES.missing.under13 : RATES.missing.under18;
    const looked = inCare.some(([from, to]) => month >= from && month < to);
    const expected = base * propensity * boost * (looked ? RATES.missing.inCareMultiplier : 1);
    // A month can hold several incidents for the children who go missing most.
    for (let n = 0, left = rng.next(); n < 8 && left < expected * Math.pow(0.45, n); n++, left = rng.next()) {
      const started = momentOf(month + rng.next() * MONTH, 12 + rng.int(0, 11));
      if (started >= endMoment) break;
      const hours = rng.logNormal(RATES.missingHours.median, RATES.missingHours.spread);
      const reported = new Date(started.getTime() + rng.int(1, 6) * 3_600_000);
      const returned = new Date(started.getTime() + Math.max(hours, (reported.getTime() - started.getTime()) / 3_600_000 + 1) * 3_600_000);
      const offered = new Date(returned.getTime() + rng.int(2, 60) * 3_600_000);
      const accepted = rng.chance(RATES.missingInterviewAccepted);
      const completed = new Date(offered.getTime() + rng.int(1, 30) * 3_600_000);
      const screened = Math.floor(returned.getTime() / 86_400_000) + rng.int(1, 14);
      const back = returned < endMoment;
      boost = Math.min(40, boost * RATES.missingRepeatBoost);
      const interviewed = back && offered < endMoment && rng.chance(RATES.missingInterviewOffered);
      j.missing.push({
        id: id(started),
        kind: looked && rng.chance(0.2) ? 'absent' : 'missing',
        startedAt: started,
        reportedAt: reported,
        reportedBy: looked ? rng.weighted({ csc: 70, police: 30 }) : rng.weighted({ police: 75, school: 15, health: 5, vol: 5 }),
        inCare: looked,
        risk: rng.weighted({ low: 40, medium: 48, high: 12 }),
        returnedAt: back ? returned : null,
        interview: interviewed ? { offeredAt: offered, accepted, completedAt: accepted && completed < endMoment ? completed : null } : null,
        screenedOn: back && screened <= end && rng.chance(RATES.missingScreened) ? isoOf(screened) : null,
      });
    }
  }
  // Children screened after going missing again and again are taken to the MET hub.
  const screened = j.missing.find((m) => m.screenedOn !== null);
  if (screened && rng.chance(RATES.missingToMetHub)) {
    const on = dayOf(screened.screenedOn!) + rng.int(2, 10);
    if (on <= end && on < adult) {
      const every = 28;
      const meetingDates: string[] = [];
      const closes = on + rng.int(3, 8) * MONTH;
      for (let m = MET_ANCHOR + Math.ceil((on + 3 - MET_ANCHOR) / every) * every; meetingDates.length === 0 || (m <= Math.min(closes, end + every)); m += every) meetingDates.push(isoOf(m));
      j.panels.push({ id: id(isoOf(on)), panel: 'met_hub', route: 'missing_exploitation', referredOn: isoOf(on), referredBy: 'police', earlyHelpCaseId: null, contactId: null, presentingIssues: ['missing', 'exploitation'], meetingDates, closedOn: closes <= end ? isoOf(Math.floor(closes)) : null });
    }
  }
}
