import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { DISTANCE_TRAVELLED, QUALITY_OF_CARE } from '../../db/migrations/0031_practice_tools.ts';

describe('the practice tools demo', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 120 });
  });
  after(() => t?.close());

  it('scores both tools several times on a few children, one improving and one worsening on each', async () => {
    const scorings = await t.db.selectFrom('practice_tool_scorings').selectAll().orderBy('scored_on').execute();
    const byChild = new Map<string, typeof scorings>();
    for (const s of scorings) byChild.set(`${s.tool_id}|${s.person_id}`, [...(byChild.get(`${s.tool_id}|${s.person_id}`) ?? []), s]);
    const runs = [...byChild.values()];
    assert.ok(runs.every((r) => r.length >= 3), 'several scorings each');
    const trend = (toolId: string, better: (first: number, last: number) => boolean) => runs.filter((r) => r[0]!.tool_id === toolId && better(r[0]!.overall_score, r.at(-1)!.overall_score)).length;
    assert.ok(trend(QUALITY_OF_CARE.id, (a, b) => b < a) >= 1, 'a Quality of Care improving (lower is better)');
    assert.ok(trend(QUALITY_OF_CARE.id, (a, b) => b > a) >= 1, 'a Quality of Care getting worse');
    assert.ok(trend(DISTANCE_TRAVELLED.id, (a, b) => b > a) >= 1, 'distance travelled improving');
    assert.ok(trend(DISTANCE_TRAVELLED.id, (a, b) => b < a) >= 1, 'distance travelled getting worse');
    assert.ok(scorings.every((s) => s.context_type !== null), 'each linked to the plan, case or referral it was done for');
    const entries = await t.db.selectFrom('chronology').select('record_id').where('entry_type', '=', 'practice_tool.scored').execute();
    assert.equal(entries.length, scorings.length);
  });

  it('shows a demo child’s trend to the practitioner who scored them', async () => {
    const [qoc] = await t.db.selectFrom('practice_tool_scorings').select('person_id').where('tool_id', '=', QUALITY_OF_CARE.id).limit(1).execute();
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const page = await sam.get(`/people/${qoc!.person_id}/practice-tools/${QUALITY_OF_CARE.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /(Improved|Worsened) from [\d.]+ to [\d.]+ over \d+ months? \(lower is better; 4 scorings\)/);
    assert.match(page.body, /Child protection plan, from/);
  });

  it('is linked from the child’s record and from the plan, case and referral each scoring was done for', async () => {
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const contexts = await t.db.selectFrom('practice_tool_scorings').select(['person_id', 'context_type', 'context_id']).distinct().execute();
    const pages = { cp_plan: '/child-protection/plans/', early_help: '/early-help/cases/', panel_referral: '/panels/referrals/' } as const;
    for (const type of ['cp_plan', 'early_help', 'panel_referral'] as const) {
      const c = contexts.find((x) => x.context_type === type);
      assert.ok(c, `a demo scoring done for a ${type}`);
      const page = await sam.get(`${pages[type]}${c.context_id}`);
      assert.equal(page.statusCode, 200, type);
      assert.ok(page.body.includes(`href="/people/${c.person_id}/practice-tools?context=${type}:${c.context_id}"`), `the ${type} page links to the child’s practice tools`);
      const tools = await sam.get(`/people/${c.person_id}/practice-tools?context=${type}:${c.context_id}`);
      assert.match(tools.body, /Scoring for .* Scores you record from here are linked to it\./);
    }
    const record = await sam.get(`/people/${contexts[0]!.person_id}`);
    assert.ok(record.body.includes(`href="/people/${contexts[0]!.person_id}/practice-tools"`), 'the record links to practice tools');
  });
});
