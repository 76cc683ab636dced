import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { AssessmentSpell, EpisodeSpell, Journey } from '../../synthetic/types.ts';
import { synthesise } from './synthetic.ts';

const assessment = (over: Partial<AssessmentSpell> = {}): AssessmentSpell => ({
  id: 'assessment-1',
  startDate: '2024-01-10',
  dueDate: dueDate('assessment', '2024-01-08'),
  childSeenOn: '2024-01-15',
  submittedOn: '2024-02-20',
  authorisedOn: '2024-02-26',
  outcome: 'child_in_need_plan',
  factors: ['16A', '4B'],
  ...over,
});

const episode = (over: Partial<EpisodeSpell> = {}): EpisodeSpell => ({
  id: 'episode-1',
  referralDate: '2024-01-08',
  source: '2A',
  contactId: null,
  reReferral: false,
  referralNfa: false,
  primaryNeed: 'N1',
  assessment: assessment(),
  cinPlans: [{ id: 'plan-1', startDate: '2024-02-26', endDate: '2025-03-14', endReason: 'needs_met' }],
  strategy: null,
  section47: null,
  cpPlans: [],
  carePeriods: [],
  closureDate: '2025-03-20',
  closureReason: 'RC7',
  phases: [{ team: 'assessment', start: '2024-01-08', end: '2025-03-20' }],
  ...over,
});

function run(episodes: EpisodeSpell[], end = '2026-03-31', seed = 1) {
  const journey: Journey = { ...emptyJourney('2015-06-01'), episodes };
  const { ctx, rows } = collectingContext(end, seed);
  synthesise(journey, ctx);
  return rows;
}

const sameKeys = (rows: Record<string, unknown>[] | undefined) => {
  const shapes = new Set((rows ?? []).map((r) => Object.keys(r).sort().join(',')));
  assert.ok(shapes.size <= 1, `rows differ in their keys: ${[...shapes].join(' | ')}`);
};
const types = (rows: ReturnType<typeof run>) => (rows.chronology ?? []).map((c) => c.entry_type);

