import type { EarlyHelpClosureReason } from '../../db/types.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { AgencyKey, EarlyHelpSpell, Journey, SyntheticChild, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import {
  AGENCY_NAMES, ageOn, contactUrgency, decisionReasons, endOf, involve, managerOf, momentOn, practitionerOf, practitionerTitle, ukDay,
} from '../front-door/synthetic.ts';
import * as text from './demo-text.ts';
import { CLOSURE_REASONS, REVIEW_DECISIONS, STEP_DOWN_REASONS, STEP_UP_URGENCY, type ReviewDecision, type StepDownReason } from './labels.ts';
import { CASE_SOURCE, TAC_SOURCE } from './repository.ts';
import { REVIEW_INTERVAL_DAYS } from './service-assessment.ts';

/**
 * Early help's part of the synthetic authority: each early help spell as the early help service would have
 * recorded it, from opening (direct, from a front door decision, or stepped down) through allocation, the
 * assessment, the Team Around the Child, the plan and its reviews, to step up or closure, with the involvements
 * and chronology entries the service writes. Assessment sections are not written: they name threshold domains,
 * whose ids the database makes when it migrates.
 */

const STEP_DOWN_SUMMARY: Record<StepDownReason, string[]> = {
  assessment_below_threshold: [text.STEP_DOWN_SUMMARIES[0]!, text.STEP_DOWN_SUMMARIES[2]!],
  cin_plan_ended: [text.STEP_DOWN_SUMMARIES[1]!],
  cp_plan_ended: ['Child protection plan ended at the review conference: risks have reduced and the family is engaging. Remaining needs around routines and the children’s emotional wellbeing suit early help.'],
  returned_home: ['The child has returned home from care and is settled. The family would benefit from support with routines and school to keep things stable.'],
  other: [text.STEP_DOWN_SUMMARIES[0]!],
};

const TAC_AGENCIES: Partial<Record<AgencyKey, number>> = { school: 45, health: 40, eh: 15, vol: 15, housing: 8, police: 5 };

/** Plan changes are marked at the start of the day, so ones made on the closing day come before the closure. */
const EARLY = 510;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const later = (a: string, b: string) => (a > b ? a : b);

/** Moments for one case's events, in order even when several fall on one day, and never after the end. */
function clock(ctx: SyntheticContext, endMs: number) {
  let last = 0;
  return (date: string): Date => {
    let ms = momentOn(date, ctx.rng.int(540, 1020)).getTime();
    if (ms <= last && ukDay(new Date(last)) === date) ms = last + ctx.rng.int(5, 40) * 60_000;
    last = Math.min(ms, endMs - 1);
    return new Date(last);
  };
}

export const synthesise: Synthesise = (journey, ctx) => {
  const endMs = endOf(ctx);
  for (const spell of journey.earlyHelp) if (spell.openedOn <= ctx.end) writeCase(journey, spell, ctx, endMs);
  joinedDecisions(journey, ctx, endMs);
};

/** The early help manager who allocates: the manager of the lead's team, or of the child's locality team. */
function earlyHelpManager(ctx: SyntheticContext, child: SyntheticChild, leadId: string): string {
  const teams = ctx.org.earlyHelp;
  const team = teams.find((t) => t.workerIds.includes(leadId)) ?? teams[child.index % Math.max(1, teams.length)];
  return team?.managerId ?? ctx.org.partnerUserIds.eh;
}

function stepDownOf(journey: Journey, spell: EarlyHelpSpell, ctx: SyntheticContext): { reason: StepDownReason; worker: string } {
  const episode = journey.episodes.find((e) => e.id === spell.fromEpisodeId);
  const reason: StepDownReason = !episode ? 'other'
    : episode.cpPlans.length ? 'cp_plan_ended'
    : episode.carePeriods.length ? 'returned_home'
    : episode.cinPlans.length ? 'cin_plan_ended'
    : 'assessment_below_threshold';
  const phase = episode?.phases.filter((p) => p.start <= spell.openedOn).at(-1);
  return { reason, worker: ctx.worker(phase?.team ?? 'assessment', journey.child).id };
}

