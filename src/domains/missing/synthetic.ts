import type { ExploitationLevel } from '../../db/types-social-care.ts';
import { dueDate, dueMoment } from '../../platform/calendar/timescales.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { formatDate, formatDateTime } from '../../platform/views/format.ts';
import type { Rng } from '../../synthetic/rng.ts';
import type { Journey, MissingSpell, SocialCareTeamKind, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { type ExploitationKind, MISSING_KINDS, RISK_LEVELS } from './labels.ts';
import { EPISODE_RECORD } from './service.ts';
import { levelsText, SCREENING_RECORD } from './service-screening.ts';

/**
 * Missing and absent episodes as the missing service writes them, step by step (reported, returned, interview
 * offered, accepted or declined, held), and the exploitation screenings that followed some of them. Whatever
 * would happen after the end of the data is left undone: a child still away stays missing, an interview still
 * due stays due.
 */

interface Staff {
  id: string;
  agencyId: string;
}

const CIRCUMSTANCES = {
  home: [
    'Left after an argument about phone use and did not come home. Not answering calls.',
    'Did not return from school. Friends say they were picked up in a car by older young people.',
    'Went out in the evening and did not come back by the agreed time. Mother rang the police at midnight.',
    'Left the house during the night; bedroom window open. Phone switched off.',
    'Went to meet friends after school and has not been heard from since.',
  ],
  care: [
    'Left the placement without telling staff. Known to stay with a friend when upset.',
    'Did not return to the placement by the agreed time after a day out with friends.',
    'Left the children’s home after an argument with another young person. Not answering calls.',
    'Carers say the child left with an older young person in a car. Phone switched off.',
  ],
  absent: [
    'Staying at a friend’s house without permission; the friend’s parent has confirmed they are there.',
    'Known to be at a relative’s address but refused to come home at the agreed time.',
    'Seen in the town centre with friends after the agreed time; refused to come back.',
  ],
};
const FOUND_WHERE = [
  'A friend’s flat in the town centre', 'The bus station', 'An address in a neighbouring city', 'Their grandmother’s house',
  'The park by the retail estate', 'A fast food restaurant in the town centre', 'Came home on their own', 'A friend’s house nearby',
  'Stopped by police in another county', 'The railway station',
];
const PUSH = {
  home: ['Arguments at home about boundaries; feels nobody listens.', 'Tension with mother’s new partner.', 'Feels bored and lonely at home.', 'Worried about exams and falling behind at school.'],
  care: ['Does not get on with another young person in the placement.', 'Misses their family and wants more time with them.', 'Unhappy about the placement’s rules on phones and time out.'],
};
const PULL = [
  'Older friends who give lifts and buy food; a party address.',
  'A boyfriend or girlfriend they are not allowed to see.',
  'Wants to spend time with their father and his family.',
  'Friends in the town centre who stay out late.',
  'Someone online they have been talking to for a few weeks.',
];
const FINDINGS = [
  'Talked openly. Agreed a safety plan and a trusted adult to ring. Shared with the school and the police missing co-ordinator.',
  'Said little but agreed to meet again next week. No injuries seen. Information shared with the allocated worker.',
  'Explained where they had been and who with. Risks discussed; the adults at home to set agreed times and check in by phone.',
  'Came back of their own accord and wanted to talk. No exploitation concerns disclosed. Advice about keeping safe given.',
];
/** Findings when the interview found signs of exploitation. */
const WORRYING_FINDINGS = [
  'Disclosed being given money and a phone by older people. Exploitation screening to be completed; police informed.',
  'Would not say where they had been; signs of exploitation noted. Shared with the police and the allocated worker; screening to follow.',
];
const SCREENING_SUMMARIES: Record<ExploitationLevel, string[]> = {
  none: ['Went missing after arguments at home. No exploitation found now.', 'Screened after a missing episode: no indicators of exploitation. Keep under review if it happens again.'],
  low: ['Some signs to watch: older friends and coming home late. Safety plan agreed with the family.', 'Attendance dropping and new friends the family does not know. Low concern; school to share worries.'],
  medium: ['New older friends and a party address. Safety plan in place and the police informed.', 'Found out of the area with cash and a second phone. Older associates linked to a drug line.'],
  high: ['Found at an address linked to exploitation with adults unknown to the family. Immediate safety plan; police investigating.', 'Carrying a weapon and drugs when found; frightened of someone. Shared with the police the same day.'],
};
/** Signs that go with each kind of exploitation (codes of labels.ts EXPLOITATION_INDICATORS). */
const SIGNS: Record<ExploitationKind, string[]> = {
  criminal_exploitation: ['money_phones', 'several_phones', 'drugs_alcohol', 'travelling', 'weapons', 'arrested', 'older_associates'],
  sexual_exploitation: ['older_associates', 'money_phones', 'hotels', 'sexual_health', 'online', 'controlled', 'new_friends'],
  trafficking: ['travelling', 'controlled', 'school', 'older_associates'],
};
const TOP_LEVEL: Record<MissingSpell['risk'], Record<ExploitationLevel, number>> = {
  low: { none: 50, low: 40, medium: 9, high: 1 },
  medium: { none: 22, low: 45, medium: 27, high: 6 },
  high: { none: 10, low: 30, medium: 40, high: 20 },
};
const RANK: Record<ExploitationLevel, number> = { none: 0, low: 1, medium: 2, high: 3 };

const ends = new Map<string, Date>();
/** The first moment after the last day of the data, in UK time. */
function endMoment(end: string): Date {
  let at = ends.get(end);
  if (!at) ends.set(end, (at = ukMoment(addCalendarDays(end, 1), '00:00') ?? new Date(`${addCalendarDays(end, 1)}T00:00:00Z`)));
  return at;
}

const lastSunday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
};

