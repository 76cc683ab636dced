import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROBLEMS_TITLE } from '../../src/domains/returns/record.ts';
import { collectionYearOf } from '../../src/domains/returns/engine.ts';
import { ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, signIn, startBrowserApp, submit } from '../support/browser.ts';

const MORGAN = 'morgan.hale@cairn.example';

describe('the statutory returns in a browser', () => {
  let b: BrowserApp;
  let child: { id: string; return_id: string };
  const year = collectionYearOf(ukToday());

  before(async () => {
    b = await startBrowserApp({ children: 20 });
    // A child looked after now whose ethnicity is a code the DfE does not have: 903 rule 103 finds it.
    child = await b.t.db
      .selectFrom('care_episodes')
      .innerJoin('people', 'people.id', 'care_episodes.person_id')
      .select(['people.id', 'people.return_id'])
      .where('care_episodes.end_date', 'is', null)
      .where('people.restricted', '=', false)
      .orderBy('people.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await b.t.db.updateTable('people').set({ ethnicity: 'XXXX' }).where('id', '=', child.id).execute();
  });
  after(() => b?.close());

  it('a manager checks the SSDA903, follows a failure to the child’s record, sees the problem there and exports the files', () =>
    b.journey(async (page) => {
      await page.goto('/');
      await signIn(page, MORGAN);
      await follow(page, 'Returns');
      assert.equal(pathOf(page), '/returns');
      assert.equal(await heading(page), 'Statutory returns');
      await expectAccessible(page);

      await follow(page, new RegExp(`^SSDA903: children looked after ${year}`));
      assert.equal(pathOf(page), `/returns/903/${year}`);
      const text = await mainText(page);
      assert.match(text, /Rule 103: 1 failure/);
      assert.match(text, /Ethnicity is missing or is not one of the DfE ethnicity codes/);
      await expectAccessible(page);

      await follow(page, child.return_id);
      assert.equal(pathOf(page), `/people/${child.id}/social-care`);
      const record = await mainText(page);
      assert.ok(record.includes(PROBLEMS_TITLE));
      assert.match(record, /SSDA903 error 103/);
      await expectAccessible(page);

      await page.goBack();
      await submit(page, 'Export the 903 CSV files (zip)');
      assert.match(pathOf(page), /^\/returns\/runs\/[0-9a-f-]{36}$/);
      // The run finishes in the background: the page moves on by itself (or the "Check progress" link is followed).
      await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('ready to download'), null, { timeout: 20_000 });
      await expectAccessible(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download SSDA903_873_\d{4}\.zip/ }).click()]);
      assert.equal(download.suggestedFilename(), `SSDA903_873_${year}.zip`);
    }));
});