function writeCase(journey: Journey, spell: EarlyHelpSpell, ctx: SyntheticContext, endMs: number): void {
  const { child } = journey;
  const rng = ctx.rng;
  const at = clock(ctx, endMs);
  const caseId = spell.id;
  const ids = ctx.org.agencyIds;
  const eh = ids.eh;
  const csc = ids.csc;
  const closedOn = spell.closedOn && spell.closedOn <= ctx.end ? later(spell.closedOn, spell.openedOn) : null;
  const last = closedOn ?? ctx.end;
  const lead = spell.lead;
  const leadId = practitionerOf(ctx, child, lead);
  const leadAgency = ids[lead];
  const leadTitle = (on: string) => `${practitionerTitle(lead, child, on)} (${AGENCY_NAMES[lead]})`;
  const manager = earlyHelpManager(ctx, child, leadId);
  const stepDown = spell.route === 'step_down' ? stepDownOf(journey, spell, ctx) : null;
  const started = spell.assessmentStartedOn <= last ? later(spell.assessmentStartedOn, spell.openedOn) : null;
  const registered = started && spell.registeredOn && spell.registeredOn <= last ? later(spell.registeredOn, started) : null;
  // Direct cases are led from the start; the others wait for the early help service to allocate a lead.
  const allocatedOn = spell.route === 'direct' ? spell.openedOn
    : started ? addCalendarDays(spell.openedOn, rng.int(0, Math.min(5, days(spell.openedOn, started))))
    : days(spell.openedOn, last) > 5 && rng.chance(0.5) ? addCalendarDays(spell.openedOn, rng.int(1, 5)) : null;
  const involved = new Set<string>();
  const note = (moment: Date, type: string, summary: string, agencyId: string, by: string) =>
    ctx.chronology({ personId: child.personId, at: moment, type, summary, agencyId, by, recordType: 'early_help_case', recordId: caseId });
  const involveAgency = (agencyId: string, detail: string, start: string, moment: Date, by: string) => {
    if (agencyId === csc || involved.has(agencyId)) return;
    involved.add(agencyId);
    involve(ctx, { personId: child.personId, agencyId, basis: 'early_help', detail, start, end: closedOn, sourceType: CASE_SOURCE, sourceId: caseId, by, at: moment });
  };

  // Opening: who opened it, and the chronology the service writes for each route.
  const contact = journey.contacts.find((c) => c.id === spell.contactId);
  const openedAt = spell.route === 'front_door' && contact?.signedOffAt && ukDay(contact.signedOffAt) === spell.openedOn ? contact.signedOffAt : at(spell.openedOn);
  const opener = spell.route === 'direct' ? leadId : stepDown ? stepDown.worker : managerOf(ctx, child);
  if (spell.route === 'direct') {
    note(openedAt, 'early_help.opened', `Early help case started by ${AGENCY_NAMES[lead]}, with their ${practitionerTitle(lead, child, spell.openedOn).toLowerCase()} as lead professional`, leadAgency, leadId);
  } else if (stepDown) {
    note(openedAt, 'early_help.stepped_down', `Stepped down from children’s social care to early help: ${STEP_DOWN_REASONS[stepDown.reason].toLowerCase()}; suggested lead agency ${AGENCY_NAMES[lead]}`, csc, opener);
  } else {
    const why = decisionReasons({ id: spell.contactId ?? '', outcome: 'early_help' });
    note(openedAt, 'early_help.opened', `Early help case opened from a front door decision, awaiting allocation${spell.contactId ? `: ${why}` : ''}`, csc, opener);
  }
  involveAgency(eh, stepDown ? 'Early help case: stepped down from social care' : 'Early help case', spell.openedOn, openedAt, opener);
  if (spell.route === 'direct') involveAgency(leadAgency, 'Early help case: lead agency', spell.openedOn, openedAt, opener);
  let updated = openedAt;
  if (allocatedOn && spell.route !== 'direct') {
    updated = at(allocatedOn);
    involveAgency(leadAgency, 'Early help case: lead professional’s agency', allocatedOn, updated, manager);
    note(updated, 'early_help.allocated', `Lead professional: ${leadTitle(allocatedOn)}`, eh, manager);
  }

  // The assessment: completed by the lead, or for a step-down by social care, whose assessment travels with the child.
  const assessor = stepDown ? { id: stepDown.worker, agency: 'csc' as const } : { id: leadId, agency: lead };
  const assessorText = (on: string) => `${practitionerTitle(assessor.agency, child, on)} (${AGENCY_NAMES[assessor.agency]})`;
  let registeredAt: Date | null = null;
  if (started && allocatedOn) {
    const startedAt = at(started);
    registeredAt = registered ? at(registered) : null;
    const consented = registered !== null || rng.chance(0.5);
    ctx.add('early_help_assessments', {
      id: spell.assessmentId, case_id: caseId, status: registered ? 'registered' : 'draft', started_on: started, registered_on: registered,
      completed_by: registered ? assessor.id : null, completing_agency_id: registered ? ids[assessor.agency] : null,
      consent_given: consented, consent_by: consented ? rng.pick(text.CONSENT_BY) : null,
      consent_on: consented ? addCalendarDays(started, rng.int(0, registered ? days(started, registered) : 0)) : null,
      child_views: rng.pick(text.CHILD_VIEWS), family_views: rng.pick(text.FAMILY_VIEWS), summary: registered ? rng.pick(text.SUMMARIES) : null,
      ...ctx.stamp(startedAt, assessor.id), updated_at: registeredAt ?? startedAt,
    });
    note(startedAt, 'early_help.assessment_started', `Early help assessment started by ${assessorText(started)}`, ids[assessor.agency], assessor.id);
    if (registered && registeredAt) {
      note(registeredAt, 'early_help.assessment_registered', `Early help assessment registered by ${assessorText(registered)}, with the family’s consent`, ids[assessor.agency], assessor.id);
      updated = registeredAt;
    }
  }

  // With the assessment registered: the Team Around the Child, the plan and its reviews.
  let nextReview: string | null = null;
  const stepUpContact = journey.contacts.find((c) => c.id === spell.stepUpContactId);
  const steppedUpAt = spell.stepUpContactId ? (stepUpContact?.receivedAt ?? (closedOn ? momentOn(closedOn, 600) : null)) : null;
  const stepUp = steppedUpAt && steppedUpAt.getTime() < endMs ? steppedUpAt : null;
  if (registered && registeredAt) {
    const team = writeTeam(journey, spell, ctx, { registered, closedOn, last, leadId, leadAgency, note, at });
    writePlan(spell, ctx, { registered, registeredAt, closedOn, last, leadId, leadAgency, team, note });
    nextReview = addCalendarDays(registered, REVIEW_INTERVAL_DAYS);
    const reviews = [...new Set(spell.reviewDates)].filter((d) => d >= registered && d <= last).sort();
    const stepUpDay = stepUp ? ukDay(stepUp) : null;
    reviews.forEach((held, i) => {
      const next = addCalendarDays(held, REVIEW_INTERVAL_DAYS);
      const following = reviews[i + 1];
      const decision: ReviewDecision =
        stepUpDay && held <= stepUpDay && (!following || following > stepUpDay) && days(held, stepUpDay) <= 28 ? 'step_up'
        : !following && closedOn && spell.closureReason !== 'stepped_up' && days(held, closedOn) <= 28 ? 'close'
        : 'continue';
      const heldAt = at(held);
      ctx.add('early_help_reviews', {
        id: ctx.id(heldAt), case_id: caseId, held_on: held, progress: rng.pick(text.PROGRESS), family_views: rng.pick(text.REVIEW_FAMILY_VIEWS) || null,
        decision, next_review_due: next, ...ctx.stamp(heldAt, leadId),
      });
      note(heldAt, 'early_help.review_held', `Early help review held on ${formatDate(held)}: ${REVIEW_DECISIONS[decision].toLowerCase()}. Next review due ${formatDate(next)}`, leadAgency, leadId);
      nextReview = next;
      updated = heldAt;
    });
  }
  if (stepUp) {
    const urgency = contactUrgency(stepUpContact ?? { id: spell.stepUpContactId!, outcome: null, level: null, earlyHelpCaseId: caseId });
    note(stepUp, 'early_help.stepped_up', `Early help case stepped up to the front door (urgency: ${STEP_UP_URGENCY[urgency].split(':')[0]!.toLowerCase()})`, leadAgency, leadId);
    if (stepUp > updated) updated = stepUp;
  }
  const reason: EarlyHelpClosureReason | null = closedOn ? (spell.closureReason ?? (stepUp ? 'stepped_up' : 'other')) : null;
  if (closedOn && reason) {
    const closedAt = at(closedOn);
    note(closedAt, 'early_help.closed', `Early help case closed: ${CLOSURE_REASONS[reason].toLowerCase()}`, allocatedOn ? leadAgency : eh, allocatedOn ? leadId : manager);
    updated = closedAt;
  }

  ctx.add('early_help_cases', {
    id: caseId, person_id: child.personId, status: closedOn ? 'closed' : 'open', source: spell.route, contact_id: spell.route === 'front_door' ? spell.contactId : null,
    step_down_summary: stepDown ? rng.pick(STEP_DOWN_SUMMARY[stepDown.reason]) : null, step_down_reason: stepDown?.reason ?? null,
    locality: child.locality, opened_on: spell.openedOn,
    lead_professional_id: allocatedOn ? leadId : null, lead_agency_id: allocatedOn || spell.route !== 'front_door' ? leadAgency : null,
    next_review_due: nextReview, step_up_contact_id: stepUp ? spell.stepUpContactId : null,
    closed_on: closedOn, closure_reason: reason, closure_summary: reason ? text.CLOSURE_SUMMARIES[reason]! : null,
    ...ctx.stamp(openedAt, opener), updated_at: updated,
  });
}

