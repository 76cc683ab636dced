/**
 * The annual report for the last complete financial year of the synthetic authority, built from the records by
 * `buildAnnualReport` (every section's indicators, each one query over the records, suppressed and laid out), against
 * hand-written SQL for the same figures in the same run: one query per section, written as an analyst would for this
 * one report (grouping sets over each section's records, no shared indicator definitions). Before timing, the two are
 * checked to agree on each section's totals, so the comparison is of the same figures. Also prints the dataset's
 * figures for the year beside seed 001's (the calibration targets), scaled to the authority's children.
 * Target (issue 11): kent ≤ 3 s and ≤ 1.5× the hand-written SQL.
 *
 *   npm run bench:report                 BENCH_SCALE=kent for the large authority
 */
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/types.ts';
import { evaluate } from '../src/domains/dataset/indicators/compute.ts';
import { indicatorById } from '../src/domains/dataset/indicators/index.ts';
import { workingDaysBetweenSql } from '../src/domains/dataset/indicators/social-care.ts';
import { FIGURES_AT_ONCE, inTurns } from '../src/domains/dataset/in-turns.ts';
import { buildAnnualReport } from '../src/domains/dataset/report/build.ts';
import { boardExtra, section11Extra, trainingExtra } from '../src/domains/dataset/report/extras.ts';
import { financialYearRange, financialYearStart } from '../src/platform/calendar/financial-year.ts';
import { addCalendarDays } from '../src/platform/calendar/working-days.ts';
import { compare, financialYearOf, reportTable } from '../src/synthetic/calibration.ts';
import { benchAuthority } from './support/authority.ts';
import { type Figure, isMain, report } from './support/report.ts';

const ROUNDS = 5;

type Rows = Record<string, unknown>[];
const run = async (db: Kysely<Database>, query: ReturnType<typeof sql>) => (await query.execute(db)).rows as Rows;

