import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { CpPlanSpell, EpisodeSpell, Journey } from '../../synthetic/types.ts';
import { CHILD_PROTECTION_CHRONOLOGY_LABELS } from './chronology-labels.ts';
import { synthesise } from './synthetic.ts';

type Row = Record<string, unknown>;

function episode(overrides: Partial<EpisodeSpell> = {}): EpisodeSpell {
  return {
    id: 'episode-1',
    referralDate: '2024-01-02',
    source: '1A',
    contactId: null,
    reReferral: false,
    referralNfa: false,
    primaryNeed: 'N1',
    assessment: null,
    cinPlans: [],
    strategy: { id: 'strategy-1', heldOn: '2024-01-08', decision: 'section_47' },
    section47: { id: 's47-1', strategyId: 'strategy-1', startDate: '2024-01-08', icpcTarget: dueDate('initialConference', '2024-01-08'), completedOn: '2024-01-19', outcome: 'conference' },
    cpPlans: [],
    carePeriods: [],
    closureDate: null,
    closureReason: null,
    phases: [
      { team: 'assessment', start: '2024-01-02', end: '2024-01-29' },
      { team: 'child_protection', start: '2024-01-29', end: null },
    ],
    ...overrides,
  };
}

const plan = (overrides: Partial<CpPlanSpell> = {}): CpPlanSpell => ({
  id: 'plan-1',
  startDate: '2024-01-29',
  endDate: null,
  initialCategory: 'NEG',
  categories: ['NEG'],
  previousPlans: 0,
  previousPlanEnd: null,
  endReason: null,
  initialConferenceId: 'icpc-1',
  ...overrides,
});

function run(ep: EpisodeSpell, end = '2026-03-31', seed = 1) {
  const journey: Journey = { ...emptyJourney('2015-06-01'), episodes: [ep] };
  const { ctx, rows } = collectingContext(end, seed);
  synthesise(journey, ctx);
  const get = (table: keyof typeof rows) => (rows[table] ?? []) as Row[];
  return { rows, get };
}

const DATE_FIELDS = ['held_on', 'start_date', 'completed_date', 'end_date', 'head_of_service_review_on', 'legal_planning_on'];