type Note = (moment: Date, type: string, summary: string, agencyId: string, by: string) => void;
interface Member { userId: string; agency: AgencyKey }

/** One to three practitioners from other agencies join once the assessment is registered; closure ends them. */
function writeTeam(
  journey: Journey,
  spell: EarlyHelpSpell,
  ctx: SyntheticContext,
  s: { registered: string; closedOn: string | null; last: string; leadId: string; leadAgency: string; note: Note; at: (date: string) => Date },
): Member[] {
  const { child } = journey;
  const rng = ctx.rng;
  const weights = { ...TAC_AGENCIES };
  delete weights[spell.lead];
  if (ageOn(child, s.registered) < 3) delete weights.school;
  const members: Member[] = [];
  const size = rng.weighted({ one: 45, two: 40, three: 15 });
  for (let n = 0; n < { one: 1, two: 2, three: 3 }[size] && Object.keys(weights).length; n++) {
    const agency = rng.weighted(weights as Record<AgencyKey, number>);
    delete weights[agency];
    const userId = practitionerOf(ctx, child, agency);
    if (userId === s.leadId) continue;
    const startedOn = addCalendarDays(s.registered, rng.int(0, Math.min(3, days(s.registered, s.last))));
    const joinedAt = s.at(startedOn);
    const id = ctx.id(joinedAt);
    const role = practitionerTitle(agency, child, startedOn);
    const agencyId = ctx.org.agencyIds[agency];
    ctx.add('tac_members', {
      id, case_id: spell.id, user_id: userId, agency_id: agencyId, role_in_team: role, started_on: startedOn, ended_on: s.closedOn,
      ...ctx.stamp(joinedAt, s.leadId), updated_at: s.closedOn ? momentOn(s.closedOn, 1020) : joinedAt,
    });
    involve(ctx, { personId: child.personId, agencyId, basis: 'team_around_child', detail: `Team Around the Child: ${role}`, start: startedOn, end: s.closedOn, sourceType: TAC_SOURCE, sourceId: id, by: s.leadId, at: joinedAt });
    s.note(joinedAt, 'early_help.tac_joined', `${role} (${AGENCY_NAMES[agency]}) joined the Team Around the Child as ${role.toLowerCase()}`, s.leadAgency, s.leadId);
    members.push({ userId, agency });
  }
  return members;
}

