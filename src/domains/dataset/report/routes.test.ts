import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../../test/support/app.ts';
import { financialYearStart } from '../../../platform/calendar/financial-year.ts';
import { ukToday } from '../../../platform/calendar/working-days.ts';

const SAM = 'sam.rowe@cairn.example';
const BEA = 'bea.tollard@cairn.example';
const TESS = 'tess.marlow@cairn.example';
const ALEX = 'alex.brent@cairn.example';

/** The demo's last complete financial year, named as its files are ("2025-26"). */
const YEAR = financialYearStart(ukToday()) - 1;
const NAME = `${YEAR}-${String((YEAR + 1) % 100).padStart(2, '0')}`;
const REPORT = `/reports/annual/${YEAR}`;

describe('the annual report pages', () => {
  let t: TestApp;
  let bea: TestClient;
  let tess: TestClient;
  before(async () => {
    t = await testApp({ children: 40 });
    [bea, tess] = await Promise.all([t.signedIn(BEA), t.signedIn(TESS)]);
  });
  after(() => t.close());

  it('is refused to a practitioner, page, downloads and commentary alike', async () => {
    const sam = await t.signedIn(SAM);
    for (const url of ['/reports/annual', REPORT, `${REPORT}/report.html`, `${REPORT}/report.xlsx`, `${REPORT}/commentary/early-help`]) {
      assert.equal((await sam.get(url)).statusCode, 403, url);
    }
    assert.equal((await sam.post(`${REPORT}/commentary/early-help`, { body: 'x', version: '0' })).statusCode, 403);
  });

  it('lists the years with records, newest first, for a board member', async () => {
    const list = await bea.get('/reports/annual');
    assert.equal(list.statusCode, 200);
    const years = [...list.body.matchAll(/href="\/reports\/annual\/(\d{4})"/g)].map((m) => Number(m[1]));
    assert.ok(years.includes(YEAR), `${years}`);
    assert.deepEqual(years, [...years].sort((a, b) => b - a));
  });

  it('shows a board member the report with placeholders for commentary, definitions linked, and no way to edit', async () => {
    const page = await bea.get(REPORT);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Annual report ${YEAR}/`));
    for (const heading of ['Early help', 'Child protection plans', 'Children in care', 'Children missing from home and care', 'Section 11 audit']) assert.ok(page.body.includes(heading), heading);
    assert.match(page.body, /Commentary to be written by the board/);
    assert.match(page.body, /Early help assessments were started by a wider range of agencies/, 'the demo’s commentary');
    assert.match(page.body, /href="\/dataset\/indicators\/eh_assessments"/);
    assert.match(page.body, /<svg[^>]*role="img"/, 'a chart with a text alternative');
    assert.doesNotMatch(page.body, /Write the commentary/);
    assert.equal((await bea.get(`${REPORT}/commentary/early-help`)).statusCode, 403);
    assert.equal((await bea.post(`${REPORT}/commentary/early-help`, { body: 'Board words', version: '0' })).statusCode, 403);
  });

  it('gives this year so far with Section 11, training and board attendance from those capabilities’ own figures', async () => {
    const page = await bea.get(`/reports/annual/${YEAR + 1}`);
    assert.equal(page.statusCode, 200);
    for (const table of ['Section 11 ratings by standard', 'Section 11 ratings by agency', 'Training in the year', 'Training attendance by agency', 'Attendance at board meetings by agency']) {
      assert.ok(page.body.includes(`<caption class="govuk-table__caption govuk-table__caption--s">${table}</caption>`), table);
    }
    const list = await bea.get('/reports/annual');
    assert.match(list.body, new RegExp(`/reports/annual/${YEAR + 1}">[^<]+</a> <span[^>]*>\\(April ${YEAR + 1} to March ${YEAR + 2}, not over yet\\)`));
  });

  it('is not found for a year that is not one, or a section that does not exist', async () => {
    for (const bad of ['abc', '1800', '3000', '%3Cscript%3E', '2012.5', '20120']) {
      for (const suffix of ['', '/report.html', '/report.pdf', '/report.xlsx']) {
        const r = await bea.get(`/reports/annual/${bad}${suffix}`);
        assert.equal(r.statusCode, 404, `${bad}${suffix}`);
      }
      assert.equal((await tess.get(`/reports/annual/${bad}/commentary/early-help`)).statusCode, 404);
    }
    assert.equal((await tess.get(`${REPORT}/commentary/nonsense`)).statusCode, 404);
    assert.equal((await tess.post(`${REPORT}/commentary/%3Cscript%3E`, { body: 'x', version: '0' })).statusCode, 404);
  });

  it('lets the business manager write commentary: checked, escaped, in paragraphs, version-checked', async () => {
    const form = await tess.get(`${REPORT}/commentary/missing`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="version" value="0"/);
    const demo = await tess.get(`${REPORT}/commentary/early-help`);
    assert.match(demo.body, /name="version" value="1"/, 'the demo wrote this one');
    assert.match(demo.body, /Early help assessments were started by a wider range of agencies/);

    const tooLong = await tess.post(`${REPORT}/commentary/missing`, { body: 'a'.repeat(10_001), version: '0' });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /must be 10,000 characters or fewer/);
    assert.match(tooLong.body, /href="#body"/);
    const badVersion = await tess.post(`${REPORT}/commentary/missing`, { body: 'Words', version: 'x' });
    assert.equal(badVersion.statusCode, 400);

    const hostile = 'Missing children rose <script>alert(1)</script> & more.\n\nA second paragraph.';
    const saved = await tess.post(`${REPORT}/commentary/missing`, { body: hostile, version: '0' });
    assert.equal(saved.statusCode, 303);
    const page = await tess.get(REPORT);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /Missing children rose &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more\.<\/p>\s*<p class="govuk-body cairn-commentary__paragraph">A second paragraph\.<\/p>/);
    assert.match(page.body, /Change the commentary<span class="govuk-visually-hidden"> on children missing/);

    // Someone else saved after version 0 was read: a stale save is refused, with the words typed kept.
    const stale = await tess.post(`${REPORT}/commentary/missing`, { body: 'My later words', version: '0' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /My later words/);
    const again = await tess.get(`${REPORT}/commentary/missing`);
    assert.match(again.body, /name="version" value="1"/);
    assert.equal((await tess.post(`${REPORT}/commentary/missing`, { body: 'My later words', version: '1' })).statusCode, 303);

    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get(`${REPORT}/commentary/child-protection`)).statusCode, 200, 'analysts write commentary too');
  });

  it('downloads a standalone HTML file: inline styles, no scripts, definitions in it, commentary kept and placeholders left out', async () => {
    const r = await bea.get(`${REPORT}/report.html`);
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-disposition']), new RegExp(`attachment; filename="annual-report-${NAME}.html"`));
    assert.doesNotMatch(r.body, /<script|<link /i);
    assert.match(r.body, /<style>/);
    assert.match(r.body, /My later words/);
    assert.doesNotMatch(r.body, /Commentary to be written/);
    assert.match(r.body, /id="definition-eh_assessments"/);
    assert.match(r.body, /href="#definition-eh_assessments"/);
  });

  it('downloads the workbook and the PDF as attachments named for the year (their contents: the command line’s test)', async () => {
    const xlsx = await bea.get(`${REPORT}/report.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(xlsx.headers['content-disposition']), new RegExp(`attachment; filename="annual-report-${NAME}.xlsx"`));
    assert.ok(xlsx.body.startsWith('PK'), 'a zip, as every XLSX is');
    const pdf = await bea.get(`${REPORT}/report.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), new RegExp(`attachment; filename="annual-report-${NAME}.pdf"`));
    assert.ok(pdf.body.startsWith('%PDF-'));
  });
});
