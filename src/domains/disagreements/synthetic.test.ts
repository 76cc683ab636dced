import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { ContactSpell } from '../../synthetic/types.ts';
import { RAISED_SUMMARY } from './service.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-03-31';
const contact = (outcome: ContactSpell['outcome'], agency: ContactSpell['agency'] = 'school', decided = '2025-06-02T10:00:00Z'): ContactSpell => ({
  id: 'contact-1', receivedAt: new Date('2025-06-02T09:00:00Z'), agency, outcome, level: 2, decidedAt: new Date(decided), signedOffAt: null, presentingNeeds: [], earlyHelpCaseId: null,
});

describe('professional disagreements synthesise', () => {
  it('raises one from a partner against a decision not taken further, at a modest rate, in order and nothing after the end', () => {
    const { ctx, rows } = collectingContext(END, 3);
    for (let i = 0; i < 4000; i++) synthesise({ ...emptyJourney(), contacts: [contact('no_further_action')] }, ctx);
    const made = rows.disagreements ?? [];
    assert.ok(made.length > 30 && made.length < 100, `about 1 in 70 such contacts: ${made.length}`);
    for (const d of made) {
      assert.equal(d.raised_by_agency, 'agency-school');
      assert.equal(d.about_agency, 'agency-csc');
      const steps = (rows.disagreement_steps ?? []).filter((s) => s.disagreement_id === d.id);
      assert.equal(steps.filter((s) => s.kind === 'escalated').length, (d.stage as number) - 1);
      for (const s of steps) assert.ok((s.occurred_on as string) >= (d.raised_on as string) && (s.occurred_on as string) <= END);
      if (d.stage === 4) assert.ok(steps.filter((s) => s.stage === 4).every((s) => s.recorded_by === 'user-partnership'), 'stage 4 is the partnership’s');
    }
    assert.ok(made.some((d) => d.status === 'resolved') && made.some((d) => (d.stage as number) > 1));
    assert.ok((rows.chronology ?? []).every((e) => e.summary !== RAISED_SUMMARY || e.person_id === 'child-1'));
  });

  it('leaves social care’s own contacts and contacts taken further alone', () => {
    const { ctx, rows } = collectingContext(END, 3);
    for (let i = 0; i < 2000; i++) synthesise({ ...emptyJourney(), contacts: [contact('social_care_referral'), contact('advice', 'csc')] }, ctx);
    assert.equal(rows.disagreements, undefined);
  });

  it('leaves one raised near the end of the data open at its stage', () => {
    const { ctx, rows } = collectingContext('2026-03-31', 5);
    for (let i = 0; i < 3000; i++) synthesise({ ...emptyJourney(), contacts: [contact('advice', 'health', '2026-03-27T10:00:00Z')] }, ctx);
    const made = rows.disagreements ?? [];
    assert.ok(made.length > 0);
    assert.ok(made.every((d) => d.status === 'open' || (d.closed_on as string) <= '2026-03-31'));
    assert.ok(made.some((d) => d.status === 'open'));
  });
});