/**
 * A daytime moment on a UK date (British Summer Time from the last Sunday of March to the last Sunday of October).
 * Worked out by hand because `ukMoment` formats through Intl twice (half a millisecond), too slow per row here;
 * for hours from 02:00 on it gives the same moment.
 */
function ukDaytime(date: string, hour: number, minute: number): Date {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1;
  const d = Number(date.slice(8, 10));
  const bst = (m > 2 && m < 9) || (m === 2 && d >= lastSunday(y, 2)) || (m === 9 && d < lastSunday(y, 9));
  return new Date(Date.UTC(y, m, d, hour - (bst ? 1 : 0), minute));
}

const later = (a: Date, b: Date) => (a > b ? a : b);
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function socialWorker(ctx: SyntheticContext, kind: SocialCareTeamKind, journey: Journey): Staff {
  const worker = ctx.worker(kind, journey.child);
  const team = ctx.org.socialCare[kind].find((t) => t.id === worker.teamId);
  return { id: worker.id, agencyId: team?.agencyId ?? ctx.org.agencyIds.csc };
}

/** The early help worker for this child: the same one each time, spread across the early help teams. */
function earlyHelpWorker(ctx: SyntheticContext, journey: Journey): Staff | null {
  const teams = ctx.org.earlyHelp;
  if (!teams.length) return null;
  const team = teams[journey.child.index % teams.length]!;
  const id = team.workerIds[Math.floor(journey.child.index / teams.length) % team.workerIds.length] ?? team.managerId;
  return { id, agencyId: team.agencyId };
}

/** The social care worker holding the child on a day: in care, the children in care worker; else the episode's team. */
function holder(ctx: SyntheticContext, journey: Journey, on: string, inCare: boolean): Staff | null {
  if (inCare) return socialWorker(ctx, 'children_in_care', journey);
  for (const e of journey.episodes) {
    if (e.referralDate > on || (e.closureDate !== null && e.closureDate < on)) continue;
    const phase = e.phases.find((p) => p.start <= on && (p.end === null || p.end >= on));
    return socialWorker(ctx, phase?.team ?? 'assessment', journey);
  }
  return null;
}

