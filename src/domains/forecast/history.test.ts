import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import type { Database } from '../../db/types.ts';
import { isMonthEnd, latestMonthEnd, readActualCounts, readHistory } from './history.ts';
import { AGE_BANDS, NOT_KNOWN, STATES, type AgeBand, type Counts, type History, type ObservedMonth, type State, type StateOrPool } from './types.ts';

const KEYS: StateOrPool[] = [...STATES, NOT_KNOWN];

/** Full counts from the few cells that are not zero. */
function counts(cells: Partial<Record<AgeBand, Partial<Record<StateOrPool, number>>>>): Counts {
  return Object.fromEntries(AGE_BANDS.map((band) => [band, Object.fromEntries(KEYS.map((key) => [key, cells[band]?.[key] ?? 0]))])) as Counts;
}

/** Full transitions from [band, from, to, children] rows. */
function moves(rows: [AgeBand, StateOrPool, StateOrPool, number][]): ObservedMonth['transitions'] {
  const all = Object.fromEntries(AGE_BANDS.map((band) => [band, Object.fromEntries(KEYS.map((from) => [from, Object.fromEntries(KEYS.map((to) => [to, 0]))]))])) as ObservedMonth['transitions'];
  for (const [band, from, to, n] of rows) all[band][from][to] = n;
  return all;
}

const byState = (cells: Partial<Record<State, number>>) => Object.fromEntries(STATES.map((s) => [s, cells[s] ?? 0])) as Record<State, number>;

