import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { ContactSpell, EarlyHelpSpell, EpisodeSpell, Journey } from '../../synthetic/types.ts';
import { synthesise as frontDoor } from '../front-door/synthetic.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-03-31';

const spell = (over: Partial<EarlyHelpSpell> = {}): EarlyHelpSpell => ({
  id: 'eh-1',
  route: 'direct',
  contactId: null,
  fromEpisodeId: null,
  openedOn: '2025-01-06',
  lead: 'school',
  assessmentId: 'eha-1',
  assessmentStartedOn: '2025-01-08',
  registeredOn: '2025-01-20',
  reviewDates: ['2025-03-03', '2025-04-14', '2025-05-27'],
  closedOn: '2025-06-20',
  closureReason: 'needs_met',
  stepUpContactId: null,
  ...over,
});

function run(journey: Partial<Journey>, seed = 1, end = END) {
  const { ctx, rows } = collectingContext(end, seed);
  synthesise({ ...emptyJourney('2014-03-01'), ...journey }, ctx);
  return { rows, ctx };
}

function assertNothingAfter(rows: Record<string, Record<string, unknown>[] | undefined>, end: string) {
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list ?? []) {
      for (const [key, value] of Object.entries(row)) {
        if (value instanceof Date) assert.ok(value.toISOString().slice(0, 10) <= end, `${table}.${key} ${value.toISOString()} is after the end`);
        if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !key.includes('due')) assert.ok(value <= end, `${table}.${key} ${value} is after the end`);
      }
    }
  }
}

function assertSameKeys(rows: Record<string, Record<string, unknown>[] | undefined>) {
  for (const [table, list] of Object.entries(rows)) {
    const first = Object.keys(list![0]!).sort().join();
    for (const row of list!) assert.equal(Object.keys(row).sort().join(), first, `${table} rows name different columns`);
  }
}

test('a direct case led by the school runs from registration through reviews to closure', () => {
  const { rows } = run({ earlyHelp: [spell()] });
  const c = rows.early_help_cases![0]!;
  assert.equal(c.id, 'eh-1');
  assert.equal(c.status, 'closed');
  assert.equal(c.source, 'direct');
  assert.equal(c.locality, 'south');
  assert.equal(c.lead_professional_id, 'user-school');
  assert.equal(c.lead_agency_id, 'agency-school');
  assert.equal(c.closure_reason, 'needs_met');
  assert.equal(c.next_review_due, '2025-07-08', 'six weeks after the last review');
  const a = rows.early_help_assessments![0]!;
  assert.equal(a.id, 'eha-1');
  assert.equal(a.status, 'registered');
  assert.equal(a.completing_agency_id, 'agency-school');
  assert.equal(a.consent_given, true);
  assert.ok((a.consent_on as string) >= '2025-01-08' && (a.consent_on as string) <= '2025-01-20');
  const reviews = rows.early_help_reviews!;
  assert.deepEqual(reviews.map((r) => r.held_on), ['2025-03-03', '2025-04-14', '2025-05-27']);
  assert.deepEqual(reviews.map((r) => r.decision), ['continue', 'continue', 'close']);
  assert.ok(reviews.every((r) => r.next_review_due === addCalendarDays(r.held_on as string, 42)));
  const team = rows.tac_members!;
  assert.ok(team.length >= 1 && team.length <= 3);
  assert.ok(team.every((m) => m.ended_on === '2025-06-20' && m.agency_id !== 'agency-school'));
  // Every involvement the case made ends with it, and each membership's names that membership.
  assert.ok(rows.involvements!.every((i) => i.end_date === '2025-06-20'));
  assert.deepEqual(rows.involvements!.filter((i) => i.basis === 'team_around_child').map((i) => i.source_id), team.map((m) => m.id));
  assert.deepEqual(rows.involvements!.filter((i) => i.basis === 'early_help').map((i) => i.agency_id).sort(), ['agency-eh', 'agency-school']);
  assert.ok(rows.early_help_outcomes!.every((o) => o.achieved_on === '2025-06-20'));
  const types = rows.chronology!.map((e) => e.entry_type);
  for (const type of ['early_help.opened', 'early_help.assessment_started', 'early_help.assessment_registered', 'early_help.tac_joined', 'early_help.plan_changed', 'early_help.review_held', 'early_help.closed']) {
    assert.ok(types.includes(type), type);
  }
  assert.ok(rows.chronology!.every((e) => e.record_type === 'early_help_case' && e.record_id === 'eh-1'));
  const closed = rows.chronology!.find((e) => e.entry_type === 'early_help.closed')!.occurred_at as Date;
  assert.ok(rows.chronology!.every((e) => (e.occurred_at as Date) <= closed), 'nothing is recorded on a closed case');
  assertSameKeys(rows);
});