/** Two outcomes with an action or two each, owned by the lead and the team; most actions done by their date. */
function writePlan(
  spell: EarlyHelpSpell,
  ctx: SyntheticContext,
  s: { registered: string; registeredAt: Date; closedOn: string | null; last: string; leadId: string; leadAgency: string; team: Member[]; note: Note },
) {
  const rng = ctx.rng;
  const owners = [{ userId: s.leadId, agency: spell.lead }, ...s.team];
  const ownerText = (o: Member) => `the ${o === owners[0] ? 'lead professional' : 'Team Around the Child member'} (${AGENCY_NAMES[o.agency]})`;
  rng.pick(text.OUTCOMES).forEach((outcome, o) => {
    const outcomeId = ctx.id(s.registeredAt);
    const achieved = s.closedOn && (spell.closureReason === 'needs_met' || (o === 0 && rng.chance(0.5))) ? s.closedOn : null;
    ctx.add('early_help_outcomes', {
      id: outcomeId, case_id: spell.id, outcome, achieved_on: achieved, ...ctx.stamp(s.registeredAt, s.leadId), updated_at: achieved ? momentOn(achieved, EARLY) : s.registeredAt,
    });
    s.note(s.registeredAt, 'early_help.plan_changed', `Outcome added to the early help plan: ${outcome}`, s.leadAgency, s.leadId);
    if (achieved) s.note(momentOn(achieved, EARLY), 'early_help.plan_changed', `Early help plan outcome achieved: ${outcome}`, s.leadAgency, s.leadId);
    const actions = o === 0 ? 2 : 1;
    for (let a = 0; a < actions; a++) {
      const owner = a === 0 && o === 0 ? owners[0]! : rng.pick(owners);
      const action = rng.pick(text.ACTIONS);
      const due = addCalendarDays(s.registered, 14 * (1 + a + o * 2));
      // Done by the due date mostly, some days late now and then, and never after the case closed or the data ends.
      const late = rng.chance(0.15);
      const doneOn = late ? addCalendarDays(due, rng.int(1, 10)) : addCalendarDays(due, -rng.int(0, 5));
      const completed = rng.chance(0.85) && doneOn <= s.last ? later(doneOn, s.registered) : null;
      ctx.add('early_help_actions', {
        id: ctx.id(s.registeredAt), case_id: spell.id, outcome_id: outcomeId, action, owner_id: owner.userId, due_on: due, completed_on: completed,
        ...ctx.stamp(s.registeredAt, s.leadId), updated_at: completed ? momentOn(completed, EARLY) : s.registeredAt,
      });
      s.note(s.registeredAt, 'early_help.plan_changed', `Action added to the early help plan for ${ownerText(owner)}, due ${formatDate(due)}: ${action}`, s.leadAgency, s.leadId);
      if (completed) s.note(momentOn(completed, EARLY), 'early_help.plan_changed', `Early help plan action done: ${action}`, ctx.org.agencyIds[owner.agency], owner.userId);
    }
  });
}

/**
 * A front door decision of early help about a child whose case is already open joins that case: the early help
 * service notes it on the case instead of opening another.
 */
function joinedDecisions(journey: Journey, ctx: SyntheticContext, endMs: number) {
  const opened = new Set(journey.earlyHelp.map((s) => s.contactId));
  for (const c of journey.contacts) {
    if (c.outcome !== 'early_help' || !c.signedOffAt || c.signedOffAt.getTime() >= endMs || opened.has(c.id)) continue;
    const day = ukDay(c.signedOffAt);
    const open = journey.earlyHelp.find((s) => s.openedOn <= day && (!s.closedOn || s.closedOn > day));
    if (!open) continue;
    ctx.chronology({
      personId: journey.child.personId, at: c.signedOffAt, type: 'early_help.contact_joined', summary: 'Front door decision of early help added to the open early help case',
      agencyId: ctx.org.agencyIds.csc, by: managerOf(ctx, journey.child), recordType: 'early_help_case', recordId: open.id,
    });
  }
}
