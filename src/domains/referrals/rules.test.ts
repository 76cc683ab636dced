import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { StateError } from '../../platform/http/errors.ts';
import { closureProblems, type EpisodeActivity } from './census-activity.ts';
import { assessmentClock, describeRemaining } from './clock.ts';
import { assessmentMachine, cinSourceForContact } from './labels.ts';
import { factorList } from './schema.ts';
import { REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import { CONTACT_SOURCES } from '../front-door/codes.ts';

describe('the assessment state machine', () => {
  it('goes in progress → submitted → authorised, or back to in progress when returned', () => {
    assert.ok(assessmentMachine.allowed('in_progress', 'submitted'));
    assert.ok(assessmentMachine.allowed('submitted', 'authorised'));
    assert.ok(assessmentMachine.allowed('submitted', 'in_progress'));
  });
  it('refuses every other step with a clear message', () => {
    for (const [from, to] of [['in_progress', 'authorised'], ['in_progress', 'in_progress'], ['submitted', 'submitted'], ['authorised', 'in_progress'], ['authorised', 'submitted'], ['authorised', 'authorised']] as const) {
      assert.equal(assessmentMachine.allowed(from, to), false, `${from} → ${to}`);
      assert.throws(() => assessmentMachine.assert(from, to), StateError);
    }
    assert.throws(() => assessmentMachine.assert('in_progress', 'authorised'), /in progress, so it cannot be authorised now\. From here it can only be: submitted for authorisation/);
    assert.throws(() => assessmentMachine.assert('authorised', 'in_progress'), /Nothing can follow this/);
  });
});

describe('the 45-working-day clock', () => {
  it('counts working days from the referral (day 0), skipping Christmas and New Year bank holidays', () => {
    // Friday 18 December 2026: Christmas Day (Fri 25), Boxing Day substitute (Mon 28) and New Year's Day (Fri 1 Jan) are not counted.
    assert.equal(dueDate('assessment', '2026-12-18'), '2027-02-24');
    assert.equal(dueDate('assessmentWarning', '2026-12-18'), '2027-02-10');
    const early = assessmentClock('2026-12-18', '2027-02-24', '2027-01-04');
    assert.equal(early.elapsed, 8, '21, 22, 23, 24, 29, 30, 31 December and 4 January');
    assert.equal(early.status, 'on_track');
    assert.equal(describeRemaining(early), '37 working days left');
  });
  it('turns amber at the warning point, red after the due day, and stops when authorised', () => {
    assert.equal(assessmentClock('2026-12-18', '2027-02-24', '2027-02-09').status, 'on_track');
    assert.equal(assessmentClock('2026-12-18', '2027-02-24', '2027-02-10').status, 'due');
    const today = assessmentClock('2026-12-18', '2027-02-24', '2027-02-24');
    assert.equal(today.status, 'due');
    assert.equal(describeRemaining(today), 'Due today');
    const late = assessmentClock('2026-12-18', '2027-02-24', '2027-03-01');
    assert.equal(late.status, 'overdue');
    assert.equal(describeRemaining(late), '3 working days overdue');
    assert.equal(describeRemaining(assessmentClock('2026-12-18', '2027-02-26', '2027-02-27')), 'Overdue', 'the Saturday after a Friday due date');
    const done = assessmentClock('2026-12-18', '2027-02-24', '2027-06-01', '2027-02-23');
    assert.equal(done.onTime, true);
    assert.equal(done.elapsed, 44);
    assert.equal(assessmentClock('2026-12-18', '2027-02-24', '2027-06-01', '2027-02-25').onTime, false);
  });
});

const activity = (over: Partial<EpisodeActivity> = {}): EpisodeActivity => ({
  dates: [], openAssessments: 0, assessments: 1, openCinPlans: 0, cinPlans: 0, openSection47: 0, section47: 0, openCpPlans: 0, cpPlans: 0, conferences: 0, openCarePeriods: 0, ...over,
});

describe('closing an episode against the census rules', () => {
  const ok = { closureDate: '2027-03-01', reason: 'RC7' };
  it('allows a closure once everything has finished', () => {
    assert.deepEqual(closureProblems(activity({ dates: [{ what: 'the assessment was authorised', date: '2027-02-01' }] }), ok, '2027-01-04'), []);
  });
  it('refuses an unauthorised assessment (8867), an open section 47 (8868), open plans (4001) and a child in care', () => {
    const problems = closureProblems(activity({ openAssessments: 1, openSection47: 1, openCinPlans: 1, openCpPlans: 1, openCarePeriods: 1 }), ok, '2027-01-04').map((p) => p.message);
    assert.equal(problems.length, 5);
    assert.match(problems.join(' '), /assessment has not been authorised.*section 47 enquiry is still open.*child in need plan is still open.*child protection plan is still open.*looked after/s);
  });
  it('refuses a closure date before anything in the episode (8565)', () => {
    const [p] = closureProblems(activity({ dates: [{ what: 'a child in need plan review', date: '2027-03-05' }] }), ok, '2027-01-04');
    assert.equal(p?.field, 'closureDate');
    assert.match(p!.message, /on or after the last thing recorded in the episode \(a child in need plan review, 5 March 2027\)/);
    assert.match(closureProblems(activity(), { ...ok, closureDate: '2027-01-01' }, '2027-01-04')[0]!.message, /on or after the referral date/);
  });
  it('refuses RC8 and RC9 after plans or enquiries (2990), and without an assessment', () => {
    for (const reason of ['RC8', 'RC9']) {
      assert.equal(closureProblems(activity({ cinPlans: 1 }), { ...ok, reason }, '2027-01-04')[0]?.field, 'reason');
      assert.equal(closureProblems(activity({ section47: 1 }), { ...ok, reason }, '2027-01-04')[0]?.field, 'reason');
      assert.match(closureProblems(activity({ assessments: 0 }), { ...ok, reason }, '2027-01-04')[0]!.message, /needs an assessment/);
      assert.deepEqual(closureProblems(activity(), { ...ok, reason }, '2027-01-04'), []);
    }
    assert.deepEqual(closureProblems(activity({ cinPlans: 1 }), ok, '2027-01-04'), [], 'RC7 after a plan is fine');
  });
});

describe('codes', () => {
  it('keeps factor 21 on its own (8869)', () => {
    assert.ok(factorList.safeParse(['21']).success);
    assert.ok(factorList.safeParse(['1B', '3B']).success);
    assert.equal(factorList.safeParse(['21', '1B']).success, false);
    assert.equal(factorList.safeParse(['99']).success, false);
  });
  it('maps every front door source to a CIN referral source', () => {
    for (const source of Object.keys(CONTACT_SOURCES)) assert.ok(REFERRAL_SOURCES[cinSourceForContact(source)], source);
    assert.equal(cinSourceForContact('police'), '6');
    assert.equal(cinSourceForContact('school'), '2A');
    assert.equal(cinSourceForContact('early_help_step_up'), '5D');
    assert.equal(cinSourceForContact('anonymous'), '9');
  });
});
