import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { insertTestPerson } from '../../src/domains/people/fixtures.test-support.ts';
import { ukWallClock } from '../../src/platform/calendar/uk-time.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const CHRIS = 'chris.varley@cairn.example';

/** Fills a date-and-time field with a moment `hoursAgo` before now, in UK time. */
async function fillMoment(page: Page, id: string, hoursAgo: number) {
  const { date, time } = ukWallClock(new Date(Date.now() - hoursAgo * 3_600_000));
  await fillDate(page, id, date);
  await page.locator(`#${id}-time`).fill(time);
}

describe('places of concern in a browser', () => {
  let b: BrowserApp;
  /** Known to the school and early help; Tamsin only to early help. */
  let orla: string;
  let tamsin: string;

  before(async () => {
    b = await startBrowserApp({ children: 10 });
    orla = await insertTestPerson(b.t.db, { givenName: 'Orla', familyName: 'Pennyworth', postcode: 'ZZ99 4CD', dateOfBirth: '2011-06-21' });
    tamsin = await insertTestPerson(b.t.db, { givenName: 'Tamsin', familyName: 'Quillfeather', postcode: 'ZZ99 4CE', dateOfBirth: '2010-11-02' });
    await insertTestPerson(b.t.db, { givenName: 'Garrick', familyName: 'Hollowell', dateOfBirth: '1992-03-03', personType: 'adult' });
    const agency = async (kind: 'education' | 'early_help') => (await b.t.db.selectFrom('agencies').select('id').where('kind', '=', kind).executeTakeFirstOrThrow()).id;
    for (const [person, kind] of [[orla, 'education'], [orla, 'early_help'], [tamsin, 'early_help']] as const) {
      await b.t.db.insertInto('involvements').values({ person_id: person, agency_id: await agency(kind), basis: 'consent', detail: 'Shared for the test' }).execute();
    }
  });
  after(() => b?.close());

  it('a social worker adds a place, records a sighting with two children and an adult, and a return found there', async () => {
    let placeUrl = '';
    await b.journey(async (page) => {
      await page.goto('/places');
      await signIn(page, SAM);
      assert.equal(await heading(page), 'Places of concern');
      await expectAccessible(page);

      await submit(page, 'Add a place');
      assert.equal(await heading(page), 'Add a place of concern');
      await expectAccessible(page);
      await page.getByLabel('Postcode (optional)').fill('not one');
      await submit(page, 'Add the place');
      const listed = await problems(page);
      assert.match(listed, /Enter the name of the place/);
      assert.match(listed, /Select what kind of place it is/);
      assert.match(listed, /Enter a real postcode/);
      await expectAccessible(page);
      await page.getByLabel('Name', { exact: true }).fill('Riverside rec ground');
      await page.getByLabel('Park or open space').check();
      await page.getByLabel('Postcode (optional)').fill('ZZ99 4EF');
      await page.getByLabel('Description (optional)').fill('Teenagers gather by the pavilion after dark; cars stop briefly.');
      await submit(page, 'Add the place');
      assert.match(pathOf(page), /^\/places\/[0-9a-f-]{36}$/);
      placeUrl = pathOf(page);
      let text = await mainText(page);
      assert.match(text, /Riverside rec ground/);
      assert.match(text, /Central and East/);
      assert.match(text, /Nothing has been recorded at this place/);
      await expectAccessible(page);

      await submit(page, 'Record an incident or sighting');
      assert.equal(await heading(page), 'Who was involved?');
      await expectAccessible(page);
      for (const [name, button] of [['Pennyworth', 'Add Orla Pennyworth as a child involved'], ['Quillfeather', 'Add Tamsin Quillfeather as a child involved'], ['Hollowell', 'Add Garrick Hollowell as an adult involved']]) {
        await page.getByLabel('Name', { exact: true }).fill(name!);
        await submit(page, 'Search');
        await submit(page, button!);
      }
      await expectAccessible(page);
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'What happened?');
      assert.match(await mainText(page), /People involved: Orla Pennyworth, Tamsin Quillfeather, Garrick Hollowell/);
      await expectAccessible(page);
      await submit(page, 'Record it');
      const missing = await problems(page);
      assert.match(missing, /Select what kind of information it is/);
      assert.match(missing, /Enter what was seen or what happened/);
      await expectAccessible(page);
      await page.getByLabel('Sighting').check();
      await fillMoment(page, 'occurredAt', 20);
      await page.getByLabel('Where did the information come from?').selectOption('police');
      await page.getByLabel('What was seen or what happened').fill('Both girls seen getting out of a grey hatchback by the pavilion at 22:00.');
      await submit(page, 'Record it');
      assert.equal(pathOf(page), placeUrl);
      text = await mainText(page);
      assert.match(text, /Children linked at any time/);
      assert.match(text, /Orla Pennyworth/);
      assert.match(text, /Tamsin Quillfeather/);
      assert.match(text, /Sighting, .* Both girls seen getting out of a grey hatchback/);
      assert.match(text, /Garrick Hollowell \(adult\)/);
      await expectAccessible(page);

      await fillDate(page, 'from', ['2026', '2', '31']);
      await submit(page, 'Show this period');
      assert.match(await problems(page), /Date from must be a real date/);
      await expectAccessible(page);

      await follow(page, 'Change the place’s details');
      assert.equal(await heading(page), 'Change the place’s details');
      await expectAccessible(page);
      await page.getByLabel('Name', { exact: true }).fill('Riverside recreation ground');
      await submit(page, 'Save changes');
      assert.equal(pathOf(page), placeUrl);
      assert.match(await heading(page), /Riverside recreation ground/);

      // Tamsin goes missing and is found at the place: the return step links it.
      await page.goto(`/people/${tamsin}/missing/new`);
      await page.getByLabel('Missing', { exact: true }).check();
      await fillMoment(page, 'startedAt', 8);
      await page.getByLabel('Medium').check();
      await page.getByLabel('Circumstances').fill('Did not come home after school.');
      await submit(page, 'Report missing');
      assert.match(pathOf(page), /^\/missing\/[0-9a-f-]{36}$/);
      await submit(page, 'Record their return');
      await expectAccessible(page);
      await fillMoment(page, 'returnedAt', 1);
      await page.getByLabel('Where were they found, or where did they come back to?').fill('Found by police by the pavilion');
      await page.getByLabel('Were they found at a place of concern? (optional)').selectOption({ label: 'Riverside recreation ground' });
      await submit(page, 'Record return');
      assert.match(await mainText(page), /Returned: interview to offer/);

      await page.goto(placeUrl);
      text = await mainText(page);
      assert.match(text, /Found when missing, .* Found here after being reported missing/);
      await expectAccessible(page);
      await follow(page, 'Back to places of concern');
      assert.match(await mainText(page), /Places with repeat incidents.*Riverside recreation ground.*Find a place/);
      await expectAccessible(page);
    });

    await b.journey(async (page) => {
      await page.goto(placeUrl);
      await signIn(page, PAT);
      assert.equal(pathOf(page), placeUrl);
      const text = await mainText(page);
      assert.match(text, /Orla Pennyworth/);
      assert.doesNotMatch(text, /Tamsin|Quillfeather/, 'a child the school cannot see is not shown');
      assert.equal(await page.locator(`a[href="/people/${tamsin}"]`).count(), 0);
      await expectAccessible(page);
      await page.goto('/places');
      assert.doesNotMatch(await mainText(page), /Places with repeat incidents.*Riverside recreation ground.*Find a place/, 'one child they can see is no pattern');
      await expectAccessible(page);
    });

    await b.journey(async (page) => {
      await page.goto('/places?name=riverside');
      await signIn(page, CHRIS);
      const text = await mainText(page);
      assert.match(text, /Places with repeat incidents.*Riverside recreation ground.*Find a place/);
      assert.match(text, /1 place found/);
      await expectAccessible(page);
      await follow(page, 'Riverside recreation ground');
      assert.match(await mainText(page), /Tamsin Quillfeather/);
      assert.equal(await page.getByRole('button', { name: 'Record an incident or sighting' }).count(), 1);
      await expectAccessible(page);
    });
  });
});
