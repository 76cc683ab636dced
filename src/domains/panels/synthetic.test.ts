import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { Journey, PanelSpell } from '../../synthetic/types.ts';
import type { Locality } from '../people/localities.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-03-31';

const spell = (over: Partial<PanelSpell> = {}): PanelSpell => ({
  id: 'pr-1',
  panel: 'masg',
  route: 'caf',
  referredOn: '2025-09-01',
  referredBy: 'eh',
  earlyHelpCaseId: 'eh-1',
  contactId: null,
  presentingIssues: ['neglect', 'housing'],
  meetingDates: ['2025-09-10', '2025-09-24', '2025-10-08'],
  closedOn: '2025-10-08',
  ...over,
});

type Rows = ReturnType<typeof collectingContext>['rows'];

function run(journeys: Partial<Journey>[], seed = 1): Rows {
  const { ctx, rows } = collectingContext(END, seed);
  journeys.forEach((j, i) => synthesise({ ...emptyJourney('2012-05-01'), ...j, child: { ...emptyJourney('2012-05-01').child, personId: `child-${i + 1}`, index: i, ...j.child } }, ctx));
  return rows;
}

function assertSameKeys(rows: Rows) {
  for (const [table, list] of Object.entries(rows)) {
    const first = Object.keys(list![0]!).sort().join();
    for (const row of list!) assert.equal(Object.keys(row).sort().join(), first, `${table} rows name different columns`);
  }
}

test('a MASG referral is discussed as new then reviewed, scored, and closed at the meeting that decided it', () => {
  const rows = run([{ panels: [spell()] }]);
  const r = rows.panel_referrals![0]!;
  assert.equal(r.id, 'pr-1');
  assert.equal(r.panel_id, 'panel-s', 'the child’s own locality panel');
  assert.equal(r.route, 'caf');
  assert.deepEqual(r.presenting_issues, ['neglect', 'housing']);
  assert.equal(r.referred_by, 'worker-eh-1');
  assert.equal(r.referring_agency_id, 'agency-eh');
  assert.equal(r.early_help_case_id, 'eh-1');
  assert.equal(r.status, 'closed');
  assert.equal(r.closed_on, '2025-10-08');
  assert.equal(r.next_review_due, null);
  assert.ok(Object.keys({ needs_met: 1, continued_tac: 1, no_longer_meets_criteria: 1, stepped_up: 1, moved_away: 1 }).includes(String(r.outcome)));
  const items = rows.panel_agenda_items!;
  assert.equal(items.length, 3);
  assert.ok(items.every((i) => i.status === 'decided' || i.status === 'deferred'));
  assert.equal(items.at(-1)!.status, 'decided');
  assert.equal(items[0]!.item_type, 'new');
  assert.ok(items.slice(1).every((i) => i.item_type === 'review'));
  assert.ok(items.every((i) => typeof i.distance_score === 'number'));
  assert.equal(items.at(-1)!.closure_outcome, r.outcome);
  assert.equal(items[0]!.next_review_due, '2025-09-24', 'reviewed at the next meeting');
  assert.deepEqual(r.services_offered, [...new Set(items.flatMap((i) => i.services_offered as string[]))]);
  assert.ok(rows.panel_meetings!.every((m) => m.status === 'held' && m.panel_id === 'panel-s'));
  const involvement = rows.involvements![0]!;
  assert.deepEqual([involvement.basis, involvement.agency_id, involvement.source_type, involvement.source_id, involvement.end_date], ['panel', 'agency-eh', 'panel_referral', 'pr-1', '2025-10-08']);
  const types = rows.chronology!.map((e) => e.entry_type);
  assert.equal(types[0], 'panel.referred');
  assert.ok(types.includes('panel.discussed'));
  assert.equal(types.filter((t) => t === 'panel.referral_closed').length, 1);
  assert.ok(rows.chronology!.every((e) => e.record_type === 'panel_referral' && e.record_id === 'pr-1'));
});

test('an open referral keeps its review date and waits on the agenda of the next meeting', () => {
  const rows = run([{ panels: [spell({ referredOn: '2026-03-02', meetingDates: ['2026-03-11', '2026-03-25', '2026-04-08'], closedOn: null })] }]);
  const r = rows.panel_referrals![0]!;
  assert.equal(r.closed_on, null);
  const meetings = rows.panel_meetings!;
  assert.deepEqual(meetings.map((m) => [m.meeting_date, m.status]), [['2026-03-11', 'held'], ['2026-03-25', 'held'], ['2026-04-08', 'planned']]);
  const pending = rows.panel_agenda_items!.at(-1)!;
  assert.equal(pending.status, 'pending');
  assert.equal(pending.decision, null);
  assert.ok((pending.created_at as Date).toISOString().slice(0, 10) <= END);
  const decided = rows.panel_agenda_items!.filter((i) => i.status === 'decided');
  if (decided.length) {
    assert.equal(r.status, 'open');
    assert.equal(r.next_review_due, decided.at(-1)!.next_review_due);
  }
  assert.equal(rows.involvements![0]!.end_date, null);
  // Attendance only at meetings held, with the chair present.
  const attended = new Set(rows.panel_attendance!.map((a) => a.meeting_id));
  assert.deepEqual([...attended].sort(), meetings.filter((m) => m.status === 'held').map((m) => m.id).sort());
  assert.ok(rows.panel_attendance!.some((a) => a.user_id === 'chair-p' && a.attendance === 'present'));
});