describe('referrals synthesise', () => {
  it('writes a closed episode with its authorised assessment, plan, items and 3-monthly reviews, all linked', () => {
    const rows = run([episode()]);
    const [ep] = rows.cin_episodes!;
    assert.equal(ep!.id, 'episode-1');
    assert.equal(ep!.closure_date, '2025-03-20');
    assert.equal(ep!.closure_reason, 'RC7');
    assert.equal(ep!.primary_need, 'N1');
    const [a] = rows.assessments!;
    assert.deepEqual([a!.id, a!.episode_id, a!.status, a!.authorised_date, a!.authorised_by, a!.worker_id], ['assessment-1', 'episode-1', 'authorised', '2024-02-26', 'manager-assessment', 'worker-assessment-1']);
    assert.ok(a!.analysis && a!.child_views && a!.family_views);
    const [plan] = rows.cin_plans!;
    assert.deepEqual([plan!.id, plan!.episode_id, plan!.end_date, plan!.end_reason], ['plan-1', 'episode-1', '2025-03-14', 'The child is no longer in need']);
    assert.ok(rows.cin_plan_items!.length >= 3 && rows.cin_plan_items!.every((i) => i.plan_id === 'plan-1'));
    const reviews = rows.cin_plan_reviews!.map((r) => r.review_date as string);
    assert.ok(reviews.length >= 3, 'reviewed through the year');
    let last = '2024-02-26';
    for (const r of rows.cin_plan_reviews!) {
      assert.ok((r.review_date as string) > last && (r.review_date as string) <= '2025-03-14');
      assert.ok((r.review_date as string) <= addMonths(dueDate('cinPlanReview', last), 1), 'no review more than a month late');
      last = r.review_date as string;
    }
    assert.equal(plan!.next_review_due, dueDate('cinPlanReview', last));
    for (const t of ['referral.received', 'assessment.started', 'assessment.submitted', 'assessment.authorised', 'cin_plan.started', 'cin_plan.reviewed', 'cin_plan.ended', 'referral.closed']) assert.ok(types(rows).includes(t), t);
    assert.ok(rows.chronology!.every((c) => c.agency_id === 'agency-csc' && c.recorded_by));
    for (const table of Object.values(rows)) sameKeys(table);
  });

  it('leaves work after the end undone: assessment in progress, open plan with its review due', () => {
    const end = '2024-02-15';
    const rows = run([episode()], end);
    const [ep] = rows.cin_episodes!;
    assert.equal(ep!.closure_date, null);
    assert.equal(ep!.primary_need, null, 'no need before the assessment is authorised');
    const [a] = rows.assessments!;
    assert.deepEqual([a!.status, a!.outcome, a!.submitted_at, a!.authorised_date], ['in_progress', null, null, null]);
    assert.equal(rows.cin_plans, undefined);
    assert.ok(rows.chronology!.every((c) => (c.occurred_at as Date).toISOString().slice(0, 10) <= end));

    const open = run([episode({ closureDate: null, cinPlans: [{ id: 'plan-1', startDate: '2024-02-26', endDate: null, endReason: null }] })], '2024-12-31');
    const [plan] = open.cin_plans!;
    assert.equal(plan!.end_date, null);
    const lastReview = open.cin_plan_reviews!.at(-1)!.review_date as string;
    assert.equal(plan!.next_review_due, dueDate('cinPlanReview', lastReview));
    assert.ok(lastReview <= '2024-12-31');
    assert.ok(open.cin_plan_reviews!.every((r) => r.decision === 'continue' && r.next_review_due));
  });

  it('a submitted assessment waits for the manager with its recommendation', () => {
    const rows = run([episode({ closureDate: null, cinPlans: [] })], '2024-02-22');
    const [a] = rows.assessments!;
    assert.deepEqual([a!.status, a!.outcome, a!.authorised_by], ['submitted', 'child_in_need_plan', null]);
    assert.ok(a!.submitted_at instanceof Date && a!.child_seen_date === '2024-01-15');
  });

  it('closes a referral with no further action without an assessment', () => {
    const rows = run([episode({ referralNfa: true, primaryNeed: 'N9', assessment: null, cinPlans: [], closureDate: '2024-01-09', closureReason: 'RC7', phases: [{ team: 'assessment', start: '2024-01-08', end: '2024-01-09' }] })]);
    const [ep] = rows.cin_episodes!;
    assert.deepEqual([ep!.referral_nfa, ep!.closure_reason, ep!.primary_need], [true, 'RC7', 'N9']);
    assert.ok(ep!.closure_notes);
    assert.equal(rows.assessments, undefined);
    assert.deepEqual(types(rows), ['referral.received', 'referral.primary_need', 'referral.no_further_action']);
  });

  it('closes after assessment on the day it is authorised (RC8), in the service’s words', () => {
    const rows = run([episode({ assessment: assessment({ outcome: 'no_further_action' }), cinPlans: [], closureDate: '2024-02-26', closureReason: 'RC8' })]);
    const closed = rows.chronology!.find((c) => c.entry_type === 'referral.closed');
    assert.equal(closed!.summary, 'Episode closed after assessment: no further action');
    const authorised = rows.chronology!.find((c) => c.entry_type === 'assessment.authorised')!;
    assert.ok((authorised.occurred_at as Date) < (closed!.occurred_at as Date));
  });

  it('an episode that had a section 47 closes as services ceased, never “closed after assessment”, and nothing in it is dated after closure', () => {
    const rows = run([episode({
      assessment: assessment({ outcome: 'strategy_discussion', submittedOn: '2024-02-20', authorisedOn: '2024-02-26' }),
      cinPlans: [],
      strategy: { id: 'strategy-1', heldOn: '2024-01-09', decision: 'section_47' },
      section47: { id: 's47-1', strategyId: 'strategy-1', startDate: '2024-01-09', icpcTarget: '2024-01-30', completedOn: '2024-01-22', outcome: 'concerns_not_substantiated' },
      closureDate: '2024-01-22',
      closureReason: 'RC8',
    })]);
    const [ep] = rows.cin_episodes!;
    assert.equal(ep!.closure_reason, 'RC7');
    const [a] = rows.assessments!;
    assert.equal(a!.status, 'authorised');
    assert.ok((a!.authorised_date as string) <= '2024-01-22' && (a!.child_seen_date as string) <= '2024-01-22');
    assert.ok(rows.chronology!.every((c) => (c.occurred_at as Date).toISOString().slice(0, 10) <= '2024-01-22'));
  });

  it('a child protection plan ends the child in need plan in child protection’s words', () => {
    const cp = { id: 'cp-1', startDate: '2024-06-03', endDate: null, initialCategory: 'NEG', categories: ['NEG'], previousPlans: 0, previousPlanEnd: null, endReason: null, initialConferenceId: 'icpc-1' };
    const rows = run([episode({ cinPlans: [{ id: 'plan-1', startDate: '2024-02-26', endDate: '2024-06-03', endReason: 'child_protection' }], cpPlans: [cp], closureDate: null })]);
    const [plan] = rows.cin_plans!;
    assert.equal(plan!.end_reason, 'Child protection plan started');
    assert.ok(rows.chronology!.some((c) => c.entry_type === 'cin_plan.ended' && c.summary === 'Child in need plan ended: Child protection plan started'));
    assert.ok((rows.cin_plan_reviews ?? []).every((r) => (r.review_date as string) < '2024-06-03'));
  });

  it('a referral from the front door is made at sign-off, and a later contact is noted on the open episode', () => {
    const contact = (id: string, at: string) => ({ id, receivedAt: new Date(`${at}T09:00:00Z`), agency: 'school' as const, outcome: 'social_care_referral' as const, level: 3, decidedAt: new Date(`${at}T15:00:00Z`), signedOffAt: new Date(`${at}T16:00:00Z`), presentingNeeds: [], earlyHelpCaseId: null });
    const journey: Journey = { ...emptyJourney(), contacts: [contact('contact-1', '2024-01-08'), contact('contact-2', '2024-04-02')], episodes: [episode({ contactId: 'contact-1' })] };
    const { ctx, rows } = collectingContext();
    synthesise(journey, ctx);
    const [ep] = rows.cin_episodes!;
    assert.deepEqual([ep!.contact_id, ep!.created_by, (ep!.created_at as Date).toISOString()], ['contact-1', 'manager-assessment', '2024-01-08T16:00:00.000Z']);
    const added = rows.chronology!.filter((c) => c.entry_type === 'referral.contact_added');
    assert.equal(added.length, 1);
    assert.equal(added[0]!.record_id, 'episode-1');
    const started = rows.chronology!.find((c) => c.entry_type === 'assessment.started')!;
    assert.ok((started.occurred_at as Date) > (ep!.created_at as Date));
  });

  it('a plan the journey left open on a closed episode ends with it (census rule 4001)', () => {
    const rows = run([episode({ cinPlans: [{ id: 'plan-1', startDate: '2024-02-26', endDate: null, endReason: null }] })]);
    assert.equal(rows.cin_plans![0]!.end_date, '2025-03-20');
    assert.ok(rows.cin_plan_reviews!.every((r) => (r.review_date as string) <= '2025-03-20'));
  });

  it('is deterministic', () => {
    const a = run([episode(), episode({ id: 'episode-2', referralDate: '2025-06-02', assessment: assessment({ id: 'assessment-2', startDate: '2025-06-03', childSeenOn: '2025-06-05', submittedOn: '2025-07-20', authorisedOn: '2025-07-24' }), cinPlans: [{ id: 'plan-2', startDate: '2025-07-24', endDate: null, endReason: null }], closureDate: null, reReferral: false })], '2026-03-31', 7);
    const b = run([episode(), episode({ id: 'episode-2', referralDate: '2025-06-02', assessment: assessment({ id: 'assessment-2', startDate: '2025-06-03', childSeenOn: '2025-06-05', submittedOn: '2025-07-20', authorisedOn: '2025-07-24' }), cinPlans: [{ id: 'plan-2', startDate: '2025-07-24', endDate: null, endReason: null }], closureDate: null, reReferral: false })], '2026-03-31', 7);
    assert.deepEqual(a, b);
  });
});
