import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agencyOf } from '../../src/domains/early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { ukWallClock } from '../../src/platform/calendar/uk-time.ts';
import { addCalendarDays, addMonths, ukToday } from '../../src/platform/calendar/working-days.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, signIn, startBrowserApp, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const PLACE = 'Larchfield skate park';

/** Fills a date-and-time field with a moment `hoursAgo` before now, in UK time. */
async function fillMoment(page: Page, id: string, hoursAgo: number) {
  const { date, time } = ukWallClock(new Date(Date.now() - hoursAgo * 3_600_000));
  await fillDate(page, id, date);
  await page.locator(`#${id}-time`).fill(time);
}

/**
 * The journey: a sighting of two children at a place shows on the first child's network and joins the two on
 * the MET hub agenda; a school partner who knows only the first child sees neither the second child nor anything
 * linking them.
 */
describe('harm outside the home in a browser', () => {
  let b: BrowserApp;
  /** Known to the school. */
  let wren = '';
  /** Not known to the school. */
  let ossian = '';

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    const db = b.t.db;
    wren = await insertTestPerson(db, { givenName: 'Wren', familyName: 'Halloway', dateOfBirth: '2011-03-14', postcode: 'ZZ99 5AB' });
    ossian = await insertTestPerson(db, { givenName: 'Ossian', familyName: 'Brightwater', dateOfBirth: '2010-10-30', postcode: 'ZZ99 5AD' });
    await db.insertInto('involvements').values({ person_id: wren, agency_id: await agencyOf(db, 'education'), basis: 'consent', detail: 'Parent consented to sharing with the school' }).execute();
    // Both screened at medium risk of criminal exploitation a fortnight ago: both are on the MET hub agenda.
    const screenedOn = addCalendarDays(ukToday(), -14);
    for (const personId of [wren, ossian]) {
      await db.insertInto('exploitation_screenings').values({
        person_id: personId, screened_on: screenedOn, sexual_exploitation: 'none', criminal_exploitation: 'medium', trafficking: 'none',
        indicators: ['going_missing', 'older_associates'], summary: 'Older associates and money the family cannot explain.', review_due: addMonths(screenedOn, 3),
      }).execute();
    }
    await db.insertInto('places').values({ name: PLACE, kind: 'leisure', locality: 'central_east', postcode: 'ZZ99 5SP', description: 'Young people gather here after dark.' }).execute();
  });
  after(() => b?.close());

  it('a social worker records a sighting of two children at a place, sees it on the first child’s network, and the MET hub agenda groups them', () =>
    b.journey(async (page) => {
      await page.goto('/exploitation');
      await signIn(page, SAM);
      assert.equal(await heading(page), 'Exploitation and harm outside the home');
      let text = await mainText(page);
      assert.match(text, /Wren Halloway/);
      assert.match(text, /Ossian Brightwater/);
      assert.doesNotMatch(text, /Group 1: /, 'nothing links them yet');
      await expectAccessible(page);

      await follow(page, 'Places of concern');
      assert.equal(await heading(page), 'Places of concern');
      await expectAccessible(page);
      await follow(page, PLACE);
      assert.match(await heading(page), new RegExp(PLACE));
      const placeUrl = pathOf(page);
      await expectAccessible(page);

      await submit(page, 'Record an incident or sighting');
      assert.equal(await heading(page), 'Who was involved?');
      await expectAccessible(page);
      for (const [name, button] of [['Halloway', 'Add Wren Halloway as a child involved'], ['Brightwater', 'Add Ossian Brightwater as a child involved']] as const) {
        await page.getByLabel('Name', { exact: true }).fill(name);
        await submit(page, 'Search');
        await submit(page, button);
      }
      await expectAccessible(page);
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'What happened?');
      assert.match(await mainText(page), /People involved: Wren Halloway, Ossian Brightwater/);
      await expectAccessible(page);
      await page.getByLabel('Sighting').check();
      await fillMoment(page, 'occurredAt', 3);
      await page.getByLabel('Where did the information come from?').selectOption('police');
      await page.getByLabel('What was seen or what happened').fill('Both seen by the half-pipe with an older male who left in a grey car.');
      await submit(page, 'Record it');
      assert.equal(pathOf(page), placeUrl);
      text = await mainText(page);
      assert.match(text, /Sighting, .* Both seen by the half-pipe/);
      assert.match(text, /Wren Halloway/);
      assert.match(text, /Ossian Brightwater/);
      await expectAccessible(page);

      // The first child's network: the place is there, in the graph and in its table.
      await page.goto(`/people/${wren}`);
      await follow(page, 'Network: peers, adults and places');
      assert.equal(pathOf(page), `/people/${wren}/network`);
      assert.equal(await page.locator('svg[role="img"] title').textContent(), 'The network of Wren Halloway');
      assert.ok((await page.locator('svg[role="img"]').textContent())!.includes(PLACE), 'the place is drawn on the graph');
      assert.match(await mainText(page), new RegExp(`${PLACE}`));
      await expectAccessible(page);

      // An association between the two, from the first child's network.
      await submit(page, 'Add an association');
      await page.getByLabel('Name').fill('Brightwater');
      await submit(page, 'Search');
      await submit(page, 'Choose Ossian Brightwater');
      assert.equal(await heading(page), 'About the association');
      await expectAccessible(page);
      await page.getByLabel('Peer', { exact: true }).check();
      await page.getByLabel('Where did the information come from?').selectOption('police');
      await page.getByLabel('Likely').check();
      await fillDate(page, 'fromDate', addCalendarDays(ukToday(), -2));
      await submit(page, 'Record the association');
      assert.equal(pathOf(page), `/people/${wren}/network`);
      assert.match(await mainText(page), /Ossian Brightwater Young person/);
      await expectAccessible(page);

      // The chronology says where, never who with.
      await page.goto(`/people/${wren}/chronology`);
      text = await mainText(page);
      assert.match(text, new RegExp(`Seen at ${PLACE} \\(sighting, police\\)`));
      assert.match(text, /An association with another young person was recorded \(likely\)/);
      assert.doesNotMatch(text, /Ossian|Brightwater/);
      await expectAccessible(page);

      await page.goto('/exploitation');
      text = await mainText(page);
      assert.match(text, /Group 1: 2 children/);
      const group = page.locator('section', { has: page.locator('#hub-group-1') });
      const groupText = (await group.innerText()).replace(/\s+/g, ' ');
      assert.match(groupText, /Ossian Brightwater/);
      assert.match(groupText, /Wren Halloway/);
      assert.match(groupText, new RegExp(`Ossian Brightwater and Wren Halloway were linked to ${PLACE} in the last 90 days`));
      assert.match(groupText, /an association \(peer, likely\)/);
      await expectAccessible(page);
      await group.getByRole('link', { name: PLACE }).click();
      assert.equal(pathOf(page), placeUrl);
    }));

  it('a school partner who knows only the first child sees neither the second child nor anything linking them', () =>
    b.journey(async (page) => {
      await page.goto('/exploitation');
      await signIn(page, PAT);
      assert.equal(await heading(page), 'Exploitation and harm outside the home');
      let text = await mainText(page);
      assert.match(text, /Wren Halloway/);
      assert.doesNotMatch(text, /Ossian|Brightwater/);
      assert.doesNotMatch(text, /Group 1: /, 'a child alone is no group');
      assert.equal(await page.locator(`a[href^="/people/${ossian}"]`).count(), 0);
      await expectAccessible(page);

      await page.goto(`/people/${wren}/network`);
      assert.equal(await heading(page), 'Network');
      text = await mainText(page);
      assert.match(text, new RegExp(PLACE), 'the place is the school’s to see');
      assert.doesNotMatch(text, /Ossian|Brightwater/);
      assert.doesNotMatch((await page.locator('svg[role="img"]').textContent())!, /Ossian|Brightwater/);
      assert.match(text, /linked to 0 young people/, 'the association is not even counted');
      await expectAccessible(page);

      await follow(page, PLACE);
      text = await mainText(page);
      assert.match(text, /Wren Halloway/);
      assert.doesNotMatch(text, /Ossian|Brightwater/);
      assert.equal(await page.locator(`a[href^="/people/${ossian}"]`).count(), 0);
      await expectAccessible(page);

      const refused = await page.goto(`/people/${ossian}/network`);
      assert.equal(refused?.status(), 403);
      assert.doesNotMatch(await mainText(page), /Ossian|Brightwater/);
      await expectAccessible(page);
    }));
});