describe('child protection synthesis', () => {
  it('links the strategy discussion, enquiry, initial conference and plan by the journey’s ids', () => {
    const { get } = run(episode({ cpPlans: [plan()] }));
    const [strategy] = get('strategy_discussions');
    assert.equal(strategy!.id, 'strategy-1');
    assert.equal(strategy!.decision, 'section_47');
    const [s47] = get('section_47_enquiries');
    assert.deepEqual([s47!.id, s47!.strategy_id, s47!.completed_date, s47!.outcome], ['s47-1', 'strategy-1', '2024-01-19', 'conference']);
    const icpc = get('cp_conferences').find((c) => c.kind === 'initial')!;
    assert.deepEqual([icpc.id, icpc.section_47_id, icpc.plan_id, icpc.held_on, icpc.decision, icpc.due_date], ['icpc-1', 's47-1', 'plan-1', '2024-01-29', 'plan', dueDate('initialConference', '2024-01-08')]);
    assert.deepEqual(icpc.categories, ['NEG']);
    const [p] = get('cp_plans');
    assert.deepEqual([p!.id, p!.start_date, p!.initial_category, p!.end_date], ['plan-1', '2024-01-29', 'NEG', null]);
    const agencies = get('meeting_attendance').filter((a) => a.meeting_id === 'strategy-1').map((a) => a.agency_id);
    for (const agency of ['agency-csc', 'agency-police', 'agency-health', 'agency-school']) assert.ok(agencies.includes(agency), agency);
  });

  it('reviews a plan on the timescale and ends it at a review held on its end date', () => {
    const { get } = run(episode({ cpPlans: [plan({ endDate: '2025-06-16', endReason: 'child_in_need', categories: ['NEG', 'EMO'], initialCategory: 'MUL' })] }));
    const reviews = get('cp_conferences').filter((c) => c.kind === 'review').sort((a, b) => String(a.due_date).localeCompare(String(b.due_date)));
    assert.equal(reviews[0]!.due_date, dueDate('firstReviewConference', '2024-01-29'));
    for (let i = 1; i < reviews.length; i += 1) assert.equal(reviews[i]!.due_date, dueDate('reviewConference', reviews[i - 1]!.held_on as string));
    const last = reviews.at(-1)!;
    assert.deepEqual([last.held_on, last.decision], ['2025-06-16', 'end_plan']);
    assert.ok(reviews.slice(0, -1).every((r) => r.decision === 'continue_plan' && (r.held_on as string) < '2025-06-16'));
    assert.ok(reviews.every((r) => r.held_on !== null), 'an ended plan leaves no review scheduled');
    const [p] = get('cp_plans');
    assert.deepEqual([p!.end_date, p!.end_reason, p!.initial_category], ['2025-06-16', 'child_in_need', 'MUL']);
    const groups = get('core_groups').sort((a, b) => String(a.due_date).localeCompare(String(b.due_date)));
    assert.equal(groups[0]!.due_date, dueDate('firstCoreGroup', '2024-01-29'));
    for (let i = 1; i < groups.length; i += 1) assert.equal(groups[i]!.due_date, dueDate('coreGroup', groups[i - 1]!.held_on as string));
    assert.ok(groups.filter((g) => g.held_on).every((g) => (g.held_on as string) < '2025-06-16'));
  });

  it('keeps an open plan open with its next review and core group due, and dates nothing after the end', () => {
    const end = '2025-03-31';
    const { rows, get } = run(episode({ cpPlans: [plan()] }), end);
    assert.equal(get('cp_plans')[0]!.end_date, null);
    const scheduled = get('cp_conferences').filter((c) => c.held_on === null);
    assert.equal(scheduled.length, 1);
    assert.equal(scheduled[0]!.kind, 'review');
    const heldReviews = get('cp_conferences').filter((c) => c.kind === 'review' && c.held_on).map((c) => c.held_on as string).sort();
    assert.equal(scheduled[0]!.due_date, dueDate('reviewConference', heldReviews.at(-1)!));
    assert.equal(get('core_groups').filter((g) => g.held_on === null).length, 1);
    for (const [table, list] of Object.entries(rows)) {
      for (const row of list ?? []) {
        for (const field of DATE_FIELDS) if (typeof row[field] === 'string') assert.ok((row[field] as string) <= end, `${table}.${field} ${String(row[field])}`);
        if (row.occurred_at) assert.ok((row.occurred_at as Date).toISOString().slice(0, 10) <= end);
      }
    }
  });

  it('records the head of service review and legal planning for plans that pass 9 and 12 months, within the plan', () => {
    let recorded = 0;
    for (let seed = 1; seed <= 30; seed += 1) {
      const [p] = run(episode({ cpPlans: [plan({ endDate: '2025-09-01', endReason: 'no_longer_needed' })] }), '2026-03-31', seed).get('cp_plans');
      for (const [field, timescale] of [['head_of_service_review_on', 'cpPlanHeadOfService'], ['legal_planning_on', 'cpPlanLegalPlanning']] as const) {
        const on = p![field] as string | null;
        if (!on) continue;
        recorded += 1;
        assert.ok(on >= '2024-01-29' && on < '2025-09-01', on);
        const due = dueDate(timescale, '2024-01-29');
        assert.ok(on >= addCalendarDays(due, -20) && on <= addCalendarDays(due, 31), `${field} ${on} against ${due}`);
      }
    }
    assert.ok(recorded >= 45, `most escalations are recorded (${recorded} of 60)`);
    const short = run(episode({ cpPlans: [plan({ endDate: '2024-07-01', endReason: 'no_longer_needed' })] })).get('cp_plans')[0]!;
    assert.equal(short.head_of_service_review_on, null);
  });

  it('holds an initial conference that decides no plan when the enquiry asked for one and no plan followed', () => {
    const { get } = run(episode());
    const [icpc] = get('cp_conferences');
    assert.deepEqual([icpc!.kind, icpc!.decision, icpc!.section_47_id, icpc!.plan_id], ['initial', 'no_plan', 's47-1', null]);
    assert.ok((icpc!.held_on as string) > '2024-01-19');
    assert.equal(get('cp_plans').length, 0);
  });

  it('leaves an enquiry in progress at the end of the data without an outcome or conference', () => {
    const s47 = { id: 's47-1', strategyId: 'strategy-1', startDate: '2026-03-25', icpcTarget: dueDate('initialConference', '2026-03-25'), completedOn: null, outcome: null };
    const { get } = run(episode({ strategy: { id: 'strategy-1', heldOn: '2026-03-25', decision: 'section_47' }, section47: s47 }));
    const [row] = get('section_47_enquiries');
    assert.deepEqual([row!.completed_date, row!.outcome, row!.findings], [null, null, null]);
    assert.equal(get('cp_conferences').length, 0);
  });

  it('holds most review conferences on time and some late', () => {
    let late = 0;
    let all = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      for (const c of run(episode({ cpPlans: [plan({ endDate: '2026-01-12', endReason: 'looked_after' })] }), '2026-03-31', seed).get('cp_conferences')) {
        if (c.kind !== 'review' || c.decision !== 'continue_plan') continue;
        all += 1;
        if ((c.held_on as string) > (c.due_date as string)) late += 1;
      }
    }
    assert.ok(late / all > 0.03 && late / all < 0.3, `${late} of ${all} late`);
  });

  it('ends a plan the journey ends on its start day on the next day, as the database requires', () => {
    const [p] = run(episode({ cpPlans: [plan({ endDate: '2024-01-29', endReason: 'moved_away' })] })).get('cp_plans');
    assert.deepEqual([p!.end_date, p!.end_reason], ['2024-01-30', 'moved_away']);
  });

  it('gives every row of a table the same columns, writes only its own chronology types and is deterministic', () => {
    const ep = episode({ cpPlans: [plan({ endDate: '2025-02-03', endReason: 'child_in_need' }), plan({ id: 'plan-2', initialConferenceId: 'icpc-2', startDate: '2025-08-04', previousPlans: 1, previousPlanEnd: '2025-02-03' })] });
    const first = run(ep);
    for (const [table, list] of Object.entries(first.rows)) {
      const keys = JSON.stringify(Object.keys(list![0]!).sort());
      for (const row of list!) assert.equal(JSON.stringify(Object.keys(row).sort()), keys, table);
    }
    for (const entry of first.get('chronology')) assert.ok(entry.entry_type as string in CHILD_PROTECTION_CHRONOLOGY_LABELS, entry.entry_type as string);
    assert.ok(first.get('chronology').some((c) => c.entry_type === 'cp_plan.started' && String(c.summary).includes('a repeat plan within 2 years')));
    assert.deepEqual(run(ep).rows, first.rows);
  });
});
