import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { CareEpisodeSpell, CarePeriodSpell, EpisodeSpell, Journey } from '../../synthetic/types.ts';
import { CHILDREN_IN_CARE_CHRONOLOGY_LABELS } from './chronology-labels.ts';
import { ageAt, placementProblems } from './rules-903.ts';
import { placementsOf } from './stability.ts';
import { synthesise } from './synthetic.ts';

type Row = Record<string, unknown>;

const spell = (id: string, startDate: string, endDate: string | null, values: Partial<CareEpisodeSpell>): CareEpisodeSpell => ({
  id,
  startDate,
  endDate,
  reasonNewEpisode: 'S',
  legalStatus: 'V2',
  placementType: 'U6',
  placementProvider: 'PR1',
  reasonCeased: endDate ? 'X1' : null,
  reasonPlaceChange: null,
  ...values,
});

/** Moved about: S in foster care, L to a care order, respite and back, a children's home, then home. */
const MOVES: CareEpisodeSpell[] = [
  spell('e1', '2022-03-07', '2022-06-20', {}),
  spell('e2', '2022-06-20', '2023-02-13', { reasonNewEpisode: 'L', legalStatus: 'C2' }),
  spell('e3', '2023-02-13', '2023-02-27', { reasonNewEpisode: 'P', legalStatus: 'C2', placementType: 'T3', placementProvider: null }),
  spell('e4', '2023-02-27', '2024-05-01', { reasonNewEpisode: 'P', legalStatus: 'C2' }),
  spell('e5', '2024-05-01', '2025-01-20', { reasonNewEpisode: 'P', legalStatus: 'C2', placementType: 'K2', placementProvider: 'PR4', reasonCeased: 'E4A', reasonPlaceChange: null }),
];
MOVES[3]!.reasonPlaceChange = 'CREQB';

function period(overrides: Partial<CarePeriodSpell> = {}): CarePeriodSpell {
  return { id: 'period-1', startDate: '2022-03-07', endDate: '2025-01-20', categoryOfNeed: 'N1', uasc: false, episodes: MOVES, ...overrides };
}

function run(p: CarePeriodSpell, dateOfBirth = '2012-06-01', end = '2026-03-31', seed = 1) {
  const cin: EpisodeSpell = {
    id: 'episode-1', referralDate: '2022-02-20', source: '1A', contactId: null, reReferral: false, referralNfa: false, primaryNeed: 'N1', assessment: null, cinPlans: [], strategy: null, section47: null, cpPlans: [],
    carePeriods: [p], closureDate: null, closureReason: null, phases: [{ team: 'children_in_care', start: '2022-02-20', end: null }],
  };
  const journey: Journey = { ...emptyJourney(dateOfBirth), episodes: [cin] };
  const { ctx, rows } = collectingContext(end, seed);
  synthesise(journey, ctx);
  const get = (table: keyof typeof rows) => (rows[table] ?? []) as Row[];
  return { rows, get };
}

const details = (e: Row) => ({ legalStatus: e.legal_status as string, placementType: e.placement_type as string, placementProvider: e.placement_provider as string | null, carerName: e.carer_name as string | null, urn: e.urn as string | null, placementPostcode: e.placement_postcode as string | null });

