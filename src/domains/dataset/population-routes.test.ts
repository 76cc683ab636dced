import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { listPopulationYears, populationYear } from './population.ts';

const ALEX = 'alex.brent@cairn.example'; // analyst
const BEA = 'bea.tollard@cairn.example'; // board member
const SAM = 'sam.rowe@cairn.example'; // practitioner
const MORGAN = 'morgan.hale@cairn.example'; // manager

const ageFields = (base: number, overrides: Record<string, string> = {}) => ({
  ...Object.fromEntries(Array.from({ length: 18 }, (_, age) => [`age${age}`, String(base + age)])),
  ...overrides,
});
const csvOf = (year: number, base: number) => ['year,age,count', ...Array.from({ length: 18 }, (_, age) => `${year},${age},${base + age}`)].join('\r\n');

describe('population estimate pages', () => {
  let t: TestApp;
  let alex: TestClient;
  const thisYear = Number(ukToday().slice(0, 4));
  before(async () => {
    t = await testApp({ children: 5 });
    alex = await t.signedIn(ALEX);
  });
  after(() => t.close());

  it('lists the demo years with their totals, shows one by age, and says which estimate rates use', async () => {
    const list = await alex.get('/dataset/population');
    assert.equal(list.statusCode, 200);
    for (let year = thisYear - 5; year <= thisYear; year++) assert.match(list.body, new RegExp(`href="/dataset/population/${year}"`));
    assert.match(list.body, /44,\d{3}/);
    assert.match(list.body, /uses the latest estimate for a year on or before the year it starts in/);
    assert.match(list.body, /Rates for \d{4}\/\d{2} use the estimate for \d{4}/);
    assert.match(list.body, /Add a year/);

    const one = await alex.get(`/dataset/population/${thisYear - 1}`);
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /Aged under 1/);
    assert.match(one.body, /Aged 17/);
    assert.match(one.body, /ONS mid-year estimate/);
    for (const bad of ['1989', '2101', 'abc', '2024.0', '%3Cscript%3E', '99999999999999']) assert.equal((await alex.get(`/dataset/population/${bad}`)).statusCode, 404, bad);
    assert.equal((await alex.get('/dataset/population/1995')).statusCode, 404, 'a year not held');
  });

  it('adds a year: an error for each field with what was typed kept, a year already held named, then saved once', async () => {
    const form = await alex.get('/dataset/population/new');
    assert.equal(form.statusCode, 200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;

    const bad = await alex.post('/dataset/population/new', { idempotencyKey: key, year: '20x4', source: '', ...ageFields(100, { age0: '', age3: '-4', age5: '12.5', age7: 'lots', age9: '2000000', age11: '"><script>x</script>' }) });
    assert.equal(bad.statusCode, 400);
    for (const message of [
      'The year must be 4 digits, like 2024',
      'Enter the number of children aged under 1',
      'The number of children aged 3 must be 0 or more',
      'The number of children aged 5 must be a whole number, like 2450',
      'The number of children aged 7 must be a whole number, like 2450',
      'The number of children aged 9 must be 1,000,000 or fewer',
      'Enter where the figures come from, for example ONS mid-year estimate 2024',
    ]) assert.ok(bad.body.includes(message), message);
    assert.match(bad.body, /href="#age3"/);
    assert.match(bad.body, /name="age7"[^>]*value="lots"/);
    assert.match(bad.body, /name="year"[^>]*value="20x4"/);
    assert.ok(!bad.body.includes('<script>x</script>'), 'typed text is escaped');
    assert.match(bad.body, /&quot;&gt;&lt;script&gt;/);

    const taken = await alex.post('/dataset/population/new', { idempotencyKey: key, year: String(thisYear), source: 'ONS', ...ageFields(100) });
    assert.equal(taken.statusCode, 400);
    assert.ok(taken.body.includes(`There are already estimates for ${thisYear}`));

    const good = { idempotencyKey: key, year: '2001', source: 'ONS mid-year estimate 2001', ...ageFields(1000, { age4: '1,004' }) };
    const saved = await alex.post('/dataset/population/new', good);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/dataset/population?added=2001');
    assert.equal((await alex.post('/dataset/population/new', good)).statusCode, 303, 'the same form sent twice');
    assert.equal((await populationYear(t.db, 2001))!.total, 18 * 1000 + 153);
    assert.match((await alex.get('/dataset/population?added=2001')).body, /Estimates for 2001 added/);
  });

  it('changes a year, and refuses a copy of the form read before someone else changed it', async () => {
    const year = thisYear - 2;
    const form = await alex.get(`/dataset/population/${year}/edit`);
    assert.equal(form.statusCode, 200);
    const stamp = /name="stamp" value="([0-9a-f]{64})"/.exec(form.body)![1]!;
    const before = (await populationYear(t.db, year))!;
    assert.match(form.body, new RegExp(`name="age0"[^>]*value="${before.counts[0]}"`));

    const bad = await alex.post(`/dataset/population/${year}/edit`, { stamp, source: 'Revised', ...ageFields(500, { age17: '' }) });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('Enter the number of children aged 17'));
    assert.match(bad.body, /name="age16"[^>]*value="516"/);

    const saved = await alex.post(`/dataset/population/${year}/edit`, { stamp, source: 'ONS revised', ...ageFields(500) });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/dataset/population?saved=${year}`);
    assert.equal((await populationYear(t.db, year))!.source, 'ONS revised');

    const stale = await alex.post(`/dataset/population/${year}/edit`, { stamp, source: 'Late change', ...ageFields(9) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed by someone else/);
    assert.match(stale.body, /Late change/, 'what was typed is shown back');
    assert.equal((await populationYear(t.db, year))!.counts[0], 500);
    assert.equal((await alex.post(`/dataset/population/${year}/edit`, { source: 'No stamp', ...ageFields(9) })).statusCode, 400);
    assert.equal((await alex.post('/dataset/population/1996/edit', { stamp, source: 'x', ...ageFields(9) })).statusCode, 404);
  });

  it('imports a CSV file or pasted figures, all or nothing, with every bad line named', async () => {
    const page = await alex.get('/dataset/population/import');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);

    const file = `\uFEFF${csvOf(2002, 300)}\r\n${csvOf(thisYear, 2000).split('\r\n').slice(1).join('\r\n')}\r\n`;
    const before = (await populationYear(t.db, thisYear))!.total;
    const done = await alex.upload('/dataset/population/import', { source: '' }, { name: 'estimates.csv', bytes: Buffer.from(file), type: 'text/csv' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Population estimates imported/);
    assert.match(done.body, /2002<\/a>[\s\S]*?Added/);
    assert.match(done.body, new RegExp(`${thisYear}</a>[\\s\\S]*?Replaced[\\s\\S]*?${before.toLocaleString('en-GB')}`));
    assert.match(done.body, /Imported from the file estimates.csv on/);
    assert.equal((await populationYear(t.db, thisYear))!.counts[0], 2000);

    const lines = csvOf(2003, 10).split('\r\n');
    lines[3] = '2003,2,two';
    lines[8] = '2003,70,5';
    const bad = await alex.upload('/dataset/population/import', { source: 'Mine' }, { name: 'bad.csv', bytes: Buffer.from(lines.join('\n')) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Line 4: the count “two” must be a whole number of children, 0 or more/);
    assert.match(bad.body, /Line 9: the age “70” must be a whole number from 0 to 17/);
    assert.match(bad.body, /There are 2 problems with the figures: nothing has been imported/);
    assert.match(bad.body, /href="#file"/);
    assert.match(bad.body, /name="source"[^>]*value="Mine"/);
    assert.equal(await populationYear(t.db, 2003), null, 'nothing saved');

    const pasted = await alex.post('/dataset/population/import', { csv: 'year,age\n2004,0', source: '' });
    assert.equal(pasted.statusCode, 400);
    assert.match(pasted.body, /Line 1: the first line must be the header year,age,count/);
    assert.match(pasted.body, /href="#csv"/);
    assert.match(pasted.body, /year,age\n2004,0<\/textarea>/, 'the pasted text is kept');
    const pastedGood = await alex.post('/dataset/population/import', { csv: csvOf(2004, 40), source: 'Pasted from the ONS table' });
    assert.equal(pastedGood.statusCode, 200);
    assert.equal((await populationYear(t.db, 2004))!.source, 'Pasted from the ONS table');

    assert.match((await alex.post('/dataset/population/import', {})).body, /Choose a CSV file or paste the figures/);
    const both = await alex.upload('/dataset/population/import', { csv: csvOf(2005, 1) }, { name: 'a.csv', bytes: Buffer.from(csvOf(2005, 1)) });
    assert.match(both.body, /Choose a file or paste the figures, not both/);
    const binary = await alex.upload('/dataset/population/import', {}, { name: 'book.xlsx', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]) });
    assert.equal(binary.statusCode, 400);
    assert.match(binary.body, /must be a CSV file/);
    const empty = await alex.upload('/dataset/population/import', {}, { name: 'empty.csv', bytes: Buffer.alloc(0) });
    assert.match(empty.body, /The selected file is empty/);
    const huge = await alex.upload('/dataset/population/import', {}, { name: 'huge.csv', bytes: Buffer.alloc(1024 * 1024 + 10, 'a') });
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /must be smaller than 1MB/);
    assert.equal(await populationYear(t.db, 2005), null);

    // A file of nothing but bad lines: the first 25 are listed and the rest counted, each value escaped.
    const hostile = ['year,age,count', ...Array.from({ length: 400 }, (_, i) => `2006,${i % 18},<img src=x onerror=alert(${i})>`)].join('\n');
    const many = await alex.post('/dataset/population/import', { csv: hostile });
    assert.equal(many.statusCode, 400);
    assert.equal((many.body.match(/href="#csv"/g) ?? []).length, 26);
    assert.match(many.body, /And 375 more problems not listed here/);
    assert.match(many.body, /There are 400 problems with the figures/);
    assert.ok(!many.body.includes('<img src=x'), 'nothing typed is markup');
    assert.equal(await populationYear(t.db, 2006), null);
  });

  it('shows the estimates to a board member and a manager but lets only analysts change them', async () => {
    const years = (await listPopulationYears(t.db)).length;
    for (const email of [BEA, MORGAN]) {
      const client = await t.signedIn(email);
      const list = await client.get('/dataset/population');
      assert.equal(list.statusCode, 200, email);
      assert.ok(!list.body.includes('Add a year'), email);
      assert.equal((await client.get(`/dataset/population/${thisYear}`)).statusCode, 200);
    }
    for (const email of [BEA, SAM, MORGAN]) {
      const client = await t.signedIn(email);
      for (const url of ['/dataset/population/new', `/dataset/population/${thisYear}/edit`, '/dataset/population/import']) assert.equal((await client.get(url)).statusCode, 403, `${email} ${url}`);
      assert.equal((await client.post('/dataset/population/new', { year: '2010', source: 'x', ...ageFields(1) })).statusCode, 403);
      assert.equal((await client.post(`/dataset/population/${thisYear}/edit`, { stamp: 'a'.repeat(64), source: 'x', ...ageFields(1) })).statusCode, 403);
      const upload = await client.upload('/dataset/population/import', {}, { name: 'x.csv', bytes: Buffer.from(csvOf(2010, 1)) });
      assert.equal(upload.statusCode, 403, `${email} upload`);
    }
    const sam = await t.signedIn(SAM);
    assert.equal((await sam.get('/dataset/population')).statusCode, 403, 'a practitioner sees no figures');
    assert.equal((await listPopulationYears(t.db)).length, years, 'nothing saved');
  });
});
