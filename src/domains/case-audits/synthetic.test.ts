import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TEMPLATES } from '../../db/migrations/0027_case_audits.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import { ageOn, describeChild, drawSample } from './sampling.ts';
import { sample } from './synthetic.ts';

const END = '2026-03-31';

describe('case audit sampling', () => {
  it('draws the same children from the same seed, never more than asked or than there are', () => {
    const candidates = Array.from({ length: 20 }, (_, i) => ({ personId: `p-${String(i).padStart(2, '0')}` }));
    const first = drawSample(candidates, 5, 42);
    assert.deepEqual(drawSample([...candidates].reverse(), 5, 42), first, 'the order the records come in does not matter');
    assert.equal(new Set(first.map((c) => c.personId)).size, 5);
    assert.notDeepEqual(drawSample(candidates, 5, 43), first, 'another seed, another sample');
    assert.equal(drawSample(candidates.slice(0, 3), 5, 1).length, 3);
  });
  it('describes a child by sex and age, never by name', () => {
    assert.equal(ageOn('2015-06-01', '2022-05-31'), 6);
    assert.equal(ageOn('2015-06-01', '2022-06-01'), 7);
    assert.equal(describeChild('F', '2015-06-01', '2022-06-01'), 'Girl aged 7');
    assert.equal(describeChild('M', '2022-01-01', '2022-06-01'), 'Boy aged under 1');
    assert.equal(describeChild(null, null, '2022-06-01'), 'Child, age not known');
  });
});

describe('case audits synthesise', () => {
  it('fills a half-year audit with up to six children, each agency’s answers and, once complete, agreed grades', () => {
    const { ctx, rows } = collectingContext(END, 7);
    for (let i = 0; i < 9; i++) sample({ ...emptyJourney('2016-03-01'), child: { ...emptyJourney('2016-03-01').child, personId: `child-${i}` } }, ctx, { template: 4, from: '2024-01-01', to: '2024-06-30' });
    const [audit] = rows.case_audits!;
    assert.equal(rows.case_audits!.length, 1, 'one audit for the theme and half-year');
    assert.equal(audit!.state, 'complete');
    assert.ok(audit!.key_findings);
    const cases = rows.case_audit_cases!;
    assert.deepEqual(cases.map((c) => c.case_number), [1, 2, 3, 4, 5, 6]);
    assert.equal(cases[0]!.description, 'Girl aged 8');
    const questions = DEFAULT_TEMPLATES[3]!.questions.length;
    assert.equal(rows.case_audit_moderations!.length, 6 * questions);
    const answered = rows.case_audit_responses!.filter((r) => !r.not_involved).length;
    assert.equal(rows.case_audit_answers!.length, answered * questions);
    assert.equal(rows.case_audit_agencies!.filter((a) => a.submitted_at).length, 4);
    for (const a of rows.case_audit_actions!) assert.equal(a.status === 'complete', Boolean(a.evidence && a.completed_on && String(a.completed_on) <= END));
  });
  it('leaves the latest audit open with only social care’s answers, and samples nothing from a period not yet over', () => {
    const { ctx, rows } = collectingContext('2026-02-28', 3);
    sample(emptyJourney(), ctx, { template: 2, from: '2025-07-01', to: '2025-12-31' });
    assert.equal(rows.case_audits![0]!.state, 'open');
    assert.deepEqual(rows.case_audit_responses!.map((r) => r.agency_id), ['agency-csc']);
    assert.equal(rows.case_audit_moderations, undefined);
    assert.equal(rows.case_audit_actions, undefined);
    const later = collectingContext('2026-02-28', 3);
    sample(emptyJourney(), later.ctx, { template: 2, from: '2026-01-01', to: '2026-06-30' });
    assert.equal(later.rows.case_audits, undefined);
  });
});
