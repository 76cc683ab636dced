import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { AgencyKey, Journey, PanelSpell, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { AGENCY_NAMES, endOf, involve, momentOn, practitionerOf, ukDay, workingMoment } from '../front-door/synthetic.ts';
import { localityName } from '../people/localities.ts';
import { CLOSURE_OUTCOMES, MASG_SERVICES, PANEL_KINDS } from './codes.ts';
import { REFERRAL_SOURCE } from './repository.ts';

/**
 * Panels' part of the synthetic authority: each panel spell as the panels service would have recorded it — the
 * referral to the child's locality MASG or the MET hub, the meetings it was discussed at (shared by every child
 * on the agenda, so made once), the panel's decisions with distance travelled, actions, closure, the chair's
 * agency's involvement and the chronology entries.
 */

type Kind = 'masg' | 'met_hub';
interface Panel {
  id: string;
  chairId: string;
  kind: Kind;
  name: string;
}

/** How often each panel meets, as the demo's panels do (the organisation does not say). */
const CYCLE: Record<Kind, number> = { masg: 14, met_hub: 28 };
const LOCATION: Record<Kind, string> = { masg: 'Locality family hub, meeting room 1', met_hub: 'Brackenshire House, room 2' };
/** Chairs are early help's (as in the demo partnership): the organisation gives the chair but not their agency. */
const CHAIR_AGENCY: AgencyKey = 'eh';

const REASONS: Record<string, string[]> = {
  caf: [
    'The Team Around the Child has met three times without progress: attendance is still low and the family is overcrowded.',
    'The early help plan is not making a difference: behaviour at school and at home is escalating and services are not joined up.',
  ],
  step_down: [
    'Stepped down after assessment. Needs remain around routines and boundaries; the family asks for help with housing.',
    'Social care’s assessment found needs below its threshold; several agencies are involved and need a shared plan.',
  ],
  contact_below_threshold: [
    'The contact did not meet the social care threshold, but parents’ conflict and mental health are affecting the children.',
    'Below the threshold for social care; the family has not engaged with the single-agency support offered so far.',
  ],
  met_hub: [
    'Missing from home several times in six weeks, found in another town; older associates suspected of exploitation.',
    'Found with large amounts of cash and a second phone; school reports a sudden change in friendships.',
    'Concerns of sexual exploitation: gifts and lifts from adults met online.',
  ],
};
const DECISIONS: Record<Kind, string[]> = {
  masg: [
    'Housing to complete an assessment of the family’s accommodation; school to offer a mentor.',
    'Children’s centre to offer a parenting programme; 0–19 service to review sleep and routines.',
    'Lead professional to hold a TAC meeting within two weeks with the new services invited.',
    'Educational psychology to assess; attendance officer to agree a part-time timetable with the family.',
    'Domestic abuse service to contact mother; school to monitor and share concerns weekly.',
  ],
  met_hub: [
    'Police to complete the exploitation risk screening; return home interview within 72 hours of any missing episode.',
    'Youth offending service to offer mentoring; school to share attendance daily.',
    'Disruption activity agreed with police; social care to review the safety plan.',
  ],
};
const DISCUSSION = 'The referrer presented the family’s progress; members shared what their services know.';
const NOT_REACHED = 'Not reached: the referrer could not attend.';

/** Contact and journey concerns in the words of each panel's own list. */
const ISSUES: Record<Kind, Record<string, string>> = {
  masg: {
    behaviour: 'challenging_behaviour', domestic_abuse: 'domestic_violence', parental_substance_misuse: 'substance_misuse', child_mental_health: 'self_harm',
    missing: 'missing_from_home', financial: 'housing',
  },
  met_hub: { exploitation: 'cce', sexual_abuse: 'cse', missing_from_home: 'missing', online_safety: 'cse' },
};

const MEMBERS: Record<Kind, AgencyKey[]> = { masg: ['csc', 'eh', 'health', 'school', 'police', 'vol', 'housing'], met_hub: ['csc', 'eh', 'police', 'health', 'school', 'vol'] };
const TITLES: Record<AgencyKey, string> = {
  csc: 'Social worker', eh: 'Early help practitioner', police: 'Police officer', health: 'Health visitor', school: 'Designated safeguarding lead',
  vol: 'Family support worker', housing: 'Housing officer', probation: 'Probation officer',
};
const GUESTS: Record<Kind, [string, string][]> = {
  masg: [['Meg Tunstall', '0–19 Service'], ['Sol Pellow', 'Youth Offending Service']],
  met_hub: [['Sol Pellow', 'Youth Offending Service'], ['Nell Quarle', 'Missing persons team']],
};

export const synthesise: Synthesise = (journey, ctx) => {
  const endMs = endOf(ctx);
  for (const spell of journey.panels) if (spell.referredOn <= ctx.end) writeReferral(journey, spell, ctx, endMs);
};

function panelOf(spell: PanelSpell, journey: Journey, ctx: SyntheticContext): Panel {
  const panels = ctx.org.panels;
  if (spell.panel === 'met_hub') return { ...panels.metHub, kind: 'met_hub', name: 'MET hub' };
  // Children living out of the area are taken by one of the locality panels.
  const locality = panels.masg[journey.child.locality] ? journey.child.locality : ctx.rng.pick(Object.keys(panels.masg).sort());
  return { ...panels.masg[locality]!, kind: 'masg', name: `${localityName(locality)} MASG` };
}

/** The panel's own route codes: a MASG records how the child came; the MET hub records which agency referred. */
function routeOf(spell: PanelSpell, kind: Kind, ctx: SyntheticContext): string {
  if (kind === 'met_hub') return ({ police: 'police', csc: 'social_care', school: 'school', health: 'health' } as Partial<Record<AgencyKey, string>>)[spell.referredBy] ?? 'other';
  if (spell.route === 'de_escalation_assessment') return ctx.rng.weighted({ step_down_initial: 60, step_down_core: 40 });
  return spell.route === 'contact_below_threshold' ? 'contact_below_threshold' : 'caf';
}

function issuesOf(spell: PanelSpell, kind: Kind, ctx: SyntheticContext): string[] {
  const known = PANEL_KINDS[kind].issues;
  const mapped = spell.presentingIssues.map((i) => (known[i] ? i : ISSUES[kind][i])).filter((i): i is string => Boolean(i));
  return mapped.length ? [...new Set(mapped)] : [ctx.rng.pick(Object.keys(known).slice(0, kind === 'masg' ? 7 : 3))];
}

/** The meeting on a date: made once for everyone on its agenda, with its attendance if it has been held. */
function meetingOf(ctx: SyntheticContext, panel: Panel, date: string, held: boolean, endMs: number): string {
  return ctx.once(`panel-meeting:${panel.id}:${date}`, () => {
    const createdAt = new Date(Math.min(momentOn(addCalendarDays(date, -CYCLE[panel.kind]), 600).getTime(), endMs - 1));
    const id = ctx.id(createdAt);
    ctx.add('panel_meetings', {
      id, panel_id: panel.id, meeting_date: date, location: LOCATION[panel.kind], status: held ? 'held' : 'planned', notes: null,
      ...ctx.stamp(createdAt, panel.chairId), updated_at: held ? momentOn(date, 1020) : createdAt,
    });
    if (!held) return id;
    const at = momentOn(date, 600);
    const attend = (userId: string | null, name: string, agencyId: string | null, organisation: string | null, attendance: 'present' | 'apologies' | 'absent') =>
      ctx.add('panel_attendance', { id: ctx.id(at), meeting_id: id, user_id: userId, name, agency_id: agencyId, organisation, attendance, ...ctx.stamp(at, panel.chairId) });
    attend(panel.chairId, 'Panel chair', ctx.org.agencyIds[CHAIR_AGENCY], null, 'present');
    for (const agency of MEMBERS[panel.kind]) {
      const userId = ctx.org.partnerUserIds[agency];
      if (userId !== panel.chairId) attend(userId, TITLES[agency], ctx.org.agencyIds[agency], null, ctx.rng.weighted({ present: 80, apologies: 15, absent: 5 }));
    }
    for (const [name, organisation] of GUESTS[panel.kind]) attend(null, name, null, organisation, ctx.rng.weighted({ present: 75, apologies: 25 }));
    return id;
  });
}

/**
 * The next free place on a meeting's agenda. Children are written one at a time, so each takes the first number
 * nobody has claimed; the order is the order they were added rather than the service's new-then-review order.
 */
function nextPosition(ctx: SyntheticContext, meetingId: string): number {
  for (let n = 1; ; n++) {
    let mine = false;
    ctx.once(`panel-agenda:${meetingId}:${n}`, () => {
      mine = true;
      return meetingId;
    });
    if (mine) return n;
  }
}

function closureOutcome(journey: Journey, spell: PanelSpell, closedOn: string, ctx: SyntheticContext): string {
  const soon = addCalendarDays(closedOn, 14);
  if (journey.episodes.some((e) => e.referralDate >= spell.referredOn && e.referralDate <= soon)) return 'stepped_up';
  const eh = journey.earlyHelp.find((s) => s.id === spell.earlyHelpCaseId);
  if (eh && (!eh.closedOn || eh.closedOn > closedOn) && ctx.rng.chance(0.6)) return 'continued_tac';
  if (journey.child.locality === 'out_of_area' && ctx.rng.chance(0.5)) return 'moved_away';
  return ctx.rng.weighted({ needs_met: 75, no_longer_meets_criteria: 25 });
}

function writeReferral(journey: Journey, spell: PanelSpell, ctx: SyntheticContext, endMs: number): void {
  const { child } = journey;
  const rng = ctx.rng;
  const panel = panelOf(spell, journey, ctx);
  const chairAgency = ctx.org.agencyIds[CHAIR_AGENCY];
  const referrer = practitionerOf(ctx, child, spell.referredBy);
  const referringAgency = ctx.org.agencyIds[spell.referredBy];
  const closedOn = spell.closedOn && spell.closedOn <= ctx.end ? (spell.closedOn < spell.referredOn ? spell.referredOn : spell.closedOn) : null;
  const outcome = closedOn ? closureOutcome(journey, spell, closedOn, ctx) : null;
  const dates = [...new Set(spell.meetingDates)].filter((d) => d >= spell.referredOn && (!closedOn || d <= closedOn)).sort();
  const held = dates.filter((d) => d <= ctx.end);
  const planned = dates.find((d) => d > ctx.end);
  const route = routeOf(spell, panel.kind, ctx);
  const reasons = panel.kind === 'met_hub' ? REASONS.met_hub! : REASONS[route.startsWith('step_down') ? 'step_down' : route]!;
  const referredAt = workingMoment(ctx, spell.referredOn);
  const note = (at: Date, type: string, summary: string, agencyId: string, by: string) =>
    ctx.chronology({ personId: child.personId, at, type, summary, agencyId, by, recordType: 'panel_referral', recordId: spell.id });

  note(referredAt, 'panel.referred', `Referred to ${panel.name}`, referringAgency, referrer);
  involve(ctx, { personId: child.personId, agencyId: chairAgency, basis: 'panel', detail: `Referred to ${panel.name}`, start: spell.referredOn, end: closedOn, sourceType: REFERRAL_SOURCE, sourceId: spell.id, by: referrer, at: referredAt });

  // Each meeting: the child on the agenda, then what the panel decided (or that it did not reach them).
  let discussed = false;
  let score: number | null = null;
  let nextReview: string | null = null;
  let updated = referredAt;
  let previousFinish = referredAt;
  const services = new Set<string>();
  const item = (date: string, isHeld: boolean) => {
    const meetingId = meetingOf(ctx, panel, date, isHeld, endMs);
    const built = momentOn(addCalendarDays(date, -CYCLE[panel.kind]), 600);
    const createdAt = new Date(Math.min(Math.max(built.getTime(), previousFinish.getTime() + 60_000), endMs - 1));
    return { meetingId, position: nextPosition(ctx, meetingId), itemType: discussed ? ('review' as const) : ('new' as const), stamp: ctx.stamp(createdAt, panel.chairId) };
  };
  held.forEach((date) => {
    const { meetingId, position, itemType, stamp } = item(date, true);
    const finished = momentOn(date, 960);
    const following = dates[dates.indexOf(date) + 1];
    const closing = closedOn === date;
    const base = { id: ctx.id(stamp.created_at), meeting_id: meetingId, referral_id: spell.id, item_type: itemType, position, ...stamp, updated_at: finished };
    previousFinish = finished;
    updated = finished;
    if (!closing && following && rng.chance(0.05)) {
      ctx.add('panel_agenda_items', { ...base, discussion: null, decision: NOT_REACHED, distance_score: null, status: 'deferred', next_review_due: null, services_offered: [], closure_outcome: null });
      note(finished, 'panel.deferred', `Not discussed at ${panel.name} on ${formatDate(date)}: deferred to the next meeting`, chairAgency, panel.chairId);
      return;
    }
    discussed = true;
    // Most children move on: each review scores the same or better, now and then a step back.
    if (PANEL_KINDS[panel.kind].scoresDistance) score = Math.max(1, Math.min(10, score === null ? rng.int(2, 5) : score + rng.pick([0, 1, 1, 2, 2, 3, -1])));
    const offered = panel.kind === 'masg' ? [...new Set([rng.pick(Object.keys(MASG_SERVICES).slice(0, 5)), rng.pick(Object.keys(MASG_SERVICES))])] : [];
    offered.forEach((s) => services.add(s));
    nextReview = closing ? null : (following ?? addCalendarDays(date, CYCLE[panel.kind]));
    const decision = rng.pick(DECISIONS[panel.kind]);
    ctx.add('panel_agenda_items', {
      ...base, discussion: DISCUSSION, decision, distance_score: score, status: 'decided', next_review_due: nextReview, services_offered: offered, closure_outcome: closing ? outcome : null,
    });
    if (closing) note(finished, 'panel.referral_closed', `${panel.name} closed the referral: ${CLOSURE_OUTCOMES[outcome!]!.toLowerCase()}`, chairAgency, panel.chairId);
    else note(finished, 'panel.discussed', `${itemType === 'new' ? 'First discussed' : 'Reviewed'} at ${panel.name}: ${score ? `distance travelled ${score} out of 10; ` : ''}next review ${formatDate(nextReview)}`, chairAgency, panel.chairId);
    if (rng.chance(0.35)) writeAction(journey, spell, ctx, { panel, meetingId, date, finished, decision, note });
  });
  if (planned) {
    const { meetingId, position, itemType, stamp } = item(planned, false);
    ctx.add('panel_agenda_items', {
      id: ctx.id(stamp.created_at), meeting_id: meetingId, referral_id: spell.id, item_type: itemType, position, ...stamp,
      discussion: null, decision: null, distance_score: null, status: 'pending', next_review_due: null, services_offered: [], closure_outcome: null,
    });
  }
  // Closed between meetings: the chair records the outcome on the referral itself.
  if (closedOn && !held.includes(closedOn)) {
    updated = workingMoment(ctx, closedOn);
    note(updated, 'panel.referral_closed', `${panel.name} closed the referral: ${CLOSURE_OUTCOMES[outcome!]!.toLowerCase()}`, chairAgency, panel.chairId);
  }

  ctx.add('panel_referrals', {
    id: spell.id, panel_id: panel.id, person_id: child.personId, route, presenting_issues: issuesOf(spell, panel.kind, ctx), reason: rng.pick(reasons),
    referred_on: spell.referredOn, referred_by: referrer, referring_agency_id: referringAgency, early_help_case_id: spell.earlyHelpCaseId, contact_id: spell.contactId,
    status: closedOn ? 'closed' : discussed ? 'open' : 'awaiting', next_review_due: closedOn ? null : nextReview, services_offered: [...services],
    closed_on: closedOn, outcome, ...ctx.stamp(referredAt, referrer), updated_at: updated,
  });
}

/** An action from the panel's decision for early help or social care, mostly done by its date. */
function writeAction(
  journey: Journey,
  spell: PanelSpell,
  ctx: SyntheticContext,
  s: { panel: Panel; meetingId: string; date: string; finished: Date; decision: string; note: (at: Date, type: string, summary: string, agencyId: string, by: string) => void },
) {
  const rng = ctx.rng;
  const agency: AgencyKey = rng.pick(['eh', 'eh', 'csc']);
  const owner = practitionerOf(ctx, journey.child, agency);
  const action = s.decision.split(';')[0]!;
  const due = addCalendarDays(s.date, rng.int(7, 28));
  const doneOn = rng.chance(0.15) ? addCalendarDays(due, rng.int(1, 10)) : addCalendarDays(due, -rng.int(0, 5));
  const completed = rng.chance(0.8) && doneOn <= ctx.end ? (doneOn < s.date ? s.date : doneOn) : null;
  const completedAt = completed ? momentOn(completed, completed === s.date ? 1050 : 660) : null;
  ctx.add('panel_actions', {
    id: ctx.id(s.finished), referral_id: spell.id, meeting_id: s.meetingId, action, owner_id: owner, due_on: due, completed_on: completed,
    ...ctx.stamp(s.finished, s.panel.chairId), updated_at: completedAt ?? s.finished,
  });
  const agencyId = ctx.org.agencyIds[agency];
  s.note(s.finished, 'panel.action_set', `${s.panel.name} action for ${TITLES[agency].toLowerCase()} (${AGENCY_NAMES[agency]}), due ${formatDate(due)}: ${action}`, ctx.org.agencyIds[CHAIR_AGENCY], s.panel.chairId);
  if (completedAt && ukDay(completedAt) <= ctx.end) s.note(completedAt, 'panel.action_completed', `Panel action done: ${action}`, agencyId, owner);
}