/** The same figures as the report, section by section, by hand. Returns each section's headline totals. */
async function handWritten(db: Kysely<Database>, year: number): Promise<Record<string, number>> {
  const { from, to } = financialYearRange(year);
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  const dayBefore = sql`(${f} - 1)`;
  const quarterEnds = sql`(VALUES (${dayBefore}), ((${f} + interval '3 months' - interval '1 day')::date), ((${f} + interval '6 months' - interval '1 day')::date),
    ((${f} + interval '9 months' - interval '1 day')::date), (${t})) AS d(at)`;
  const monthEnds = sql`(SELECT ${dayBefore} AS at UNION ALL SELECT (date_trunc('month', m) + interval '1 month' - interval '1 day')::date FROM generate_series(${f}, ${t}, interval '1 month') m) AS d`;
  const ukStart = sql`(${f}::timestamp AT TIME ZONE 'Europe/London')`;
  const ukEnd = sql`((${t} + 1)::timestamp AT TIME ZONE 'Europe/London')`;
  const age = (at: ReturnType<typeof sql>) => sql`date_part('year', age(${at}, p.date_of_birth))`;
  const sections: (() => Promise<[string, number][]>)[] = [
    // Early help: assessments registered by month, gender, age, locality and who completed them; MASG referrals.
    async () => {
      const eh = await run(db, sql`
        SELECT to_char(a.registered_on, 'YYYY-MM') AS month, CASE WHEN p.date_of_birth IS NULL OR p.date_of_birth > a.registered_on THEN 'unborn' ELSE p.sex END AS gender,
          CASE WHEN p.date_of_birth IS NULL OR p.date_of_birth > a.registered_on THEN 'unborn' WHEN ${age(sql`a.registered_on`)} < 6 THEN '0to5'
               WHEN ${age(sql`a.registered_on`)} < 12 THEN '6to11' WHEN ${age(sql`a.registered_on`)} < 16 THEN '12to15' ELSE '16plus' END AS band,
          c.locality, CASE WHEN c.source = 'step_down' THEN 'step_down' ELSE a.completing_agency_id::text END AS agency, count(*) AS n
        FROM early_help_assessments a JOIN early_help_cases c ON c.id = a.case_id JOIN people p ON p.id = c.person_id
        WHERE a.status = 'registered' AND a.registered_on BETWEEN ${f} AND ${t}
        GROUP BY GROUPING SETS ((1), (2), (3), (4), (5), ())`);
      const masg = await run(db, sql`
        SELECT r.route, count(*) AS n FROM panel_referrals r JOIN panels p ON p.id = r.panel_id
        WHERE p.kind = 'masg' AND r.referred_on BETWEEN ${f} AND ${t} GROUP BY GROUPING SETS ((1), ())`);
      await run(db, sql`
        SELECT i.issue, count(*) FROM panel_referrals r JOIN panels p ON p.id = r.panel_id CROSS JOIN LATERAL (SELECT DISTINCT unnest(r.presenting_issues) AS issue) i
        WHERE p.kind = 'masg' AND r.referred_on BETWEEN ${f} AND ${t} GROUP BY 1`);
      return [['eh_assessments', total(eh)], ['masg_referrals', total(masg)]];
    },
    // Contacts, referrals, re-referrals, assessments in 45 working days and children in need, by quarter.
    async () => {
      const contacts = await run(db, sql`
        SELECT date_trunc('quarter', (c.received_at AT TIME ZONE 'Europe/London')) AS q, count(*) AS n FROM contacts c JOIN contact_people cp ON cp.contact_id = c.id AND cp.role = 'child'
        WHERE c.received_at >= ${ukStart} AND c.received_at < ${ukEnd} GROUP BY GROUPING SETS ((1), ())`);
      const referrals = await run(db, sql`
        SELECT date_trunc('quarter', e.referral_date) AS q, count(*) AS n,
          count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cin_episodes x WHERE x.person_id = e.person_id AND x.referral_date <= e.referral_date
            AND x.referral_date >= (e.referral_date - interval '12 months')::date
            AND (x.referral_date, coalesce(x.closure_date, 'infinity'::date), x.id) < (e.referral_date, coalesce(e.closure_date, 'infinity'::date), e.id))) AS again
        FROM cin_episodes e WHERE e.referral_date BETWEEN ${f} AND ${t} GROUP BY GROUPING SETS ((1), ())`);
      const assessments = await run(db, sql`
        SELECT date_trunc('quarter', a.authorised_date) AS q, count(*) AS n,
          count(*) FILTER (WHERE ${workingDaysBetweenSql(sql`e.referral_date`, sql`a.authorised_date`)} <= 45) AS on_time
        FROM assessments a JOIN cin_episodes e ON e.id = a.episode_id
        WHERE a.status = 'authorised' AND a.authorised_date BETWEEN ${f} AND ${t} GROUP BY GROUPING SETS ((1), ())`);
      const cin = await run(db, sql`
        SELECT d.at, count(DISTINCT e.person_id) AS n FROM ${quarterEnds} JOIN cin_episodes e ON e.referral_date <= d.at AND (e.closure_date IS NULL OR e.closure_date > d.at) AND NOT e.referral_nfa
        WHERE e.closure_date IS NULL OR e.closure_date >= ${f} GROUP BY d.at`);
      return [['contacts', total(contacts)], ['referrals', total(referrals)], ['cin_at_end', Number(cin.find((r) => iso(r.at) === to)?.n ?? 0)], ['assessments_45wd', total(assessments)]];
    },
    // Child protection: plans open at the year start and each quarter end by age, gender, category and ethnicity;
    // plans starting (and repeats) and ending (and those lasting 2 years) by month.
    async () => {
      const open = await run(db, sql`
        SELECT d.at, CASE WHEN p.date_of_birth IS NULL OR p.date_of_birth > d.at OR ${age(sql`d.at`)} < 1 THEN 'under1' WHEN ${age(sql`d.at`)} < 5 THEN '1to4'
               WHEN ${age(sql`d.at`)} < 10 THEN '5to9' WHEN ${age(sql`d.at`)} < 16 THEN '10to15' ELSE '16plus' END AS band,
          coalesce(p.sex, 'U') AS sex, cp.initial_category AS category, coalesce(p.ethnicity, 'NOBT') AS ethnicity, count(*) AS n
        FROM ${quarterEnds} JOIN cp_plans cp ON cp.start_date <= d.at AND (cp.end_date IS NULL OR cp.end_date > d.at) JOIN people p ON p.id = cp.person_id
        WHERE cp.end_date IS NULL OR cp.end_date >= ${f}
        GROUP BY GROUPING SETS ((d.at, 2), (d.at, 3), (d.at, 4), (d.at, 5), (d.at))`);
      const starting = await run(db, sql`
        SELECT to_char(start_date, 'YYYY-MM') AS month, count(*) AS n, count(*) FILTER (WHERE previous_plans > 0) AS repeats FROM cp_plans
        WHERE start_date BETWEEN ${f} AND ${t} GROUP BY GROUPING SETS ((1), ())`);
      const ending = await run(db, sql`
        SELECT to_char(end_date, 'YYYY-MM') AS month, count(*) AS n, count(*) FILTER (WHERE end_date >= (start_date + interval '24 months')::date) AS long FROM cp_plans
        WHERE end_date BETWEEN ${f} AND ${t} GROUP BY GROUPING SETS ((1), ())`);
      const atEnd = open.find((r) => iso(r.at) === to && r.band === null && r.sex === null && r.category === null && r.ethnicity === null);
      return [['cp_plans_at_end', Number(atEnd?.n ?? 0)], ['cp_plans_starting', total(starting)], ['cp_plans_ending', total(ending)]];
    },
    // Children in care at each month end, and admissions over the 12 months to each month end.
    async () => {
      const open = await run(db, sql`
        SELECT d.at, count(*) AS n FROM ${monthEnds} JOIN care_periods cp ON cp.start_date <= d.at AND (cp.end_date IS NULL OR cp.end_date > d.at)
        LEFT JOIN care_episodes e ON e.period_id = cp.id AND e.start_date <= d.at AND (e.end_date IS NULL OR e.end_date > d.at)
        WHERE (cp.end_date IS NULL OR cp.end_date >= ${dayBefore}) AND coalesce(e.legal_status, '') NOT IN ('V3', 'V4') GROUP BY d.at`);
      const admissions = await run(db, sql`
        SELECT d.at, count(cp.id) AS n FROM ${monthEnds} LEFT JOIN care_periods cp ON cp.start_date BETWEEN (d.at - interval '1 year' + interval '1 day')::date AND d.at
          AND NOT EXISTS (SELECT 1 FROM care_episodes e WHERE e.period_id = cp.id AND e.start_date = cp.start_date AND e.legal_status IN ('V3', 'V4'))
        GROUP BY d.at`);
      return [['cic_at_end', Number(open.find((r) => iso(r.at) === to)?.n ?? 0)], ['cic_admissions', Number(admissions.find((r) => iso(r.at) === to)?.n ?? 0)]];
    },
    async () => {
      const cases = await run(db, sql`
        SELECT referring_agency, count(*) AS n, count(repeat_of) AS repeats FROM marac_cases WHERE referred_on BETWEEN ${f} AND ${t} GROUP BY GROUPING SETS ((1), ())`);
      const children = await run(db, sql`
        SELECT count(*) AS n FROM marac_cases mc JOIN marac_case_children ch ON ch.case_id = mc.id WHERE mc.referred_on BETWEEN ${f} AND ${t}`);
      return [['marac_cases', total(cases)], ['marac_children', total(children)]];
    },
    // Missing: incidents and children by month, in care or at home, and how many times each child went missing.
    async () => {
      const byMonth = await run(db, sql`
        SELECT to_char(m.started_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, m.in_care, count(*) AS n, count(DISTINCT m.person_id) AS children
        FROM missing_episodes m WHERE m.started_at >= ${ukStart} AND m.started_at < ${ukEnd} GROUP BY GROUPING SETS ((1, 2), (1), (2), ())`);
      await run(db, sql`
        SELECT least(n, 10), count(*) FROM (SELECT person_id, count(*) AS n FROM missing_episodes WHERE started_at >= ${ukStart} AND started_at < ${ukEnd} GROUP BY person_id) x GROUP BY ROLLUP (1)`);
      await run(db, sql`
        SELECT in_care, least(n, 10), count(*) FROM (SELECT person_id, in_care, count(*) AS n FROM missing_episodes WHERE started_at >= ${ukStart} AND started_at < ${ukEnd} GROUP BY person_id, in_care) x
        GROUP BY GROUPING SETS ((1, 2), (1), (2), ())`);
      const all = byMonth.find((r) => r.month === null && r.in_care === null);
      return [['missing_incidents', Number(all?.n ?? 0)], ['missing_children', Number(all?.children ?? 0)]];
    },
    async () => {
      const lado = await run(db, sql`
        SELECT referring_agency, category, count(*) AS n FROM lado_cases WHERE received_on BETWEEN ${f} AND ${t} AND decision = 'meeting' GROUP BY GROUPING SETS ((1), (2), ())`);
      return [['lado_referrals', total(lado)]];
    },
    // Section 11, training and board attendance come from those capabilities' own summaries in both. (The working-day count is the
    // dataset's SQL fragment: a calendar is not something to write twice.)
    async () => {
      await Promise.all([section11Extra(db, year), trainingExtra(db, year), boardExtra(db, year)]);
      return [];
    },
  ];
  const results = await inTurns(sections, FIGURES_AT_ONCE, (s) => s());
  return Object.fromEntries(results.flat());
}

