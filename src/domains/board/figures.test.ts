import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attendanceByAgency, budgetShares, isOverdue, planSummary, pounds } from './figures.ts';
import { money } from './schema.ts';

describe('board figures', () => {
  const meetings = [
    { id: 'm1', held_on: '2025-05-15', kind: 'board' as const },
    { id: 'm2', held_on: '2025-07-15', kind: 'board' as const },
    { id: 'dev', held_on: '2025-06-15', kind: 'development_day' as const },
    { id: 'm3', held_on: '2025-11-17', kind: 'board' as const },
    { id: 'm4', held_on: '2026-01-15', kind: 'board' as const },
  ];

  it('counts a mid-year joiner only for meetings after they joined, leaves out development days, and counts a deputy as present', () => {
    const members = [
      { id: 'police', agency_id: 'A', from_on: '2020-01-01', to_on: null },
      { id: 'health-new', agency_id: 'B', from_on: '2025-10-01', to_on: null },
      { id: 'health-old', agency_id: 'B', from_on: '2020-01-01', to_on: '2025-06-30' },
      { id: 'never', agency_id: 'C', from_on: '2026-03-01', to_on: null },
    ];
    const marks = [
      { meeting_id: 'm1', member_id: 'police', status: 'attended' as const },
      { meeting_id: 'm2', member_id: 'police', status: 'apologies' as const },
      { meeting_id: 'dev', member_id: 'police', status: 'absent' as const },
      { meeting_id: 'm3', member_id: 'police', status: 'deputy' as const },
      // m4 unrecorded: counts as absent.
      { meeting_id: 'm1', member_id: 'health-old', status: 'attended' as const },
      { meeting_id: 'm3', member_id: 'health-new', status: 'attended' as const },
      { meeting_id: 'm4', member_id: 'health-new', status: 'attended' as const },
    ];
    const rows = attendanceByAgency(members, meetings, marks);
    assert.deepEqual(rows.find((r) => r.agencyId === 'A'), { agencyId: 'A', expected: 4, present: 2, apologies: 1, percent: 50 });
    assert.deepEqual(rows.find((r) => r.agencyId === 'B'), { agencyId: 'B', expected: 3, present: 3, apologies: 0, percent: 100 }, 'the joiner is expected at 2 meetings, the leaver at 1');
    assert.equal(rows.find((r) => r.agencyId === 'C'), undefined, 'an agency expected at no meeting has no figure');
  });

  it('shares the budget by amount agreed, with totals and what is still to come', () => {
    const result = budgetShares([{ agency_id: 'A', agreed_pence: 300_000, received_pence: 300_000 }, { agency_id: 'B', agreed_pence: 600_000, received_pence: 100_000 }, { agency_id: 'C', agreed_pence: 100_000, received_pence: 0 }]);
    assert.deepEqual(result.shares.map((s) => s.sharePercent), [30, 60, 10]);
    assert.equal(result.agreedPence, 1_000_000);
    assert.equal(result.receivedPence, 400_000);
    assert.equal(result.outstandingPence, 600_000);
    assert.deepEqual(budgetShares([]).shares, []);
    assert.equal(budgetShares([{ agency_id: 'A', agreed_pence: 1, received_pence: 0 }, { agency_id: 'B', agreed_pence: 2, received_pence: 0 }]).shares[0]!.sharePercent, 33.3);
  });

  it('shows pence as pounds and reads pounds as pence', () => {
    assert.equal(pounds(1_234_567), '£12,345.67');
    assert.equal(pounds(6_200_000), '£62,000');
    assert.equal(pounds(5), '£0.05');
    assert.equal(money('Amount').parse('£12,500.5'), 1_250_050);
    assert.equal(money('Amount').parse('62000'), 6_200_000);
    assert.equal(money('Amount').parse(''), 0);
    assert.equal(money('Amount', 'Enter the amount').safeParse('').success, false);
    for (const bad of ['12.345', '-5', 'ten pounds', '£20,000,000']) assert.equal(money('Amount').safeParse(bad).success, false, bad);
  });

  it('flags overdue actions and sums the plan by priority and RAG status', () => {
    const today = '2026-01-10';
    assert.equal(isOverdue({ due_on: '2026-01-09', rag: 'green' }, today), true);
    assert.equal(isOverdue({ due_on: '2026-01-10', rag: 'red' }, today), false, 'due today is not yet overdue');
    assert.equal(isOverdue({ due_on: '2025-01-01', rag: 'complete' }, today), false);
    const summary = planSummary([{ id: 'p1', number: 1, title: 'Neglect' }, { id: 'p2', number: 2, title: 'Exploitation' }], [
      { priority_id: 'p1', due_on: '2026-01-01', rag: 'amber' }, { priority_id: 'p1', due_on: '2025-12-01', rag: 'complete' },
      { priority_id: 'p2', due_on: '2026-03-01', rag: 'red' }, { priority_id: 'p2', due_on: '2026-03-01', rag: 'green' },
    ], today);
    assert.deepEqual(summary.rows[0]!.counts, { red: 0, amber: 1, green: 0, complete: 1, overdue: 1, total: 2 });
    assert.deepEqual(summary.totals, { red: 1, amber: 1, green: 1, complete: 1, overdue: 1, total: 4 });
  });
});
