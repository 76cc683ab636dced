import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { DISTANCE_TRAVELLED, QUALITY_OF_CARE } from '../../db/migrations/0031_practice_tools.ts';
import { generateAuthority } from '../../synthetic/authority.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { CpPlanSpell, EarlyHelpSpell, EpisodeSpell } from '../../synthetic/types.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-03-31';
const plan = (over: Partial<CpPlanSpell>): CpPlanSpell => ({
  id: 'plan-1', startDate: '2025-01-10', endDate: '2025-11-20', initialCategory: 'NEG', categories: ['NEG'], previousPlans: 0, previousPlanEnd: null, endReason: 'child_in_need', initialConferenceId: 'icpc-1', ...over,
});
const episode = (plans: CpPlanSpell[]) => ({ id: 'episode-1', cpPlans: plans } as unknown as EpisodeSpell);
const earlyHelp = (over: Partial<EarlyHelpSpell>): EarlyHelpSpell => ({
  id: 'eh-1', route: 'direct', contactId: null, fromEpisodeId: null, openedOn: '2025-04-01', lead: 'eh', assessmentId: 'a-1', assessmentStartedOn: '2025-04-08',
  registeredOn: '2025-04-20', reviewDates: ['2025-07-01', '2025-10-01', '2026-01-05', '2026-06-01'], closedOn: null, closureReason: null, stepUpContactId: null, ...over,
});

describe('practice tools synthesise', () => {
  it('grades neglect plans every three months with Quality of Care, linked to the plan, and skips other categories', () => {
    let improved = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { ctx, rows } = collectingContext(END, seed);
      const journey = emptyJourney('2019-06-01');
      journey.episodes = [episode([plan({}), plan({ id: 'plan-2', categories: ['PHY'], initialCategory: 'PHY' })])];
      synthesise(journey, ctx);
      const scorings = rows.practice_tool_scorings!.filter((s) => s.tool_id === QUALITY_OF_CARE.id);
      assert.deepEqual(scorings.map((s) => s.scored_on), ['2025-01-10', '2025-04-10', '2025-07-10', '2025-10-10']);
      assert.ok(scorings.every((s) => s.context_type === 'cp_plan' && s.context_id === 'plan-1' && s.person_id === 'child-1'));
      assert.equal(rows.practice_tool_scoring_items!.filter((i) => scorings.some((s) => s.id === i.scoring_id)).length, 4 * 10, 'ten items a scoring');
      assert.equal(rows.chronology!.length, rows.practice_tool_scorings!.length);
      if (Number(scorings.at(-1)!.overall_score) < Number(scorings[0]!.overall_score)) improved += 1;
    }
    assert.ok(improved >= 15, `plans ending with needs met mostly improve (lower is better): ${improved} of 20`);
  });

  it('scores distance travelled at the assessment and reviews of about two early help cases in three, nothing after the end', () => {
    let scored = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { ctx, rows } = collectingContext(END, seed);
      const journey = emptyJourney('2016-06-01');
      journey.earlyHelp = [earlyHelp({})];
      synthesise(journey, ctx);
      const scorings = rows.practice_tool_scorings ?? [];
      if (!scorings.length) continue;
      scored += 1;
      assert.deepEqual(scorings.map((s) => s.scored_on), ['2025-04-08', '2025-07-01', '2025-10-01', '2026-01-05']);
      assert.ok(scorings.every((s) => s.tool_id === DISTANCE_TRAVELLED.id && s.context_type === 'early_help' && s.context_id === 'eh-1'));
      assert.equal(rows.practice_tool_scoring_domains!.length, 4 * 8);
      assert.ok(scorings.every((s) => Number(s.overall_score) >= 1 && Number(s.overall_score) <= 10));
    }
    assert.ok(scored > 25 && scored < 55, `about two in three: ${scored} of 60`);
  });
});

describe('practice tools in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: 3, years: 2, end: '2025-03-31' });
  });
  after(() => connection.close());

  it('loads scorings for neglect plans and early help cases that point at the child’s own plan or case', async () => {
    const db = connection.db;
    const scorings = await db.selectFrom('practice_tool_scorings').selectAll().execute();
    assert.ok(scorings.some((s) => s.tool_id === DISTANCE_TRAVELLED.id), 'distance travelled at early help');
    const eh = await db
      .selectFrom('practice_tool_scorings as s')
      .leftJoin('early_help_cases as c', (j) => j.onRef('c.id', '=', 's.context_id').onRef('c.person_id', '=', 's.person_id'))
      .select(['c.id'])
      .where('s.context_type', '=', 'early_help')
      .execute();
    assert.ok(eh.every((r) => r.id !== null), 'each early help scoring names the child’s own case');
    const cp = await db
      .selectFrom('practice_tool_scorings as s')
      .leftJoin('cp_plans as p', (j) => j.onRef('p.id', '=', 's.context_id').onRef('p.person_id', '=', 's.person_id'))
      .select(['p.id', 'p.categories', 'p.initial_category'])
      .where('s.context_type', '=', 'cp_plan')
      .execute();
    assert.ok(cp.every((r) => r.id !== null && (r.categories!.includes('NEG') || r.initial_category === 'NEG')), 'each plan scoring names the child’s own plan for neglect');
    const neglect = await db.selectFrom('cp_plans').select('id').where(sql<boolean>`'NEG' = ANY(categories)`).execute();
    assert.equal(cp.length > 0, neglect.length > 0, `plans for neglect are graded: ${neglect.length} plans, ${cp.length} scorings`);
    assert.ok(scorings.every((s) => s.scored_on <= '2025-03-31'));
  });
});