/** The grand total of a GROUPING SETS result: the row with every key null. */
const total = (rows: Rows) => Number(rows.find((r) => Object.entries(r).every(([k, v]) => ['n', 'again', 'on_time', 'repeats', 'long', 'children'].includes(k) || v === null))?.n ?? 0);
const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

async function median(rounds: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** The seed's calibration figures, worked out by the dataset's own indicators. */
async function datasetCalibration(db: Kysely<Database>, period: { from: string; to: string }): Promise<Record<string, number>> {
  const value = async (id: string, at = period) => (await evaluate(db, indicatorById(id)!, at)).total;
  const dayBefore = addCalendarDays(period.from, -1);
  const children = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM people WHERE person_type = 'child' AND date_of_birth <= ${period.to}::date AND date_of_birth > (${period.to}::date - interval '18 years')`.execute(db)).rows[0]!.n);
  const neglectAtEnd = (await evaluate(db, indicatorById('cp_plans_at_end')!, period, ['category'])).cells;
  const share = (label: string, of: number) => Math.round((1000 * (neglectAtEnd.find((c) => c.keys[0] === label)?.value ?? 0)) / Math.max(of, 1)) / 10;
  const atEnd = (await value('cp_plans_at_end')).value ?? 0;
  const missing = await evaluate(db, indicatorById('missing_incidents')!, period, ['category']);
  const missingMonths = await evaluate(db, indicatorById('missing_children')!, period, ['month']);
  return {
    children,
    eh_registered: (await value('eh_assessments')).value ?? 0,
    masg_referrals: (await value('masg_referrals')).value ?? 0,
    cp_at_start: (await value('cp_plans_at_end', { from: dayBefore, to: dayBefore })).value ?? 0,
    cp_at_end: atEnd,
    cp_starting: (await value('cp_plans_starting')).value ?? 0,
    cp_repeat_pct: (await value('cp_repeat_ever')).value ?? 0,
    cp_ending: (await value('cp_plans_ending')).value ?? 0,
    cp_ending_2y: (await value('cp_ended_2y')).counted,
    cp_neglect_pct: share('Neglect', atEnd),
    cp_emotional_pct: share('Emotional abuse', atEnd),
    cp_physical_pct: share('Physical abuse', atEnd),
    cp_sexual_pct: share('Sexual abuse', atEnd),
    cic_at_end: (await value('cic_at_end')).value ?? 0,
    cic_admissions: (await value('cic_admissions')).value ?? 0,
    missing_incidents: missing.total.value ?? 0,
    missing_cic_incidents: missing.cells.find((c) => c.keys[0] === 'Child in care')?.value ?? 0,
    missing_individual_months: missingMonths.cells.filter((c) => c.keys[0] !== null).reduce((sum, c) => sum + (c.value ?? 0), 0),
    lado_meetings: (await value('lado_referrals')).value ?? 0,
    lado_advice: indicatorById('lado_advice') ? ((await value('lado_advice')).value ?? 0) : 0,
    marac_cases: (await value('marac_cases')).value ?? 0,
    marac_repeats: (await value('marac_repeats')).value ?? 0,
  };
}

export async function annualReportBench(): Promise<Figure[]> {
  const authority = await benchAuthority();
  const { db } = authority;
  try {
    const fy = financialYearOf(authority.end);
    const year = financialYearStart(fy.from);
    console.log(`annual report: ${authority.scale} (${authority.children} children), financial year ${fy.label}`);

    // The same figures both ways, before anything is timed.
    const unsuppressed = await buildAnnualReport(db, year, { threshold: 0 });
    const hand = await handWritten(db, year);
    const reported = new Map(unsuppressed.sections.flatMap((s) => s.figures.map((f) => [f.indicator.id, f.unit === 'percent' ? f.of?.rows : f.value] as const)));
    const disagreements = Object.entries(hand).filter(([id, n]) => reported.has(id) && reported.get(id) !== n);
    for (const [id, n] of disagreements) console.log(`  DISAGREE ${id}: report ${String(reported.get(id))}, hand-written ${n}`);
    console.log(`  checked ${Object.keys(hand).length} section totals against the hand-written SQL: ${disagreements.length ? `${disagreements.length} differ` : 'all agree'}`);

    const reportMs = await median(ROUNDS, () => buildAnnualReport(db, year));
    const handMs = await median(ROUNDS, () => handWritten(db, year));
    const tables = unsuppressed.sections.reduce((n, s) => n + s.tables.length, 0);
    console.log(`  report: ${tables} tables in ${unsuppressed.sections.length} sections, median of ${ROUNDS} ${reportMs.toFixed(0)} ms; hand-written SQL median ${handMs.toFixed(0)} ms`);

    // The dataset has no indicator for de-escalations alone or child deaths (the child death review's own figures).
    const figures = await datasetCalibration(db, fy);
    const calibration = compare(figures, figures.children!).filter((c) => !['eh_deescalation', 'cdop_deaths', 'cdop_reviewed'].includes(c.target.key));
    console.log(reportTable(fy, calibration).replace(/^/gm, '  '));
    const within = calibration.filter((c) => c.within).length;

    return [
      { bench: 'report', measure: `annual report ${fy.label} (${authority.scale})`, value: reportMs, unit: 'ms', target: authority.scale === 'kent' ? 3000 : null, kind: 'max', note: `${tables} tables; ${disagreements.length ? 'FIGURES DIFFER from the hand-written SQL' : 'same totals as the hand-written SQL'}` },
      { bench: 'report', measure: `annual report ÷ hand-written SQL (${authority.scale})`, value: reportMs / handMs, unit: '×', target: 1.5, kind: 'max', note: `hand-written ${handMs.toFixed(0)} ms` },
      { bench: 'report', measure: `dataset figures within the seed's calibration tolerance (${authority.scale})`, value: within, unit: `of ${calibration.length}`, target: null, kind: 'min' },
    ];
  } finally {
    await authority.close();
  }
}

if (isMain(import.meta.url)) report(await annualReportBench());
