import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserApp, expectAccessible, heading, mainText, pathOf, signIn, startBrowserApp } from '../support/browser.ts';

describe('the partnership hub in a browser', () => {
  let b: BrowserApp;

  before(async () => {
    b = await startBrowserApp({ children: 5 });
  });
  after(() => b?.close());

  it('the business manager starts at the partnership hub and sees every area', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, 'tess.marlow@cairn.example');
      await page.goto('/');
      assert.equal(pathOf(page), '/partnership');
      assert.equal(await heading(page), 'Partnership');
      const text = await mainText(page);
      for (const area of ['Multi-agency case audits', 'Section 11 self-assessment', 'Training', 'Surveys', 'Practice tools', 'Board business']) assert.match(text, new RegExp(area));
      await expectAccessible(page);
    }));

  it('a school practitioner sees their agency’s answers, training and surveys to answer', () =>
    b.journey(async (page) => {
      await page.goto('/partnership');
      await signIn(page, 'pat.quinn@cairn.example');
      const text = await mainText(page);
      assert.match(text, /Section 11 self-assessment/);
      assert.match(text, /Training/);
      assert.match(text, /Surveys for you to answer/);
      assert.doesNotMatch(text, /Board business|Practice tools|Surveys of children/);
    }));
});
