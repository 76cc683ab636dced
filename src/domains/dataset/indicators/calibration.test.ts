import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestConnection } from '../../../../test/support/database.ts';
import { generateAuthority } from '../../../synthetic/authority.ts';
import { financialYearOf, measure } from '../../../synthetic/calibration.ts';
import { STEP_DOWN_AGENCY } from './early-help.ts';
import { cellAt, type Evaluation, evaluate } from './compute.ts';
import { INDICATORS, indicatorById } from './index.ts';
import type { Breakdown } from './types.ts';

/**
 * The dataset's indicators against the synthetic authority's own calibration (src/synthetic/calibration.ts
 * `measure`), on one tiny authority: for the last full financial year, every figure both work out must be the same
 * number. They are written independently (the calibration as plain SQL over the tables), so agreement checks both.
 *
 * One definition differs on purpose: missing episodes are placed on the UK calendar day they started, where the
 * calibration compares `started_at` with dates in the session's time zone. The calibration is therefore measured
 * with the session in UK time, where the two are the same definition. (Children looked after only under short
 * breaks, which the indicators leave out, are never generated, so the care counts need no adjustment.)
 */
const END = '2025-03-31';
const YEAR = financialYearOf(END);

describe('the indicators on a tiny synthetic authority', () => {
  let t: TestConnection;
  let measured: Record<string, number>;
  before(async () => {
    t = await testDatabase();
    await generateAuthority(t.db, { scale: 'tiny', seed: 3, years: 2, end: END });
    measured = await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL TimeZone = 'Europe/London'`.execute(trx);
      return measure(trx, YEAR);
    });
  });
  after(() => t.close());

  const run = (id: string, breakdowns: Breakdown[] = []): Promise<Evaluation> => evaluate(t.db, indicatorById(id)!, YEAR, breakdowns);

  it('gives the calibration’s figures for the last full financial year', async () => {
    const figures: Record<string, number | null> = {};
    const total = async (key: string, id: string) => {
      if (indicatorById(id)) figures[key] = (await run(id)).total.value;
    };
    await total('cic_at_end', 'cic_at_end');
    await total('cic_admissions', 'cic_admissions');
    await total('eh_registered', 'eh_assessments');
    figures.eh_deescalation = cellAt(await run('eh_assessments', ['agency']), STEP_DOWN_AGENCY)?.value ?? 0;
    await total('masg_referrals', 'masg_referrals');
    await total('missing_incidents', 'missing_incidents');
    figures.missing_cic_incidents = cellAt(await run('missing_incidents', ['category']), 'Child in care')?.value ?? 0;
    // The seed's "individuals by month" summed over the year: each month's different children, added up.
    const byMonth = await run('missing_children', ['month']);
    figures.missing_individual_months = byMonth.cells.filter((c) => c.keys[0] !== null).reduce((sum, c) => sum + (c.value ?? 0), 0);
    await total('lado_meetings', 'lado_referrals');
    await total('lado_advice', 'lado_advice');
    await total('marac_cases', 'marac_cases');
    await total('marac_repeats', 'marac_repeats');
    await total('cp_at_end', 'cp_plans_at_end');
    // Plans open as the year starts are those open at the end of the day before it, the quarterly snapshot's first date.
    figures.cp_at_start = cellAt(await run('cp_plans_at_end', ['quarter']), '2024-03-31')?.value ?? null;
    const byCategory = await run('cp_plans_at_end', ['category']);
    const share = (label: string) => {
      const whole = byCategory.total.value ?? 0;
      return whole ? Math.round((1000 * (cellAt(byCategory, label)?.value ?? 0)) / whole) / 10 : 0;
    };
    figures.cp_neglect_pct = share('Neglect');
    figures.cp_emotional_pct = share('Emotional abuse');
    figures.cp_physical_pct = share('Physical abuse');
    figures.cp_sexual_pct = share('Sexual abuse');
    // Child protection's other figures, once the social care indicators are in the library.
    await total('cp_starting', 'cp_plans_starting');
    await total('cp_ending', 'cp_plans_ending');
    await total('cp_repeat_pct', 'cp_repeat_ever');

    for (const [key, value] of Object.entries(figures)) assert.equal(value, measured[key], key);
    // This tiny authority (seed 3) has some of everything the comparison covers, or agreeing would prove little.
    for (const key of ['cic_at_end', 'cic_admissions', 'eh_registered', 'eh_deescalation', 'masg_referrals', 'missing_incidents', 'missing_cic_incidents', 'lado_meetings', 'lado_advice', 'marac_cases', 'marac_repeats', 'cp_at_end']) {
      assert.ok((figures[key] ?? 0) > 0, `${key} is 0 on the tiny authority`);
    }
  });

  it('evaluates every indicator with every breakdown it declares, alone and by month, adding up to its whole', async () => {
    for (const indicator of INDICATORS) {
      const whole = await evaluate(t.db, indicator, YEAR);
      assert.equal(whole.noData, false, `${indicator.id}: the tiny authority has its records`);
      for (const b of indicator.breakdowns) {
        const e = await evaluate(t.db, indicator, YEAR, [b]);
        const label = `${indicator.id} by ${b}`;
        assert.ok(e.cells.length > (whole.total.rows ? 1 : 0), label);
        if (b === 'incidents') {
          // By number of times: the people at each count add up to the people in the period.
          const people = e.cells.filter((c) => c.keys[0] !== null).reduce((n, c) => n + c.people, 0);
          assert.equal(people, whole.total.people, label);
          continue;
        }
        assert.deepEqual([e.total.rows, e.total.counted, e.total.value], [whole.total.rows, whole.total.counted, whole.total.value], label);
        if (indicator.measure !== 'people' && (indicator.periodType === 'flow' || (b !== 'month' && b !== 'quarter'))) {
          // Each row has one key, so the keyed cells add up to the whole (people can be in several, and a
          // snapshot's dates are separate counts).
          const rows = e.cells.filter((c) => c.keys[0] !== null).reduce((n, c) => n + c.rows, 0);
          assert.equal(rows, whole.total.rows, `${label}: the keys add up`);
        }
        if (b !== 'month' && b !== 'quarter') {
          const paired = await evaluate(t.db, indicator, YEAR, ['month', b].filter((x) => indicator.breakdowns.includes(x as Breakdown)) as Breakdown[]);
          assert.equal(paired.total.value, whole.total.value, `${label} and month`);
        }
      }
    }
  });
});
