import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const GWEN = 'gwen.ashdown@cairn.example';

describe('subject access requests in a browser', () => {
  let b: BrowserApp;
  let subject: { id: string; given_name: string; family_name: string };
  before(async () => {
    b = await startBrowserApp({ children: 40 });
    // A child no demo request is about, with relatives to redact.
    subject = await b.t.db
      .selectFrom('people as p')
      .select(['p.id', 'p.given_name', 'p.family_name'])
      .where('p.person_type', '=', 'child')
      .where('p.restricted', '=', false)
      .where('p.id', 'not in', b.t.db.selectFrom('sar_requests').select('person_id'))
      .where('p.id', 'in', b.t.db.selectFrom('relationships').select('person_id'))
      .orderBy('p.id')
      .limit(1)
      .executeTakeFirstOrThrow();
  });
  after(() => b?.close());

  it('the data protection officer logs a request, compiles, redacts with a reason, completes the review and downloads the PDF', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, GWEN);
      await follow(page, 'Information governance');
      assert.equal(await heading(page), 'Information governance');
      await expectAccessible(page);
      await follow(page, 'Subject access requests');
      assert.equal(await heading(page), 'Subject access requests');
      assert.match(await mainText(page), /Clock paused since/);
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Log a subject access request', exact: true }).click();
      await expectAccessible(page);
      await page.getByLabel('The person themself', { exact: true }).check();
      await page.getByLabel('Requester’s name', { exact: true }).fill(`${subject.given_name} ${subject.family_name}`);
      await submit(page, 'Continue');
      assert.match(await problems(page), /Enter how you confirmed the requester’s identity/);
      assert.equal(await page.getByLabel('Requester’s name', { exact: true }).inputValue(), `${subject.given_name} ${subject.family_name}`);
      await expectAccessible(page);
      await page.getByLabel('Contact details', { exact: true }).fill('By email');
      await page.getByLabel('How you confirmed the requester’s identity').fill('Identity confirmed in person by their social worker');
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'Who is the request about?');
      await page.getByLabel('Name', { exact: true }).fill(`${subject.given_name} ${subject.family_name}`);
      await submit(page, 'Search');
      await expectAccessible(page);
      await page.locator(`input[name="personId"][value="${subject.id}"]`).check();
      await submit(page, 'Log the request');
      assert.match(pathOf(page), /^\/governance\/sars\/[0-9a-f-]{36}$/);
      assert.match(await mainText(page), /On track/);
      await expectAccessible(page);

      await submit(page, 'Compile the bundle');
      assert.match(await mainText(page), /Bundle compiled: \d+ records/);
      await submit(page, 'Start the review');
      await page.getByRole('button', { name: 'Review the bundle', exact: true }).click();
      assert.equal(await heading(page), `${subject.given_name} ${subject.family_name}`);
      await expectAccessible(page);
      await follow(page, /^Relationship$/);
      await page.getByRole('link', { name: /^Redact/ }).first().click();
      await expectAccessible(page);
      // A suggested field, first without a reason.
      await page.locator('input[name="field"]:not([value="_item"])').first().check();
      await submit(page, 'Redact');
      assert.match(await problems(page), /Select the reason for the redaction/);
      await expectAccessible(page);
      await page.getByLabel('Third party — a family member').check();
      await submit(page, 'Redact');
      assert.match(await mainText(page), /Redacted: Third party — a family member/);

      const id = /\/governance\/sars\/([0-9a-f-]{36})\/items\//.exec(page.url())![1]!;
      await page.goto(`/governance/sars/${id}`);
      await submit(page, 'Mark the review complete');
      assert.match(await mainText(page), /Review marked complete/);
      await page.getByRole('button', { name: 'Disclose', exact: true }).click();
      await expectAccessible(page);
      await submit(page, 'Disclose and create the PDF');
      assert.match(await mainText(page), /Disclosed/);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download the disclosure (PDF)' }).click();
      const file = await download;
      const stream = await file.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      assert.equal(Buffer.concat(chunks).subarray(0, 5).toString('latin1'), '%PDF-');
      const audit = await b.t.db.selectFrom('access_audit').select('action').where('person_id', '=', subject.id).where('action', 'like', 'sar.%').execute();
      for (const action of ['sar.create', 'sar.compile', 'sar.review', 'sar.redact', 'sar.disclose', 'sar.download']) assert.ok(audit.some((a) => a.action === action), action);
    }));

  it('the clock’s forms (extend, restart, withdraw) show what to correct and pass axe', () =>
    b.journey(async (page) => {
      const demo = await b.t.db.selectFrom('sar_requests').select('id').where('status', '=', 'received').executeTakeFirstOrThrow();
      await page.goto(`/governance/sars/${demo.id}`);
      await signIn(page, GWEN);
      assert.match(await mainText(page), /Clock paused/);
      await expectAccessible(page);
      await follow(page, 'Extend the time limit');
      await submit(page, 'Extend the time limit');
      assert.match(await problems(page), /Select how long to extend by/);
      await expectAccessible(page);
      await page.getByLabel('One further month').check();
      await page.getByLabel('Why the request is complex or numerous').fill('Paper records from two services to be scanned');
      await submit(page, 'Extend the time limit');
      assert.match(await mainText(page), /1 further month: Paper records/);
      await follow(page, 'Restart the clock');
      await expectAccessible(page);
      await submit(page, 'Restart the clock');
      assert.doesNotMatch(await mainText(page), /Clock paused since/);
      await follow(page, 'Withdraw or refuse the request');
      await expectAccessible(page);
      await submit(page, 'Close the request');
      assert.match(await problems(page), /Select whether the request was withdrawn or refused/);
      await expectAccessible(page);
    }));

  it('a practitioner has no information governance menu and is refused the pages', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, 'sam.rowe@cairn.example');
      assert.equal(await page.getByRole('link', { name: 'Information governance' }).count(), 0);
      const response = await page.goto('/governance/sars');
      assert.equal(response?.status(), 403);
    }));
});
