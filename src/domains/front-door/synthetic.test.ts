import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { addCalendarDays, ukDate } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { ContactSpell, Journey } from '../../synthetic/types.ts';
import { contactUrgency, momentOn, synthesise, ukDay } from './synthetic.ts';

const END = '2026-03-31';

const contact = (over: Partial<ContactSpell> & { id: string }): ContactSpell => ({
  receivedAt: new Date('2025-06-02T09:30:00Z'),
  agency: 'school',
  outcome: 'social_care_referral',
  level: 4,
  decidedAt: new Date('2025-06-03T11:00:00Z'),
  signedOffAt: new Date('2025-06-03T13:00:00Z'),
  presentingNeeds: ['neglect', 'school_attendance'],
  earlyHelpCaseId: null,
  ...over,
});

function run(contacts: ContactSpell[], seed = 1) {
  const { ctx, rows } = collectingContext(END, seed);
  const journey: Journey = { ...emptyJourney('2014-03-01'), contacts };
  synthesise(journey, ctx);
  return rows;
}

/** Every moment and date column in every row is on or before the end. */
function assertNothingAfter(rows: ReturnType<typeof run>, end: string) {
  const last = startOfUkDay(addCalendarDays(end, 1)).getTime();
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list ?? []) {
      for (const [key, value] of Object.entries(row)) {
        if (value instanceof Date) assert.ok(value.getTime() < last, `${table}.${key} ${value.toISOString()} is after the end`);
        if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && key !== 'decision_due') assert.ok(value <= end, `${table}.${key} ${value} is after the end`);
      }
    }
  }
}

function assertSameKeys(rows: ReturnType<typeof run>) {
  for (const [table, list] of Object.entries(rows)) {
    const first = Object.keys(list![0]!).sort().join();
    for (const row of list!) assert.equal(Object.keys(row).sort().join(), first, `${table} rows name different columns`);
  }
}

test('UK days and moments agree with the platform calendar across summer time changes', () => {
  const changes = ['2019-03-31', '2019-10-27', '2020-03-29', '2020-10-25', '2025-03-30', '2025-10-26'];
  const days = [...changes.flatMap((d) => [addCalendarDays(d, -1), d, addCalendarDays(d, 1)]), '2019-07-01', '2020-01-15', '2024-12-31'];
  for (const day of days) {
    assert.equal(momentOn(day, 0).getTime(), startOfUkDay(day).getTime(), day);
    for (const hour of [0, 1, 9, 22, 23]) {
      const moment = new Date(`${day}T${String(hour).padStart(2, '0')}:30:00Z`);
      assert.equal(ukDay(moment), ukDate(moment), moment.toISOString());
    }
  }
});

test('a signed-off contact is decided by the worker, signed off by their manager, on the decision clock', () => {
  const rows = run([contact({ id: 'c-1' })]);
  const row = rows.contacts![0]!;
  assert.equal(row.id, 'c-1');
  assert.equal(row.status, 'decided');
  assert.equal(row.decision_due, '2025-06-03');
  assert.equal(row.made_by_agency_id, 'agency-school');
  assert.equal(row.allocated_to, 'worker-assessment-1');
  assert.equal(row.decided_by, 'worker-assessment-1');
  assert.equal(row.signed_off_by, 'manager-assessment');
  assert.equal(row.decision_outcome, 'social_care_referral');
  assert.equal(row.decision_level, 4);
  assert.deepEqual(row.presenting_needs, ['neglect', 'school_attendance']);
  assert.equal(row.created_by, 'user-school');
  const types = rows.chronology!.filter((e) => e.person_id === 'child-1').map((e) => e.entry_type);
  assert.ok(types.includes('contact.received'));
  assert.ok(types.includes('threshold.decision'));
  const decision = rows.chronology!.find((e) => e.entry_type === 'threshold.decision')!;
  assert.deepEqual(decision.occurred_at, new Date('2025-06-03T13:00:00Z'));
  assert.match(String(decision.summary), /^Threshold decision: level 4 \(Statutory social care\), referral to children’s social care$/);
  // The school made the contact: it is involved with everyone named on it.
  const made = rows.involvements!.filter((i) => i.basis === 'made_contact');
  assert.deepEqual(made.map((i) => i.person_id), rows.contact_people!.map((p) => p.person_id));
  assert.ok(made.every((i) => i.end_date === null && i.source_id === 'c-1'));
});