let people = 0;
async function person(db: Kysely<Database>, dateOfBirth: string | null, extra: { dateOfDeath?: string; personType?: 'child' | 'adult' | 'unborn'; mergedInto?: string } = {}) {
  people += 1;
  const row = await db
    .insertInto('people')
    .values({
      person_type: extra.personType ?? 'child', given_name: `Fern${people}`, family_name: 'Historyfixture', search_name: `fern${people} historyfixture`,
      date_of_birth: dateOfBirth, date_of_death: extra.dateOfDeath ?? null, merged_into: extra.mergedInto ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function cin(db: Kysely<Database>, personId: string, from: string, to: string | null, nfa = false) {
  const row = await db
    .insertInto('cin_episodes')
    .values({ person_id: personId, referral_date: from, referral_source: '1A', referral_reason: 'Fixture', referral_nfa: nfa, closure_date: to, closure_reason: to ? 'RC7' : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function cpPlan(db: Kysely<Database>, personId: string, episodeId: string, from: string, to: string | null) {
  await db.insertInto('cp_plans').values({ person_id: personId, episode_id: episodeId, start_date: from, end_date: to, initial_category: 'NEG', categories: ['NEG'] }).execute();
}

/** A period of care made of one episode per placement, back to back. */
async function care(db: Kysely<Database>, personId: string, placements: { from: string; to: string | null; place: string; provider: string | null }[]) {
  const last = placements.at(-1)!;
  const period = await db
    .insertInto('care_periods')
    .values({ person_id: personId, start_date: placements[0]!.from, end_date: last.to, category_of_need: 'N1' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, p] of placements.entries()) {
    const ceased = p.to === null ? null : p === last ? 'E8' : 'X1';
    await db
      .insertInto('care_episodes')
      .values({ period_id: period.id, person_id: personId, start_date: p.from, end_date: p.to, reason_new_episode: i === 0 ? 'S' : 'P', legal_status: 'C2', placement_type: p.place, placement_provider: p.provider, reason_ceased: ceased })
      .execute();
  }
}

async function earlyHelp(db: Kysely<Database>, personId: string, from: string, to: string | null) {
  await db
    .insertInto('early_help_cases')
    .values({ person_id: personId, source: 'direct', locality: 'North', opened_on: from, status: to ? 'closed' : 'open', closed_on: to, closure_reason: to ? 'stepped_up' : null })
    .execute();
}

async function careLeaver(db: Kysely<Database>, personId: string, from: string, to: string | null) {
  await db.insertInto('care_leavers').values({ person_id: personId, eligibility: 'former_relevant', opened_on: from, closed_on: to, closed_reason: to ? 'no_longer_needs' : null }).execute();
}

describe('the forecast history read from the records', () => {
  let connection: Connection;
  let history: History;

  // The window: six months to 30 June 2025, so month ends 31 December 2024 (the first month's start) to 30 June 2025.
  before(async () => {
    connection = await testDatabase();
    const db = connection.db;
    // Avery: early help, stepped up to a referral (CIN), a CP plan, into a children's home, leaves care at 18 on
    // 15 April 2025 and becomes a care leaver.
    const avery = await person(db, '2007-04-15');
    await earlyHelp(db, avery, '2024-11-01', '2025-01-10');
    const averyEpisode = await cin(db, avery, '2025-01-10', '2025-04-15');
    await cpPlan(db, avery, averyEpisode, '2025-02-10', '2025-03-05');
    await care(db, avery, [{ from: '2025-03-05', to: '2025-04-15', place: 'K2', provider: 'PR4' }]);
    await careLeaver(db, avery, '2025-04-15', null);
    // Blake: a child in need turning 18 on 20 May 2025 with the episode still open; from 18 it no longer counts.
    const blake = await person(db, '2007-05-20');
    await cin(db, blake, '2024-06-01', null);
    // Cass, 10 on 1 March 2025: a referral and a period of care each opened and closed on 31 January (never open at a
    // month end), then an episode opened on 31 March (open that month end) closed on 30 April (closed that one).
    const cass = await person(db, '2015-03-01');
    await cin(db, cass, '2025-01-31', '2025-01-31');
    await care(db, cass, [{ from: '2025-01-31', to: '2025-01-31', place: 'K2', provider: 'PR4' }]);
    await cin(db, cass, '2025-03-31', '2025-04-30');
    // Dara, 4, on a plan that was never closed, died on 14 February 2025.
    const dara = await person(db, '2020-06-10', { dateOfDeath: '2025-02-14' });
    await cpPlan(db, dara, await cin(db, dara, '2024-09-01', null), '2024-10-01', null);
    // Ellis, born 3 May 2025, with family and friends carers from 5 May.
    const ellis = await person(db, '2025-05-03');
    await care(db, ellis, [{ from: '2025-05-05', to: null, place: 'U3', provider: 'PR1' }]);
    // Gale, 12, known only for a referral that led to no further action, open across 31 January.
    const gale = await person(db, '2012-09-09');
    await cin(db, gale, '2025-01-20', '2025-02-03', true);
    // Not counted anywhere: an adult, a duplicate merged into Gale, and an unborn child, each with an open referral.
    await cin(db, await person(db, '1990-01-01', { personType: 'adult' }), '2024-06-01', null);
    await cin(db, await person(db, '2014-01-01', { mergedInto: gale }), '2024-06-01', null);
    await cin(db, await person(db, null, { personType: 'unborn' }), '2024-06-01', null);

    history = await readHistory(db, { cutOff: '2025-06-30', referenceMonths: 6 });
  });
  after(() => connection.close());

  it('names the six months of the window, oldest first', () => {
    assert.equal(history.cutOff, '2025-06-30');
    assert.deepEqual(history.months.map((m) => m.monthEnd), ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30']);
  });

  it('counts each month’s start by band and most intensive state, the pool being the rest of the band’s children', () => {
    const [jan, feb, mar, apr, may, jun] = history.months.map((m) => m.start);
    assert.deepEqual(jan, counts({ '16_17': { early_help: 1, cin: 1 }, '1_4': { cp: 1 }, '5_9': { not_known: 1 }, '10_15': { not_known: 1 } }));
    // Avery's referral is open beside early help's closing day; Cass's same-day spells and Gale's NFA referral count for nothing.
    assert.deepEqual(feb, counts({ '16_17': { cin: 2 }, '1_4': { cp: 1 }, '5_9': { not_known: 1 }, '10_15': { not_known: 1 } }));
    // Dara died in February: gone from the 1 to 4s. Avery's CIN episode is still open but the plan is more intensive.
    assert.deepEqual(mar, counts({ '16_17': { cp: 1, cin: 1 }, '5_9': { not_known: 1 }, '10_15': { not_known: 1 } }));
    // Cass turned 10 on 1 March and was referred on 31 March.
    assert.deepEqual(apr, counts({ '16_17': { care_residential: 1, cin: 1 }, '10_15': { cin: 1, not_known: 1 } }));
    // Avery is 18 and a care leaver; Ellis, born during May, starts May in the under-1 pool.
    assert.deepEqual(may, counts({ '16_17': { cin: 1 }, '10_15': { not_known: 2 }, under_1: { not_known: 1 }, '18_plus': { care_leaver: 1 } }));
    // Blake is 18 and only a care leaver would still count.
    assert.deepEqual(jun, counts({ '10_15': { not_known: 2 }, under_1: { care_kinship: 1 }, '18_plus': { care_leaver: 1 } }));
  });

  it('counts each month’s moves by the band at its start, pool to pool included', () => {
    const [jan, feb, mar, apr, may, jun] = history.months.map((m) => m.transitions);
    assert.deepEqual(jan, moves([['16_17', 'early_help', 'cin', 1], ['16_17', 'cin', 'cin', 1], ['1_4', 'cp', 'cp', 1], ['5_9', NOT_KNOWN, NOT_KNOWN, 1], ['10_15', NOT_KNOWN, NOT_KNOWN, 1]]));
    // Dara's death takes her out of the plan to the pool.
    assert.deepEqual(feb, moves([['16_17', 'cin', 'cp', 1], ['16_17', 'cin', 'cin', 1], ['1_4', 'cp', NOT_KNOWN, 1], ['5_9', NOT_KNOWN, NOT_KNOWN, 1], ['10_15', NOT_KNOWN, NOT_KNOWN, 1]]));
    // Cass moves by her band at the start (9), though 10 at the end.
    assert.deepEqual(mar, moves([['16_17', 'cp', 'care_residential', 1], ['16_17', 'cin', 'cin', 1], ['5_9', NOT_KNOWN, 'cin', 1], ['10_15', NOT_KNOWN, NOT_KNOWN, 1]]));
    // Avery turns 18 in April: followed to the day before, still in care (the model's ageing makes her a care leaver).
    assert.deepEqual(apr, moves([['16_17', 'care_residential', 'care_residential', 1], ['16_17', 'cin', 'cin', 1], ['10_15', 'cin', NOT_KNOWN, 1], ['10_15', NOT_KNOWN, NOT_KNOWN, 1]]));
    // Blake turns 18 in May, still a child in need the day before; Ellis comes into care from the under-1 pool.
    assert.deepEqual(may, moves([['16_17', 'cin', 'cin', 1], ['18_plus', 'care_leaver', 'care_leaver', 1], ['10_15', NOT_KNOWN, NOT_KNOWN, 2], ['under_1', NOT_KNOWN, 'care_kinship', 1]]));
    assert.deepEqual(jun, moves([['under_1', 'care_kinship', 'care_kinship', 1], ['18_plus', 'care_leaver', 'care_leaver', 1], ['10_15', NOT_KNOWN, NOT_KNOWN, 2]]));
  });

  it('every child at a month’s start is somewhere at its end', () => {
    for (const month of history.months) {
      for (const band of AGE_BANDS) {
        for (const from of KEYS) {
          const moved = KEYS.reduce((sum, to) => sum + month.transitions[band][from][to], 0);
          assert.equal(moved, month.start[band][from], `${month.monthEnd} ${band} ${from}`);
        }
      }
    }
  });

  it('gives the position at the cut-off', () => {
    assert.deepEqual(history.atCutOff, counts({ '10_15': { not_known: 2 }, under_1: { care_kinship: 1 }, '18_plus': { care_leaver: 1 } }));
  });

  it('counts what the records show at any month ends, in the order asked', async () => {
    const actual = await readActualCounts(connection.db, ['2025-05-31', '2025-03-31', '2025-02-28']);
    assert.deepEqual(actual, [
      { monthEnd: '2025-05-31', counts: byState({ care_kinship: 1, care_leaver: 1 }) },
      { monthEnd: '2025-03-31', counts: byState({ care_residential: 1, cin: 2 }) },
      { monthEnd: '2025-02-28', counts: byState({ cp: 1, cin: 1 }) },
    ]);
    assert.deepEqual(await readActualCounts(connection.db, []), []);
  });

  it('refuses a cut-off that is not a month end and a window out of range', async () => {
    await assert.rejects(readHistory(connection.db, { cutOff: '2025-06-29', referenceMonths: 6 }), /last day of a month/);
    await assert.rejects(readHistory(connection.db, { cutOff: '2025-06-30', referenceMonths: 0 }), /from 1 to 120 months/);
  });
});

describe('month ends', () => {
  it('the latest complete month end is the last day of the month before today', () => {
    assert.equal(latestMonthEnd('2026-12-05'), '2026-11-30');
    assert.equal(latestMonthEnd('2026-11-30'), '2026-10-31');
    assert.equal(latestMonthEnd('2024-03-01'), '2024-02-29');
    assert.equal(latestMonthEnd('2026-01-15'), '2025-12-31');
  });

  it('knows a month end', () => {
    assert.ok(isMonthEnd('2024-02-29'));
    assert.ok(!isMonthEnd('2025-02-29'));
    assert.ok(!isMonthEnd('2025-02-27'));
    assert.ok(!isMonthEnd('30/06/2025'));
  });
});
