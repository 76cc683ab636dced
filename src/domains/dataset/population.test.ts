import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../test/support/database.ts';
import { financialYearRange } from '../../platform/calendar/financial-year.ts';
import { BadRequestError, ConflictError, FieldProblem } from '../../platform/http/errors.ts';
import { demoPopulation } from './demo.ts';
import { populationFor } from './indicators/compute.ts';
import { addYear, importYears, listPopulationYears, populationYear, replaceYear } from './population.ts';
import { parsePopulationCsv } from './population-import.ts';

const counts = (base: number) => Array.from({ length: 18 }, (_, age) => base + age);
const total = (list: number[]) => list.reduce((a, b) => a + b, 0);
/** A whole year as CSV lines, each count `base + age`. */
const yearLines = (year: number, base: number) => Array.from({ length: 18 }, (_, age) => `${year},${age},${base + age}`);

describe('reading population estimates from CSV', () => {
  it('reads a good file with a byte order mark, Windows line endings, quotes, spaces and blank lines', () => {
    const text = `\uFEFFYear, Age ,"Count"\r\n${yearLines(2024, 2400).join('\r\n')}\r\n\r\n"2023", 0 ,"2,350"\r\n${yearLines(2023, 2300).slice(1).join('\r\n')}\r\n`;
    const parsed = parsePopulationCsv(text, 'ONS 2024');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.years.map((y) => y.year),
      [2023, 2024],
    );
    assert.equal(parsed.years[0]!.counts[0], 2350, 'a quoted count with a thousands separator');
    assert.deepEqual(parsed.years[1]!.counts, counts(2400));
    assert.equal(parsed.years[1]!.source, 'ONS 2024');
  });

  it('names the line of every problem and returns no years when any line is wrong', () => {
    const lines = ['year,age,count', ...yearLines(2024, 2400)];
    lines[3] = '2024,2,-5'; // line 4
    lines[5] = '24,4,100'; // line 6
    lines[7] = '2024,18,100'; // line 8
    lines[9] = '2024,8'; // line 10
    lines[11] = '2024,10,12.5'; // line 12
    lines[13] = '2024,12,lots'; // line 14
    lines.push('2024,0,99'); // line 20: a second age 0
    const parsed = parsePopulationCsv(lines.join('\n'), 'x');
    assert.deepEqual(parsed.years, []);
    assert.deepEqual(
      parsed.problems.map((p) => p.message),
      [
        'Line 4: the count “-5” must be a whole number of children, 0 or more',
        'Line 6: the year “24” must be 4 digits between 1990 and 2100',
        'Line 8: the age “18” must be a whole number from 0 to 17',
        'Line 10: expected 3 values (year, age, count) but found 2',
        'Line 12: the count “12.5” must be a whole number of children, 0 or more',
        'Line 14: the count “lots” must be a whole number of children, 0 or more',
        'Line 20: age 0 in 2024 is already on line 2',
      ],
    );
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [4, 6, 8, 10, 12, 14, 20],
    );
  });

  it('needs the header, some figures, and all 18 ages of each year', () => {
    assert.match(parsePopulationCsv('2024,0,100', 'x').problems[0]!.message, /Line 1: the first line must be the header year,age,count/);
    assert.match(parsePopulationCsv('\n\n', 'x').problems[0]!.message, /The file is empty/);
    assert.match(parsePopulationCsv('year,age,count\n', 'x').problems[0]!.message, /the header but no figures/);
    const partial = parsePopulationCsv(['year,age,count', ...yearLines(2024, 10).slice(0, 15)].join('\n'), 'x');
    assert.deepEqual(
      partial.problems.map((p) => [p.line, p.message]),
      [[null, '2024 has no line for ages 15, 16 and 17: a year needs all 18 ages, 0 to 17']],
    );
  });

  it('quotes hostile values back short, as text, and refuses a file too long to be estimates', () => {
    const hostile = parsePopulationCsv(`year,age,count\n2024,0,<script>alert(1)</script>${'x'.repeat(500)}`, 'x');
    assert.equal(hostile.problems[0]!.message, 'Line 2: the count “<script>alert(1)</sc…” must be a whole number of children, 0 or more');
    const long = parsePopulationCsv(['year,age,count', ...Array.from({ length: 5001 }, () => '2024,0,1')].join('\n'), 'x');
    assert.match(long.problems[0]!.message, /more than 5,000 lines/);
    assert.match(parsePopulationCsv('year,age,count\n2024,0,99999999999', 'x').problems[0]!.message, /must be 1,000,000 or fewer/);
  });
});