describe('the demo’s harm outside the home in a browser', () => {
  let b: BrowserApp;
  before(async () => {
    b = await startBrowserApp({ children: 200 });
  });
  after(() => b?.close());

  it('a social worker reads the MET hub agenda, a peer group with its discussion and actions, and a member’s network, axe on every page', () =>
    b.journey(async (page) => {
      await page.goto('/exploitation');
      await signIn(page, SAM);
      let text = await mainText(page);
      assert.match(text, /Group 1: \d+ children/);
      assert.match(text, /are in the peer group Station Road group/);
      assert.match(text, /Places where several children were found when missing/);
      assert.doesNotMatch(text, /No place where two or more children you can see were found when missing/);
      await expectAccessible(page);

      await follow(page, 'Station Road group');
      assert.equal(await heading(page), 'Station Road group');
      text = await mainText(page);
      assert.match(text, /Brackenshire bus station/);
      assert.match(text, /closure order/);
      assert.match(text, /Detached youth workers/);
      await expectAccessible(page);

      const member = page.locator('main a[href^="/people/"]').first();
      const href = (await member.getAttribute('href'))!.match(/^\/people\/[0-9a-f-]{36}/)![0];
      await page.goto(`${href}/network`);
      assert.equal(await heading(page), 'Network');
      text = await mainText(page);
      assert.match(text, /Station Road group/);
      assert.match(text, /Chicken Palace, Station Road|Brackenshire bus station|Flat 3, 12 Tanner’s Row|Snapview group chat/);
      await expectAccessible(page);
    }));
});