test('a contact still waiting at the end shows no decision; one decided but not signed off awaits sign-off', () => {
  const rows = run([
    contact({ id: 'c-wait', receivedAt: new Date('2026-03-31T10:00:00Z'), outcome: null, level: null, decidedAt: null, signedOffAt: null }),
    contact({ id: 'c-late', receivedAt: new Date('2026-03-31T08:00:00Z'), decidedAt: new Date('2026-04-01T10:00:00Z'), signedOffAt: new Date('2026-04-01T12:00:00Z') }),
    contact({ id: 'c-sign', receivedAt: new Date('2026-03-30T08:00:00Z'), decidedAt: new Date('2026-03-31T10:00:00Z'), signedOffAt: null }),
  ]);
  const [wait, late, sign] = rows.contacts!;
  for (const row of [wait!, late!]) {
    assert.equal(row.status, 'awaiting_decision');
    assert.equal(row.decision_outcome, null);
    assert.equal(row.decided_at, null);
    assert.equal(row.signed_off_by, null);
  }
  assert.equal(wait!.decision_due, '2026-04-01', 'the clock runs past the end');
  assert.equal(sign!.status, 'awaiting_sign_off');
  assert.equal(sign!.decided_by, 'worker-assessment-1');
  assert.equal(sign!.signed_off_at, null);
  assert.ok(!rows.chronology!.some((e) => e.entry_type === 'threshold.decision'));
  assertNothingAfter(rows, END);
});

test('a manager deciding alone signs off as they decide', () => {
  const at = new Date('2025-06-03T11:00:00Z');
  const row = run([contact({ id: 'c-1', decidedAt: at, signedOffAt: at })]).contacts![0]!;
  assert.equal(row.decided_by, 'manager-assessment');
  assert.equal(row.signed_off_by, 'manager-assessment');
});

test('a step-up carries its early help case and is received as the service words it', () => {
  const spell = contact({ id: 'c-up', agency: 'health', earlyHelpCaseId: 'eh-1', outcome: 'strategy_discussion' });
  const rows = run([spell]);
  const row = rows.contacts![0]!;
  assert.equal(row.source, 'early_help_step_up');
  assert.equal(row.early_help_case_id, 'eh-1');
  assert.deepEqual(row.presenting_needs, []);
  assert.equal(row.urgency, contactUrgency(spell));
  const received = rows.chronology!.find((e) => e.entry_type === 'contact.received')!;
  assert.equal(received.summary, 'Stepped up from early help: contact received by the front door');
  assert.equal(received.agency_id, 'agency-health');
});

test('social care contacts by telephone give no agency an involvement', () => {
  const rows = run([contact({ id: 'c-1', agency: 'csc' })]);
  assert.ok(!(rows.involvements ?? []).some((i) => i.basis === 'made_contact'));
  assert.equal(rows.contacts![0]!.created_by, 'worker-assessment-1');
});

test('checks are asked of other agencies, answered mostly, and their involvements end with the answer', () => {
  const contacts = Array.from({ length: 200 }, (_, i) => contact({ id: `c-${i}`, receivedAt: new Date(Date.UTC(2024, 0, 2) + i * 3 * 86_400_000), decidedAt: null, signedOffAt: null }))
    .map((c) => ({ ...c, decidedAt: new Date(c.receivedAt.getTime() + 20 * 3_600_000), signedOffAt: new Date(c.receivedAt.getTime() + 22 * 3_600_000) }));
  const rows = run(contacts);
  const checks = rows.contact_checks!;
  const asked = new Set(checks.map((c) => c.contact_id)).size;
  assert.ok(asked > 90 && asked < 190, `checks on ${asked} of 200 contacts`);
  assert.ok(checks.every((c) => c.agency_id !== 'agency-school'), 'never asks the agency that made the contact');
  const responded = checks.filter((c) => c.status === 'responded');
  assert.ok(responded.length / checks.length > 0.85);
  for (const check of checks) {
    const contactRow = rows.contacts!.find((c) => c.id === check.contact_id)!;
    assert.ok((check.requested_at as Date) >= (contactRow.received_at as Date));
    assert.ok((check.requested_at as Date) <= (contactRow.decided_at as Date), 'asked before the decision');
    const involvement = rows.involvements!.find((i) => i.source_id === check.id)!;
    assert.equal(involvement.basis, 'multi_agency_check');
    if (check.status === 'responded') {
      assert.ok(check.response && check.responded_by);
      assert.equal(involvement.end_date, ukDate(check.responded_at as Date));
    }
  }
  assertNothingAfter(rows, END);
  assertSameKeys(rows);
});

test('the same journey and seed give the same rows', () => {
  const contacts = [contact({ id: 'c-1' }), contact({ id: 'c-2', receivedAt: new Date('2025-09-01T10:00:00Z'), outcome: 'advice', level: 2 })];
  assert.deepEqual(run(contacts, 7), run(contacts, 7));
});