describe('population estimates', () => {
  let t: TestConnection;
  let actor: string;
  before(async () => {
    t = await testDatabase();
    const agency = await t.db.insertInto('agencies').values({ name: 'Brackenshire Council', kind: 'social_care' }).returning('id').executeTakeFirstOrThrow();
    actor = (await t.db.insertInto('users').values({ email: 'analyst@example.test', name: 'Ana Lyst', agency_id: agency.id, roles: ['analyst'] }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.db.deleteFrom('population_estimates').execute();
  });

  it('adds a year once, names a year already held, and saves a repeated submission once', async () => {
    const key = randomUUID();
    assert.deepEqual(await addYear(t.db, actor, { year: 2024, counts: counts(2400), source: 'ONS 2024' }, key), { replayed: false });
    assert.deepEqual(await addYear(t.db, actor, { year: 2024, counts: counts(2400), source: 'ONS 2024' }, key), { replayed: true });
    await assert.rejects(
      addYear(t.db, actor, { year: 2024, counts: counts(1), source: 'Again' }, randomUUID()),
      (e: unknown) => e instanceof FieldProblem && e.field === 'year' && /There are already estimates for 2024/.test(e.message),
    );
    const [year] = await listPopulationYears(t.db);
    assert.deepEqual({ year: year!.year, total: year!.total, ages: year!.ages, source: year!.source }, { year: 2024, total: total(counts(2400)), ages: 18, source: 'ONS 2024' });
    await assert.rejects(addYear(t.db, actor, { year: 2025, counts: counts(1).slice(1), source: 'Short' }, randomUUID()), BadRequestError);
    await assert.rejects(addYear(t.db, actor, { year: 2025, counts: counts(-5), source: 'Negative' }, randomUUID()), BadRequestError);
    assert.equal((await listPopulationYears(t.db)).length, 1);
  });

  it('replaces a year only while it is as the analyst read it', async () => {
    await addYear(t.db, actor, { year: 2023, counts: counts(2300), source: 'ONS 2023' }, randomUUID());
    const read = (await populationYear(t.db, 2023))!;
    assert.deepEqual(read.counts, counts(2300));
    await replaceYear(t.db, actor, read.stamp, { year: 2023, counts: counts(2310), source: 'ONS 2023 revised' });
    await replaceYear(t.db, actor, read.stamp, { year: 2023, counts: counts(2310), source: 'ONS 2023 revised' }); // the same form twice
    const now = (await populationYear(t.db, 2023))!;
    assert.deepEqual(now.counts, counts(2310));
    assert.equal(now.source, 'ONS 2023 revised');
    assert.notEqual(now.stamp, read.stamp);
    await assert.rejects(replaceYear(t.db, actor, read.stamp, { year: 2023, counts: counts(9), source: 'Stale' }), ConflictError);
    assert.deepEqual((await populationYear(t.db, 2023))!.counts, counts(2310), 'nothing overwritten');
    await assert.rejects(replaceYear(t.db, actor, now.stamp, { year: 2022, counts: counts(9), source: 'Not held' }), ConflictError);
    assert.equal(await populationYear(t.db, 2022), null);
  });

  it('imports years whole, replacing the ones held and saying what they were', async () => {
    await addYear(t.db, actor, { year: 2023, counts: counts(100), source: 'Old' }, randomUUID());
    const result = await importYears(t.db, actor, [
      { year: 2024, counts: counts(200), source: 'File' },
      { year: 2023, counts: counts(150), source: 'File' },
    ]);
    assert.deepEqual(result, [
      { year: 2023, total: total(counts(150)), before: total(counts(100)) },
      { year: 2024, total: total(counts(200)), before: null },
    ]);
    assert.deepEqual(
      (await listPopulationYears(t.db)).map((y) => [y.year, y.total, y.source]),
      [
        [2024, total(counts(200)), 'File'],
        [2023, total(counts(150)), 'File'],
      ],
    );
    // A year that is not whole is refused before anything is saved.
    await assert.rejects(importYears(t.db, actor, [{ year: 2025, counts: counts(1), source: 'File' }, { year: 2026, counts: counts(1).slice(2), source: 'File' }]), BadRequestError);
    assert.equal(await populationYear(t.db, 2025), null);
  });

  it('gives rates the latest estimate on or before the year the financial year starts in', async () => {
    await importYears(t.db, actor, [
      { year: 2022, counts: counts(1000), source: 'ONS 2022' },
      { year: 2024, counts: counts(2000), source: 'ONS 2024' },
    ]);
    assert.equal(await populationFor(t.db, financialYearRange(2021)), null, 'nothing on or before 2021');
    assert.deepEqual(await populationFor(t.db, financialYearRange(2022)), { year: 2022, total: total(counts(1000)) });
    assert.deepEqual(await populationFor(t.db, financialYearRange(2023)), { year: 2022, total: total(counts(1000)) }, '2023 is not held: 2022 is the latest before');
    assert.deepEqual(await populationFor(t.db, financialYearRange(2024)), { year: 2024, total: total(counts(2000)) });
    assert.deepEqual(await populationFor(t.db, { from: '2024-01-01', to: '2024-03-31' }), { year: 2022, total: total(counts(1000)) }, 'January to March 2024 is in 2023/24');
  });

  it('gives the demo about 44,000 children, more of them young, growing a little each year', () => {
    const now = demoPopulation(2026, 2026);
    assert.ok(Math.abs(total(now) - 44_000) < 500, String(total(now)));
    assert.ok(now[0]! > now[17]!);
    assert.ok(total(demoPopulation(2021, 2026)) < total(now));
  });
});
