import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { seedDashboardYear } from './dashboard-fixtures.test-support.ts';

const MORGAN = 'morgan.hale@cairn.example'; // manager: figures and the records behind them
const BEA = 'bea.tollard@cairn.example'; // board member: figures only
const ALEX = 'alex.brent@cairn.example'; // analyst: figures only
const SAM = 'sam.rowe@cairn.example'; // practitioner: no figures

/** The page's words without its markup, for asserting what a reader sees. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

/** The hand-made year is described in dashboard-fixtures.test-support.ts. */
describe('the dataset dashboards, indicator pages, downloads and records', () => {
  let t: TestApp;
  let named: string[] = [];
  let restricted = '';

  before(async () => {
    t = await testApp();
    ({ named, restricted } = await seedDashboardYear(t.db));
  });
  after(() => t?.close());

  it('shows each figure for the year with its rate, target, comparators and the verdict in words', async () => {
    const bea = await t.signedIn(BEA);
    const page = await bea.get('/dataset?year=2001');
    assert.equal(page.statusCode, 200);
    const words = text(page.body);
    assert.match(words, /April 2001 to March 2002/);
    assert.match(words, /Children on a child protection plan at the period end 10 10 8 per 10,000 9.5 per 10,000 11 per 10,000 Neither higher nor lower is better/);
    for (const service of ['Front door', 'Social care', 'Child protection', 'Children in care']) assert.match(words, new RegExp(service));
    assert.match(page.body, /href="\/dataset\/indicators\/cp_plans_at_end\?year=2001"/);
    assert.match(page.body, /href="\/reports\/annual"/);
    assert.match(page.body, /href="\/dataset\/population"/);
    assert.doesNotMatch(page.body, /Fixturechild/, 'no names for a board member');
  });

  it('draws a service’s trends with a text alternative and a table, and answers 404 for a service that does not exist', async () => {
    const bea = await t.signedIn(BEA);
    const page = await bea.get('/dataset/services/child-protection?year=2001');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="trend-cp-plans-at-end-title trend-cp-plans-at-end-desc"/);
    assert.match(page.body, /<title id="trend-cp-plans-at-end-title">Children on a child protection plan at the period end by month<\/title>/);
    // Month ends from 31 March 2001: none until the first plan (1 at 30 April and 31 May 2001, not published), 11
    // from 30 June, 10 at 31 March 2002 when the first plan ended.
    assert.match(text(page.body), /Rose from 0 in 31 Mar 2001 to 10 in 31 Mar 2002; highest 11 in 30 Jun 2001\. 2 figures are too small to publish and left out\./);
    assert.match(text(page.body), /30 Apr 2001 \* \(a small number, not shown\)/);
    assert.match(text(page.body), /Show the figures as a table/);
    assert.doesNotMatch(page.body, /\/records\?/, 'no records links for a board member');
    assert.equal((await bea.get('/dataset/services/nope')).statusCode, 404);
    assert.equal((await bea.get('/dataset/services/child-protection?year=1800')).statusCode, 400);
  });

  it('lists every indicator in the library', async () => {
    const alex = await t.signedIn(ALEX);
    const page = await alex.get('/dataset/indicators');
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Children on a child protection plan at the period end .* Snapshot: what is open on the period’s last day/);
    assert.match(text(page.body), /Contacts received by the front door/);
  });

  it('shows an indicator split two ways, suppressed, with records links for a manager and plain figures for others', async () => {
    const morgan = await t.signedIn(MORGAN);
    const page = await morgan.get('/dataset/indicators/cp_plans_at_end?year=2001&by=age_band');
    assert.equal(page.statusCode, 200);
    const words = text(page.body);
    assert.match(words, /Under 1 0 1 to 4 \* \(a small number, not shown\)/);
    assert.match(words, /10 to 15 7/);
    assert.match(page.body, /href="\/dataset\/indicators\/cp_plans_at_end\/records\?year=2001&amp;by=age_band&amp;key=10to15"/);
    assert.match(page.body, /<svg[^>]*role="img"/);
    assert.match(page.body, /href="\/dataset\/indicators\/cp_plans_at_end\/table.csv\?year=2001&amp;by=age_band"/);

    const analyst = await (await t.signedIn(ALEX)).get('/dataset/indicators/cp_plans_at_end?year=2001&by=age_band&then=quarter');
    assert.equal(analyst.statusCode, 200);
    assert.match(text(analyst.body), /31 Mar 2002/);
    assert.doesNotMatch(analyst.body, /\/records\?/);
  });

  it('downloads the same suppressed table as CSV and Excel', async () => {
    const bea = await t.signedIn(BEA);
    const csv = await bea.get('/dataset/indicators/cp_plans_at_end/table.csv?year=2001&by=age_band');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="cp_plans_at_end-2001-02-by-age_band.csv"');
    const lines = csv.body.trimEnd().split('\r\n');
    assert.deepEqual(lines.slice(0, 3), ['Age,Number', 'Under 1,0', '1 to 4,*']);
    assert.ok(lines.includes('10 to 15,7'));
    assert.ok(!lines.some((l) => /^(1 to 4|5 to 9),[1-5]$/.test(l)), 'no small number in the file');

    const xlsx = await t.app.inject({ method: 'GET', url: '/dataset/indicators/cp_plans_at_end/table.xlsx?year=2001&by=age_band', headers: { cookie: await cookieOf(BEA) } });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(xlsx.headers['content-disposition'], 'attachment; filename="cp_plans_at_end-2001-02-by-age_band.xlsx"');
    const { Workbook } = (await import('exceljs')).default;
    const book = new Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    assert.ok(values.some((r) => r[0] === '1 to 4' && r[1] === '*'));
    assert.ok(values.some((r) => r[0] === '10 to 15' && r[1] === 7));
    assert.ok(values.some((r) => r[0] === 'Total' && r[1] === 10));
  });

  it('lists the records behind a figure, naming only the children the manager may open, and audits it', async () => {
    const morgan = await t.signedIn(MORGAN);
    const older = await morgan.get('/dataset/indicators/cp_plans_at_end/records?year=2001&by=age_band&key=10to15');
    assert.equal(older.statusCode, 200);
    const words = text(older.body);
    assert.match(words, /7 records/);
    for (let i = 1; i <= 7; i++) assert.match(words, new RegExp(`Older Fixturechild${i}`));
    assert.match(older.body, new RegExp(`href="/people/${named[0]}"`));
    assert.match(words, /31 March 2002 Child protection plan open/);

    const hidden = await morgan.get('/dataset/indicators/cp_plans_at_end/records?year=2001&by=age_band&key=5to9');
    assert.equal(hidden.statusCode, 200);
    assert.match(text(hidden.body), /1 record/);
    assert.match(text(hidden.body), /A child you may not open/);
    assert.doesNotMatch(hidden.body, /Hidden Fixturechild/);
    assert.doesNotMatch(hidden.body, new RegExp(restricted));

    const user = await t.db.selectFrom('users').select('id').where('email', '=', MORGAN).executeTakeFirstOrThrow();
    const audit = await t.db.selectFrom('access_audit').select(['resource_type', 'person_id']).where('user_id', '=', user.id).where('action', '=', 'dataset.records').execute();
    assert.equal(audit.filter((a) => a.resource_type === 'dataset_records').length, 2, 'each list once');
    assert.deepEqual(new Set(audit.filter((a) => a.resource_type === 'person').map((a) => a.person_id)), new Set(named), 'each child named, and only they');
  });

  it('refuses the records to analysts and board members, and every dataset page to a practitioner', async () => {
    for (const email of [BEA, ALEX]) {
      const client = await t.signedIn(email);
      assert.equal((await client.get('/dataset/indicators/cp_plans_at_end/records?year=2001&by=age_band&key=10to15')).statusCode, 403, email);
    }
    const sam = await t.signedIn(SAM);
    for (const url of ['/dataset', '/dataset/services/front-door', '/dataset/indicators', '/dataset/indicators/contacts', '/dataset/indicators/contacts/table.csv', '/dataset/indicators/contacts/records']) {
      assert.equal((await sam.get(url)).statusCode, 403, url);
    }
  });

  it('answers a hostile or malformed query with a 4xx that says what was wrong', async () => {
    const morgan = await t.signedIn(MORGAN);
    const cases: [string, number][] = [
      ['/dataset/indicators/nope', 404],
      [`/dataset/indicators/${encodeURIComponent('<script>alert(1)</script>')}`, 404],
      ['/dataset/indicators/cp_plans_at_end?by=agency', 400],
      [`/dataset/indicators/cp_plans_at_end?by=${encodeURIComponent('<script>alert(1)</script>')}`, 400],
      ['/dataset/indicators/cp_plans_at_end?by=age_band&then=age_band', 400],
      ['/dataset/indicators/cp_plans_at_end?year=2999', 400],
      ['/dataset/indicators/cp_plans_at_end/table.csv?by=nope', 400],
      ['/dataset/indicators/cp_plans_at_end/table.xlsx?year=%3Cscript%3E', 400],
      ['/dataset/indicators/nope/table.csv', 404],
      ['/dataset/indicators/cp_plans_at_end/records?year=2001&by=age_band', 400],
      ['/dataset/indicators/cp_plans_at_end/records?year=2001&by=incidents&key=1', 400],
      ['/dataset/indicators/cp_plans_at_end/records?year=2001&then=quarter&key2=2002-03-31', 400],
      ['/dataset/indicators/cp_plans_at_end/records?year=x', 400],
      ['/dataset/indicators/nope/records?year=2001', 404],
      [`/dataset?year=${encodeURIComponent('<script>')}`, 400],
    ];
    for (const [url, status] of cases) {
      const r = await morgan.get(url);
      assert.equal(r.statusCode, status, url);
      assert.doesNotMatch(r.body, /<script>alert/, `${url} echoes nothing unescaped`);
    }
    const bad = await morgan.get('/dataset/indicators/cp_plans_at_end?by=agency');
    assert.match(text(bad.body), /There is a problem Choose how to split the figure from the list/);
    // An unknown key is not an error: nothing has it.
    const none = await morgan.get(`/dataset/indicators/cp_plans_at_end/records?year=2001&by=age_band&key=${encodeURIComponent("'; DROP TABLE people; --")}`);
    assert.equal(none.statusCode, 200);
    assert.match(text(none.body), /0 records/);
  });

  /** A session cookie for an inject call that needs the raw payload (the workbook's bytes). */
  async function cookieOf(email: string): Promise<string> {
    const client = await t.client();
    const response = await client.signIn(email);
    return [response.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
  }
});
