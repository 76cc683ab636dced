import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.ts';
import { readBrandingConfig } from './branding.ts';
import { OUTCOME_LETTERS, readTime, worriesFor } from './model.ts';
import { type LetterContext, letterDocument, letterPdf, renderLetter } from './render.ts';

const branding = readBrandingConfig({}).config!;
const common = {
  branding,
  letterDate: '2026-12-05',
  recipient: { name: 'Jo <script>alert(1)</script> Test', addressLines: ['1 Test Road', 'BR1 1AA'] },
  child: { givenName: 'Mia', fullName: 'Mia Test' },
  signatory: { name: 'Rob Delaney', title: 'Social worker, Children’s Services' },
};
const FREE = 'FREE TEXT <img src=x onerror=alert(2)>';
const letters: LetterContext[] = [
  { ...common, note: FREE, type: 'conference-invitation', conference: { kind: 'initial', date: '2027-01-12', time: '10:00am', place: FREE } },
  { ...common, note: FREE, type: 'conference-invitation', conference: { kind: 'review', date: '2027-01-12', time: '10:00am', place: FREE } },
  { ...common, note: FREE, type: 'family-plan', plan: { startDate: '2026-11-01', worries: worriesFor(['NEG', 'PHY', 'EMO', 'SAB'], 'Mia'), moreWorries: FREE, changes: FREE, tasks: FREE, coreGroupDates: ['2026-12-13'], reviewDate: '2027-01-30' } },
  { ...common, note: null, type: 'family-plan', plan: { startDate: '2026-11-01', worries: [], moreWorries: null, changes: FREE, tasks: FREE, coreGroupDates: [], reviewDate: null } },
  ...Object.values(OUTCOME_LETTERS).map((w): LetterContext => ({ ...common, note: FREE, type: 'contact-outcome', contact: { receivedDate: '2026-11-20', decided: w!.decided, next: w!.next } })),
];

/** The letter's words as a reader sees them, with the free text taken out: what Cairn itself says. */
function staticText(html: string): string {
  return html
    .replaceAll(FREE.replace(/</g, '&lt;').replace(/>/g, '&gt;'), ' ')
    .replace(/<(h1|h2|li|p|br)\b[^>]*>/g, '\n$&')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&[a-z]+;/g, ' ');
}

describe('letter templates', () => {
  it('fill every field from the record: no undefined, no null, no empty placeholder', () => {
    for (const letter of letters) {
      const html = renderLetter(letter);
      assert.doesNotMatch(html, /undefined|\bnull\b|\[object Object\]|\{\{|\{%/, letter.type);
      assert.match(html, /Dear Jo &lt;script&gt;alert\(1\)&lt;\/script&gt; Test,/);
      assert.match(html, /5 December 2026/);
      assert.match(html, /Brackenshire Council/);
      assert.match(html, /Rob Delaney<br>Social worker/);
    }
  });

  it('escape what people typed and names from the index', () => {
    for (const letter of letters) {
      const html = renderLetter(letter);
      assert.doesNotMatch(html, /<script|<img src=x/, letter.type);
    }
    assert.match(letterDocument({ ...letters[0]!, child: { givenName: '<b>', fullName: '<b>Mia' } }), /<title>Letter about &#60;b&#62;Mia<\/title>/);
  });

  it('write in short sentences: none of Cairn’s own sentences is longer than 25 words', () => {
    const long: string[] = [];
    for (const letter of letters) {
      for (const block of staticText(renderLetter(letter)).split('\n')) {
        for (const sentence of block.split(/(?<=[.!?:])\s+/)) {
          const words = sentence.trim().split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
          if (words.length > 25) long.push(`${letter.type}: ${words.length} words: ${sentence.trim()}`);
        }
      }
    }
    assert.deepEqual(long, []);
  });

  it('avoid the jargon a family would not know, or explain it', () => {
    const all = letters.map((l) => staticText(renderLetter(l))).join('\n');
    for (const word of ['section 47', 'LADO', 'MASH', 'threshold', 'strategy discussion', 'ICPC', 'RCPC', 'IRO', 'CIN', 'pursuant', 'hereby']) {
      assert.ok(!all.toLowerCase().includes(word.toLowerCase()), `uses “${word}”`);
    }
    assert.match(all, /An advocate is someone who helps you say what you think/);
    assert.match(all, /The core group is you, the social worker and people who work with Mia/);
    assert.match(all, /This is called an assessment/);
  });

  it('print to a PDF with Chromium, offline', async () => {
    const pdf = await letterPdf(letters[0]!, loadConfig({ CAIRN_DATA_DIR: ':memory:' }).chromiumPath);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.byteLength > 5000);
  });
});

describe('letterhead settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-letterhead-'));
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

  it('default to the demo council, and split address and contact lines at |', () => {
    assert.equal(branding.councilName, 'Brackenshire Council');
    const custom = readBrandingConfig({ CAIRN_COUNCIL_NAME: 'Test Borough', CAIRN_COUNCIL_ADDRESS: 'Town Hall | High Street |TB1 2CD', CAIRN_COUNCIL_CONTACT: 'Telephone 01632 960 111' }).config!;
    assert.deepEqual(custom.addressLines, ['Town Hall', 'High Street', 'TB1 2CD']);
    assert.deepEqual(custom.contactLines, ['Telephone 01632 960 111']);
    assert.equal(custom.logoDataUri, null);
  });

  it('read a PNG logo at start-up as a data: URI, shown instead of the name', () => {
    const file = join(dir, 'logo.png');
    writeFileSync(file, png);
    const config = readBrandingConfig({ CAIRN_LETTER_LOGO_PATH: file }).config!;
    assert.equal(config.logoDataUri, `data:image/png;base64,${png.toString('base64')}`);
    const html = renderLetter({ ...letters[0]!, branding: config });
    assert.match(html, /<img class="cairn-letter__logo" src="data:image\/png;base64,/);
  });

  it('stop Cairn starting for a missing file, a file that is not a PNG, or an empty name', () => {
    const notPng = join(dir, 'logo.svg');
    writeFileSync(notPng, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    assert.deepEqual(readBrandingConfig({ CAIRN_LETTER_LOGO_PATH: join(dir, 'missing.png') }).problems, ['CAIRN_LETTER_LOGO_PATH: the file cannot be read']);
    assert.deepEqual(readBrandingConfig({ CAIRN_LETTER_LOGO_PATH: notPng }).problems, ['CAIRN_LETTER_LOGO_PATH: the logo must be a PNG file']);
    assert.throws(() => loadConfig({ CAIRN_DATA_DIR: ':memory:', CAIRN_COUNCIL_NAME: ' ' }), /letterhead is not configured correctly\n {2}CAIRN_COUNCIL_NAME/);
  });

  it('read times as a family would say them', () => {
    assert.equal(readTime('14:30'), '2:30pm');
    assert.equal(readTime('9.05'), '9:05am');
    assert.equal(readTime('10am'), '10:00am');
    assert.equal(readTime('12pm'), '12:00pm');
    assert.equal(readTime('12:15am'), '12:15am');
    assert.equal(readTime('00:00'), '12:00am');
    for (const bad of ['25:00', '10', '13pm', '10:60', 'ten', '']) assert.equal(readTime(bad), null, bad);
  });
});