/** Who holds the return home interview: the child's social worker, their early help worker, or either service. */
function interviewer(ctx: SyntheticContext, journey: Journey, on: string, inCare: boolean, rng: Rng): Staff {
  const social = holder(ctx, journey, on, inCare);
  if (social) return social;
  const helped = journey.earlyHelp.some((e) => e.lead === 'eh' && e.openedOn <= on && (e.closedOn === null || e.closedOn >= on));
  const early = earlyHelpWorker(ctx, journey);
  if (early && (helped || rng.chance(0.5))) return early;
  return socialWorker(ctx, 'assessment', journey);
}

/** Distinct picks from a list, in the list's order. */
function some(list: readonly string[], n: number, rng: Rng): string[] {
  const chosen = new Set<string>();
  for (let i = 0; i < n * 3 && chosen.size < n; i++) chosen.add(rng.pick(list));
  return list.filter((x) => chosen.has(x));
}

function episode(journey: Journey, ctx: SyntheticContext, spell: MissingSpell, nextStart: Date | null): void {
  const { rng } = ctx;
  const personId = journey.child.personId;
  const endAt = endMoment(ctx.end);
  const reporter: Staff = { id: ctx.org.partnerUserIds[spell.reportedBy], agencyId: ctx.org.agencyIds[spell.reportedBy] };
  const reported = later(spell.reportedAt, spell.startedAt);
  const record = (at: Date, by: Staff, type: string, summary: string) =>
    ctx.chronology({ personId, at, type, summary, agencyId: by.agencyId, by: by.id, recordType: EPISODE_RECORD, recordId: spell.id });

  // A child cannot be reported missing again while an episode is open: the return comes before the next start.
  let returned = spell.returnedAt && spell.returnedAt < endAt ? later(spell.returnedAt, spell.startedAt) : null;
  if (nextStart && (!returned || returned > nextStart)) returned = later(nextStart, spell.startedAt);
  const due = returned ? dueMoment('returnInterview', returned) : null;
  const asked = returned && spell.interview && spell.interview.offeredAt < endAt ? spell.interview : null;
  const offered = asked && returned ? later(asked.offeredAt, returned) : null;
  const completed = asked && offered && asked.accepted && asked.completedAt && asked.completedAt < endAt ? later(asked.completedAt, offered) : null;
  const by = offered ? interviewer(ctx, journey, dayOf(offered), spell.inCare, rng) : null;

  const kind = spell.kind === 'absent' ? 'absent' : spell.inCare ? 'care' : 'home';
  const found = returned ? (spell.inCare && rng.chance(0.3) ? 'Came back to the placement on their own' : rng.pick(FOUND_WHERE)) : null;
  const indicators = completed ? [...new Set([...(rng.chance(0.7) ? ['going_missing'] : []), ...some(SIGNS[rng.pick(['criminal_exploitation', 'sexual_exploitation'] as const)], spell.risk === 'low' ? rng.int(0, 1) : rng.int(1, 3), rng)])] : [];
  ctx.add('missing_episodes', {
    id: spell.id, person_id: personId, kind: spell.kind, started_at: spell.startedAt, reported_at: reported,
    reported_by_agency_id: reporter.agencyId, risk_level: spell.risk, circumstances: rng.pick(CIRCUMSTANCES[kind]), in_care: spell.inCare,
    returned_at: returned, found_where: found, interview_due_at: due, interview_offered_at: offered,
    interview_accepted: offered ? asked!.accepted : null, interview_completed_at: completed, interview_by: completed ? by!.id : null,
    interview_findings: completed ? rng.pick(indicators.some((c) => c !== 'going_missing') ? WORRYING_FINDINGS : FINDINGS) : null,
    interview_push_factors: completed && rng.chance(0.85) ? rng.pick(PUSH[spell.inCare ? 'care' : 'home']) : null,
    interview_pull_factors: completed && rng.chance(0.85) ? rng.pick(PULL) : null,
    interview_indicators: indicators,
    ...ctx.stamp(reported, reporter.id), updated_at: completed ?? offered ?? returned ?? reported,
  });

  const name = MISSING_KINDS[spell.kind].name.split(' (')[0]!.toLowerCase();
  record(reported, reporter, 'missing.reported', `Reported ${name} since ${formatDateTime(spell.startedAt)} (risk ${RISK_LEVELS[spell.risk].name.toLowerCase()})`);
  if (!returned || !due) return;
  record(returned, reporter, 'missing.returned', `Returned from being missing at ${formatDateTime(returned)}, found: ${found}. Return home interview due by ${formatDateTime(due)}`);
  if (!offered || !by) return;
  record(offered, by, 'missing.interview_offered', `Return home interview offered at ${formatDateTime(offered)}${offered > due ? ' (after the 72 hours)' : ''}`);
  if (asked!.accepted) record(offered, by, 'missing.interview_accepted', 'Return home interview accepted');
  else record(offered, by, 'missing.interview_declined', 'Return home interview declined by the child');
  if (completed) record(completed, by, 'missing.interview_completed', `Return home interview held at ${formatDateTime(completed)}${completed > due ? ', after the 72 hours' : ', within 72 hours of the return'}`);
}