test('an open case keeps its review clock; reviews and actions after the end are not written', () => {
  const { rows } = run({ earlyHelp: [spell({ openedOn: '2025-12-01', assessmentStartedOn: '2025-12-03', registeredOn: '2025-12-15', reviewDates: ['2026-01-26', '2026-03-09', '2026-04-20'], closedOn: null, closureReason: null })] });
  const c = rows.early_help_cases![0]!;
  assert.equal(c.status, 'open');
  assert.equal(c.closed_on, null);
  assert.equal(c.next_review_due, '2026-04-20');
  assert.equal(rows.early_help_reviews!.length, 2);
  assert.ok(rows.tac_members!.every((m) => m.ended_on === null));
  assert.ok(rows.involvements!.every((i) => i.end_date === null));
  assert.ok(rows.early_help_actions!.every((a) => a.completed_on === null || (a.completed_on as string) <= END));
  assertNothingAfter(rows, END);
});

test('a draft assessment has no team, plan or review clock yet', () => {
  const { rows } = run({ earlyHelp: [spell({ registeredOn: null, reviewDates: [], closedOn: null, closureReason: null })] });
  assert.equal(rows.early_help_assessments![0]!.status, 'draft');
  assert.equal(rows.early_help_assessments![0]!.completed_by, null);
  assert.equal(rows.early_help_cases![0]!.next_review_due, null);
  assert.equal(rows.tac_members, undefined);
  assert.equal(rows.early_help_reviews, undefined);
});

test('a front door case waits for allocation and quotes the decision the front door recorded', () => {
  const contact: ContactSpell = {
    id: 'c-1', receivedAt: new Date('2026-03-20T10:00:00Z'), agency: 'police', outcome: 'early_help', level: 3,
    decidedAt: new Date('2026-03-23T10:00:00Z'), signedOffAt: new Date('2026-03-23T12:00:00Z'), presentingNeeds: ['domestic_abuse'], earlyHelpCaseId: null,
  };
  const eh = spell({ route: 'front_door', contactId: 'c-1', openedOn: '2026-03-23', lead: 'eh', assessmentStartedOn: '2026-04-02', registeredOn: null, reviewDates: [], closedOn: null, closureReason: null });
  const { rows } = run({ contacts: [contact], earlyHelp: [eh] });
  const c = rows.early_help_cases![0]!;
  assert.equal(c.contact_id, 'c-1');
  assert.equal(c.created_by, 'manager-assessment');
  assert.equal(c.lead_professional_id === null, c.lead_agency_id === null);
  assert.equal(rows.early_help_assessments, undefined, 'the assessment starts after the end');
  const { ctx, rows: fd } = collectingContext(END, 1);
  frontDoor({ ...emptyJourney('2014-03-01'), contacts: [contact] }, ctx);
  const opened = rows.chronology!.find((e) => e.entry_type === 'early_help.opened')!;
  assert.equal(opened.summary, `Early help case opened from a front door decision, awaiting allocation: ${fd.contacts![0]!.decision_reasons}`);
  assert.deepEqual(opened.occurred_at, contact.signedOffAt);
});

test('an early help worker leads cases the early help service leads', () => {
  const { rows } = run({ earlyHelp: [spell({ lead: 'eh' })] });
  assert.equal(rows.early_help_cases![0]!.lead_professional_id, 'worker-eh-1');
  assert.equal(rows.early_help_cases![0]!.lead_agency_id, 'agency-eh');
});

