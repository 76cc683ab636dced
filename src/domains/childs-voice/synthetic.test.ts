import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { CpPlanSpell, EarlyHelpSpell, EpisodeSpell } from '../../synthetic/types.ts';
import { synthesise as surveys } from '../surveys/synthetic.ts';
import { synthesise, YOUNGEST } from './synthetic.ts';

const plan = (startDate: string): CpPlanSpell => ({ id: `plan-${startDate}`, startDate, endDate: null, initialCategory: 'NEG', categories: ['NEG'], previousPlans: 0, previousPlanEnd: null, endReason: null, initialConferenceId: 'conf' });
const episode = (plans: CpPlanSpell[]) => ({ cpPlans: plans }) as unknown as EpisodeSpell;
const earlyHelp = (openedOn: string, reviewDates: string[]) => ({ id: `eh-${openedOn}`, openedOn, reviewDates }) as unknown as EarlyHelpSpell;

describe('the child’s views and surveys synthesise', () => {
  it('hears children old enough at most initial conferences and some early help reviews, naming nobody, never after the end', () => {
    let heard = 0;
    let chances = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { ctx, rows } = collectingContext('2026-03-31', seed);
      const journey = { ...emptyJourney('2015-06-01'), episodes: [episode([plan('2024-02-01'), plan('2026-05-01')])], earlyHelp: [earlyHelp('2023-01-10', ['2023-04-10', '2023-07-10'])] };
      synthesise(journey, ctx);
      const young = { ...emptyJourney('2021-06-01'), episodes: [episode([plan(`${2021 + YOUNGEST - 1}-01-01`)])] };
      synthesise(young, ctx);
      chances += 3;
      for (const v of rows.child_views ?? []) {
        heard += 1;
        assert.equal(v.person_id, 'child-1');
        assert.ok(String(v.recorded_on) <= '2026-03-31');
        assert.equal(v.captured_how === 'other', v.captured_other !== null);
      }
      assert.equal((rows.chronology ?? []).length, (rows.child_views ?? []).length);
      for (const e of rows.chronology ?? []) assert.match(String(e.summary), /^The child’s views recorded \((spoken to alone|spoken to with a parent or carer|through a drawing or activity|through an advocate|another way)\)$/);
    }
    assert.ok(heard > chances * 0.4 && heard < chances * 0.85, `${heard} of ${chances}`);
  });

  it('makes one children’s survey a year for the whole run, with links used at most once and answers only to its questions', () => {
    const { ctx, rows } = collectingContext('2026-03-31', 3);
    for (let i = 0; i < 5; i++) surveys({ ...emptyJourney('2014-01-01'), earlyHelp: [earlyHelp('2024-03-01', []), earlyHelp('2026-01-05', [])] }, ctx);
    assert.deepEqual(rows.surveys!.map((s) => [s.opens_on, s.status]), [['2024-06-01', 'closed']], 'a year whose survey would open after the end has none');
    const links = rows.survey_links!;
    const used = links.filter((l) => l.used_at);
    assert.equal(links.length, 30);
    assert.equal(rows.survey_responses!.length, used.length);
    assert.equal(new Set(rows.survey_responses!.map((r) => r.link_id)).size, used.length);
    const questionIds = new Set(rows.survey_questions!.map((q) => q.id));
    assert.ok(rows.survey_answers!.every((a) => questionIds.has(a.question_id as string)));
    assert.ok(rows.survey_responses!.every((r) => r.user_id === null && String(r.submitted_on) <= '2024-07-15'));
  });
});