/** An exploitation screening after an episode: mostly no or low concern, the levels rising with the episode's risk. */
function screening(journey: Journey, ctx: SyntheticContext, spell: MissingSpell, on: string): void {
  const { rng } = ctx;
  const by = holder(ctx, journey, on, spell.inCare) ?? socialWorker(ctx, 'assessment', journey);
  const top = rng.weighted(TOP_LEVEL[spell.risk]);
  const main = rng.weighted<ExploitationKind>({ criminal_exploitation: 50, sexual_exploitation: 42, trafficking: 8 });
  const level = (k: ExploitationKind): ExploitationLevel => (k === main ? top : top === 'none' ? 'none' : RANK[top] > 1 && rng.chance(0.35) ? 'low' : 'none');
  const levels = { sexualExploitation: level('sexual_exploitation'), criminalExploitation: level('criminal_exploitation'), trafficking: level('trafficking') };
  const indicators = [...new Set(['going_missing', ...some(SIGNS[main], RANK[top] + rng.int(0, 1), rng)])];
  const reviewDue = dueDate('exploitationReview', on);
  const at = ukDaytime(on, rng.int(10, 16), rng.pick([0, 30]));
  const id = ctx.id(at);
  ctx.add('exploitation_screenings', {
    id, person_id: journey.child.personId, screened_on: on, sexual_exploitation: levels.sexualExploitation,
    criminal_exploitation: levels.criminalExploitation, trafficking: levels.trafficking, indicators,
    summary: rng.pick(SCREENING_SUMMARIES[top]), review_due: reviewDue, panel_referral_id: null, ...ctx.stamp(at, by.id),
  });
  ctx.chronology({ personId: journey.child.personId, at, type: 'exploitation.screened', summary: `Exploitation screening: ${levelsText(levels)}. Review due ${formatDate(reviewDue)}.`, agencyId: by.agencyId, by: by.id, recordType: SCREENING_RECORD, recordId: id });
}

export const synthesise: Synthesise = (journey, ctx) => {
  if (!journey.missing.length) return;
  const endAt = endMoment(ctx.end);
  const spells = journey.missing.filter((s) => s.reportedAt < endAt).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const screened = new Set<string>();
  for (const [i, spell] of spells.entries()) {
    episode(journey, ctx, spell, spells[i + 1]?.startedAt ?? null);
    if (spell.screenedOn && spell.screenedOn <= ctx.end && !screened.has(spell.screenedOn)) {
      screened.add(spell.screenedOn);
      screening(journey, ctx, spell, spell.screenedOn);
    }
  }
};