test('a step-down carries social care’s reason and counts as completed by social care', () => {
  const episode = { id: 'ep-1', cpPlans: [], carePeriods: [], cinPlans: [{ id: 'cin-1', startDate: '2024-05-01', endDate: '2025-01-03', endReason: null }], phases: [{ team: 'child_protection', start: '2024-04-01', end: null }] } as unknown as EpisodeSpell;
  const { rows } = run({ episodes: [episode], earlyHelp: [spell({ route: 'step_down', fromEpisodeId: 'ep-1', lead: 'health' })] });
  const c = rows.early_help_cases![0]!;
  assert.equal(c.source, 'step_down');
  assert.equal(c.step_down_reason, 'cin_plan_ended');
  assert.ok(c.step_down_summary);
  assert.equal(c.created_by, 'worker-cp-1');
  assert.equal(rows.early_help_assessments![0]!.completing_agency_id, 'agency-csc');
  assert.equal(rows.involvements!.find((i) => i.agency_id === 'agency-eh')!.detail, 'Early help case: stepped down from social care');
  assert.equal(rows.chronology!.find((e) => e.entry_type === 'early_help.stepped_down')!.agency_id, 'agency-csc');
});

test('a step-up names its contact, follows a step-up review and closes as stepped up', () => {
  const contact: ContactSpell = {
    id: 'c-up', receivedAt: new Date('2025-05-29T10:00:00Z'), agency: 'school', outcome: 'social_care_referral', level: 4,
    decidedAt: new Date('2025-05-30T10:00:00Z'), signedOffAt: new Date('2025-05-30T11:00:00Z'), presentingNeeds: [], earlyHelpCaseId: 'eh-1',
  };
  const { rows } = run({ contacts: [contact], earlyHelp: [spell({ stepUpContactId: 'c-up', closedOn: '2025-06-02', closureReason: 'stepped_up' })] });
  const c = rows.early_help_cases![0]!;
  assert.equal(c.step_up_contact_id, 'c-up');
  assert.equal(c.closure_reason, 'stepped_up');
  assert.equal(rows.early_help_reviews!.at(-1)!.decision, 'step_up');
  const up = rows.chronology!.find((e) => e.entry_type === 'early_help.stepped_up')!;
  assert.deepEqual(up.occurred_at, contact.receivedAt);
});

test('a front door decision of early help while a case is open joins that case', () => {
  const contact: ContactSpell = {
    id: 'c-2', receivedAt: new Date('2025-03-10T10:00:00Z'), agency: 'health', outcome: 'early_help', level: 2,
    decidedAt: new Date('2025-03-11T10:00:00Z'), signedOffAt: new Date('2025-03-11T11:00:00Z'), presentingNeeds: ['neglect'], earlyHelpCaseId: null,
  };
  const { rows } = run({ contacts: [contact], earlyHelp: [spell()] });
  const joined = rows.chronology!.filter((e) => e.entry_type === 'early_help.contact_joined');
  assert.equal(joined.length, 1);
  assert.equal(joined[0]!.record_id, 'eh-1');
});

test('many cases: rows agree on keys, nothing is after the end, and the same seed gives the same rows', () => {
  const spells = Array.from({ length: 40 }, (_, i) => {
    const opened = addCalendarDays('2024-01-08', i * 19);
    return spell({
      id: `eh-${i}`, assessmentId: `eha-${i}`, route: (['direct', 'front_door', 'step_down'] as const)[i % 3], lead: (['school', 'health', 'eh', 'vol'] as const)[i % 4],
      contactId: i % 3 === 1 ? `c-${i}` : null, openedOn: opened, assessmentStartedOn: addCalendarDays(opened, 4), registeredOn: i % 7 === 0 ? null : addCalendarDays(opened, 15),
      reviewDates: [addCalendarDays(opened, 57), addCalendarDays(opened, 99), addCalendarDays(opened, 145)],
      closedOn: i % 2 ? addCalendarDays(opened, 160) : null, closureReason: i % 2 ? 'family_withdrew' : null,
    });
  });
  const first = run({ earlyHelp: spells }, 5).rows;
  assertSameKeys(first);
  assertNothingAfter(first, END);
  for (const c of first.early_help_cases!) assert.equal(c.status === 'closed', c.closed_on !== null);
  assert.deepEqual(run({ earlyHelp: spells }, 5).rows, first);
});