describe('children in care synthesis', () => {
  it('writes the period and its episodes as the journey gives them, linked by its ids, with the IRO named', () => {
    const { get } = run(period());
    const [row] = get('care_periods');
    assert.deepEqual([row!.id, row!.episode_id, row!.start_date, row!.end_date, row!.category_of_need], ['period-1', 'episode-1', '2022-03-07', '2025-01-20', 'N1']);
    assert.ok(['chair-1', 'chair-2'].includes(row!.iro_id as string));
    const episodes = get('care_episodes');
    assert.deepEqual(episodes.map((e) => [e.id, e.reason_new_episode, e.legal_status, e.placement_type, e.end_date, e.reason_ceased]), MOVES.map((m) => [m.id, m.reasonNewEpisode, m.legalStatus, m.placementType, m.endDate, m.reasonCeased]));
    assert.equal(episodes[3]!.reason_place_change, 'CREQB');
    assert.ok(episodes.every((e) => e.home_postcode === 'ZZ99 7AB'));
  });

  it('records carers, URNs and postcodes the 903 rules accept, keeping the placement through a change of legal status and a respite break', () => {
    const episodes = run(period()).get('care_episodes');
    for (const e of episodes) assert.deepEqual(placementProblems(details(e), { dateOfBirth: '2012-06-01', date: e.start_date as string }), [], String(e.id));
    const [e1, e2, e3, e4, e5] = episodes;
    assert.deepEqual(details(e2!), { ...details(e1!), legalStatus: 'C2' });
    assert.deepEqual([e3!.urn, e3!.placement_postcode], [null, null]);
    assert.deepEqual([e4!.carer_name, e4!.urn, e4!.placement_postcode], [e1!.carer_name, e1!.urn, e1!.placement_postcode]);
    assert.notEqual(e5!.carer_name, e4!.carer_name);
    const placements = placementsOf(episodes.map((e) => ({ ...details(e), startDate: e.start_date as string, endDate: e.end_date as string | null })));
    assert.equal(placements.length, 2, 'the foster placement continues through the legal status change and respite');
  });

  it('holds reviews on the statutory timescale, mostly on time, with PN0 only for children under 4', () => {
    let late = 0;
    let all = 0;
    for (let seed = 1; seed <= 15; seed += 1) {
      const dob = seed % 2 ? '2012-06-01' : '2021-09-01';
      const reviews = run(period(), dob, '2026-03-31', seed).get('care_reviews');
      const held = reviews.map((r) => r.held_on as string);
      assert.equal(reviews[0]!.due_date, dueDate('firstCareReview', '2022-03-07'));
      assert.equal(reviews[1]!.due_date, dueDate('secondCareReview', held[0]!));
      for (let i = 2; i < reviews.length; i += 1) assert.equal(reviews[i]!.due_date, dueDate('careReview', held[i - 1]!));
      for (const r of reviews) {
        assert.ok((r.held_on as string) > '2022-03-07' && (r.held_on as string) <= '2025-01-20');
        assert.equal(r.participation === 'PN0', ageAt(dob, r.held_on as string) < 4);
        all += 1;
        if ((r.held_on as string) > (r.due_date as string)) late += 1;
      }
    }
    assert.ok(late / all > 0.02 && late / all < 0.25, `${late} of ${all} late`);
  });

  it('makes the health and education checks on their clocks, for the ages they apply to', () => {
    const dob = '2013-01-10';
    const checks = run(period({ endDate: null, episodes: MOVES.slice(0, 4).map((m, i) => (i === 3 ? { ...m, endDate: null, reasonCeased: null } : m)) }), dob, '2031-03-31').get('care_checks');
    const of = (kind: string) => checks.filter((c) => c.kind === kind).map((c) => c.done_on as string);
    const health = checks.filter((c) => c.kind === 'initial_health' || c.kind === 'review_health').sort((a, b) => String(a.done_on).localeCompare(String(b.done_on)));
    assert.equal(health[0]!.kind, 'initial_health');
    assert.equal(health.filter((c) => c.kind === 'initial_health').length, 1);
    assert.ok(of('dental').length >= 7 && of('immunisations').length >= 7);
    assert.ok(of('sdq').every((d) => ageAt(dob, d) >= 4 && ageAt(dob, d) <= 16) && of('sdq').length >= 3);
    assert.ok(of('pep').every((d) => ageAt(dob, d) >= 4 && ageAt(dob, d) <= 17) && of('pep').length >= 12);
    assert.ok(checks.filter((c) => c.kind === 'sdq').every((c) => typeof c.score === 'number' && c.score >= 0 && c.score <= 40));
    assert.ok(checks.filter((c) => c.kind !== 'sdq').every((c) => c.score === null));
  });

  it('keeps a period open at the end of the data open, and dates nothing after the end', () => {
    const end = '2023-08-31';
    const { rows, get } = run(period(), '2012-06-01', end);
    assert.equal(get('care_periods')[0]!.end_date, null);
    const episodes = get('care_episodes');
    assert.equal(episodes.length, 4);
    assert.deepEqual([episodes[3]!.end_date, episodes[3]!.reason_ceased, episodes[3]!.reason_place_change], [null, null, null]);
    for (const [table, list] of Object.entries(rows)) {
      for (const row of list ?? []) {
        for (const field of ['start_date', 'end_date', 'held_on', 'done_on']) if (typeof row[field] === 'string') assert.ok((row[field] as string) <= end, `${table}.${field}`);
        if (row.occurred_at) assert.ok((row.occurred_at as Date).toISOString().slice(0, 10) <= end);
      }
    }
    assert.ok(!get('chronology').some((c) => c.entry_type === 'care.ended'));
  });

  it('ends the last episode with the period even when the journey left it open', () => {
    const episodes = MOVES.slice(0, 2).map((m, i) => (i === 1 ? { ...m, endDate: null, reasonCeased: null } : m));
    const rows = run(period({ endDate: '2023-05-02', episodes })).get('care_episodes');
    assert.deepEqual([rows[1]!.end_date, rows[1]!.reason_ceased], ['2023-05-02', 'E8']);
  });

  it('records no home postcode for an unaccompanied asylum-seeking child', () => {
    const { get } = run(period({ uasc: true, categoryOfNeed: 'N8' }), '2008-02-01');
    assert.ok(get('care_episodes').every((e) => e.home_postcode === null));
    assert.match(get('chronology')[0]!.summary as string, /unaccompanied asylum-seeking child/);
  });

  it('gives every row of a table the same columns, writes only its own chronology types and is deterministic', () => {
    const first = run(period());
    for (const [table, list] of Object.entries(first.rows)) {
      const keys = JSON.stringify(Object.keys(list![0]!).sort());
      for (const row of list!) assert.equal(JSON.stringify(Object.keys(row).sort()), keys, table);
    }
    for (const entry of first.get('chronology')) assert.ok((entry.entry_type as string) in CHILDREN_IN_CARE_CHRONOLOGY_LABELS, entry.entry_type as string);
    assert.deepEqual(first.get('chronology').filter((c) => c.entry_type !== 'care.review_held' && c.entry_type !== 'care.check_recorded').map((c) => c.entry_type), ['care.started', 'care.changed', 'care.changed', 'care.changed', 'care.changed', 'care.ended']);
    assert.deepEqual(run(period()).rows, first.rows);
  });
});