test('children discussed on the same day share the meeting, each with their own place on the agenda', () => {
  const rows = run([{ panels: [spell()] }, { panels: [spell({ id: 'pr-2', referredOn: '2025-09-05' })] }, { panels: [spell({ id: 'pr-3', meetingDates: ['2025-09-24'], closedOn: null })] }]);
  assert.equal(rows.panel_meetings!.length, 3);
  const first = rows.panel_meetings!.find((m) => m.meeting_date === '2025-09-10')!;
  const onFirst = rows.panel_agenda_items!.filter((i) => i.meeting_id === first.id);
  assert.deepEqual(onFirst.map((i) => i.position), [1, 2]);
  const second = rows.panel_meetings!.find((m) => m.meeting_date === '2025-09-24')!;
  assert.deepEqual(rows.panel_agenda_items!.filter((i) => i.meeting_id === second.id).map((i) => i.position), [1, 2, 3]);
  const chairs = rows.panel_attendance!.filter((a) => a.meeting_id === first.id && a.user_id === 'chair-p');
  assert.equal(chairs.length, 1, 'attendance is recorded once per meeting');
});

test('a child living out of the area goes to one of the locality panels', () => {
  const rows = run([{ child: { locality: 'out_of_area' as Locality } as Journey['child'], panels: [spell({ closedOn: null })] }]);
  assert.ok(['panel-nwr', 'panel-ce', 'panel-s'].includes(String(rows.panel_referrals![0]!.panel_id)));
});

test('the MET hub records the referring agency as the route and its own categories, without scores', () => {
  const rows = run([{ panels: [spell({ panel: 'met_hub', route: 'missing_exploitation', referredBy: 'police', presentingIssues: ['missing', 'exploitation'], earlyHelpCaseId: null })] }]);
  const r = rows.panel_referrals![0]!;
  assert.equal(r.panel_id, 'panel-met');
  assert.equal(r.route, 'police');
  assert.deepEqual(r.presenting_issues, ['missing', 'cce']);
  assert.equal(r.referred_by, 'user-police');
  assert.ok(rows.panel_agenda_items!.every((i) => i.distance_score === null && (i.services_offered as string[]).length === 0));
});

test('a step-down or below-threshold contact keeps the MASG’s own route codes', () => {
  const rows = run([{ panels: [spell({ route: 'de_escalation_assessment', closedOn: null })] }, { panels: [spell({ id: 'pr-2', route: 'contact_below_threshold', closedOn: null })] }]);
  assert.match(String(rows.panel_referrals![0]!.route), /^step_down_(initial|core)$/);
  assert.equal(rows.panel_referrals![1]!.route, 'contact_below_threshold');
});

test('a referral not yet discussed is awaiting its first meeting', () => {
  const rows = run([{ panels: [spell({ referredOn: '2026-03-27', meetingDates: ['2026-04-08'], closedOn: null })] }]);
  const r = rows.panel_referrals![0]!;
  assert.equal(r.status, 'awaiting');
  assert.equal(r.next_review_due, null);
  assert.equal(rows.panel_agenda_items![0]!.item_type, 'new');
});

test('many referrals: rows agree on keys, nothing is done after the end, and the same seed gives the same rows', () => {
  const journeys = Array.from({ length: 30 }, (_, i): Partial<Journey> => {
    const referred = addCalendarDays('2024-06-03', i * 23);
    const meetings = Array.from({ length: 6 }, (_, k) => addCalendarDays(referred, 9 + 14 * k));
    return { panels: [spell({ id: `pr-${i}`, panel: i % 4 ? 'masg' : 'met_hub', referredOn: referred, meetingDates: meetings, closedOn: i % 3 ? meetings[4]! : null })] };
  });
  const rows = run(journeys, 4);
  assertSameKeys(rows);
  for (const a of rows.panel_actions!) if (a.completed_on) assert.ok((a.completed_on as string) <= END);
  for (const e of rows.chronology!) assert.ok((e.occurred_at as Date).toISOString().slice(0, 10) <= END);
  for (const m of rows.panel_meetings!) assert.equal(m.status, (m.meeting_date as string) <= END ? 'held' : 'planned');
  for (const r of rows.panel_referrals!) assert.equal(r.status === 'closed', r.closed_on !== null);
  assert.deepEqual(run(journeys, 4), rows);
});
