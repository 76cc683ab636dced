import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { ukWallClock } from '../../src/platform/calendar/uk-time.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';
import type { Page } from 'playwright-core';

const PAT = 'pat.quinn@cairn.example';
const SAM = 'sam.rowe@cairn.example';

/** Fills a date-and-time field with a moment `hoursAgo` before now, in UK time. */
async function fillMoment(page: Page, id: string, hoursAgo: number) {
  const { date, time } = ukWallClock(new Date(Date.now() - hoursAgo * 3_600_000));
  await fillDate(page, id, date);
  await page.locator(`#${id}-time`).fill(time);
}

describe('a missing child in a browser', () => {
  let b: BrowserApp;
  let child: string;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    child = await insertTestPerson(b.t.db, { givenName: 'Juniper', familyName: 'Castlemaine', postcode: 'ZZ99 3CD', dateOfBirth: '2012-04-18' });
    const school = (await b.t.db.selectFrom('agencies').select('id').where('kind', '=', 'education').executeTakeFirstOrThrow()).id;
    await b.t.db.insertInto('involvements').values({ person_id: child, agency_id: school, basis: 'consent', detail: 'Pupil at the academy' }).execute();
  });
  after(() => b?.close());

  it('the school reports the child missing; social care records the return and holds the interview within 72 hours', async () => {
    let episodeUrl = '';
    await b.journey(async (page) => {
      await page.goto(`/people/${child}/missing`);
      await signIn(page, PAT);
      assert.equal(pathOf(page), `/people/${child}/missing`);
      await expectAccessible(page);
      await submit(page, 'Report missing');
      assert.equal(await heading(page), 'Report a child missing');
      await expectAccessible(page);
      await submit(page, 'Report missing');
      const listed = await problems(page);
      assert.match(listed, /Select whether the child is missing or absent/);
      assert.match(listed, /Enter the time for when they went missing/);
      await expectAccessible(page);
      await page.getByLabel('Missing', { exact: true }).check();
      await fillMoment(page, 'startedAt', 6);
      await page.getByLabel('Medium').check();
      await page.getByLabel('Circumstances').fill('Did not come back to school after lunch. Seen getting into a car with older teenagers.');
      await submit(page, 'Report missing');
      assert.match(pathOf(page), /^\/missing\/[0-9a-f-]{36}$/);
      episodeUrl = pathOf(page);
      assert.match(await mainText(page), /Missing now/);
      await expectAccessible(page);
    });

    await b.journey(async (page) => {
      await page.goto('/missing');
      await signIn(page, SAM);
      assert.match(await mainText(page), /Juniper Castlemaine/);
      await expectAccessible(page);
      await page.goto(episodeUrl);
      await submit(page, 'Record their return');
      await expectAccessible(page);
      await fillMoment(page, 'returnedAt', 3);
      await page.getByLabel('Where were they found, or where did they come back to?').fill('A friend’s flat in the town centre');
      await submit(page, 'Record return');
      assert.equal(pathOf(page), episodeUrl);
      assert.match(await mainText(page), /Returned: interview to offer/);
      await submit(page, 'Record the interview offer');
      await expectAccessible(page);
      await fillMoment(page, 'offeredAt', 2);
      await submit(page, 'Record offer');
      await submit(page, 'Record whether they accepted');
      await expectAccessible(page);
      await page.getByLabel('Accepted').check();
      await submit(page, 'Save answer');
      await submit(page, 'Record the interview');
      await expectAccessible(page);
      await fillMoment(page, 'completedAt', 0);
      await page.getByLabel('What pulled them away (optional)').fill('Older friends with a car who buy food.');
      await page.getByLabel('Friendships or relationships with older people').check();
      await page.getByLabel('Findings and what happens next').fill('Safety plan agreed; school told; exploitation screening next.');
      await submit(page, 'Record interview');
      const text = await mainText(page);
      assert.match(text, /Interview completed/);
      assert.match(text, /within 72 hours/);
      await expectAccessible(page);
      await follow(page, 'Record an exploitation screening');
      assert.equal(await heading(page), 'Exploitation risk screening');
      await expectAccessible(page);
    });
  });
});
