import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCalendarDays, ukToday } from '../../src/platform/calendar/working-days.ts';
import { formatDate } from '../../src/platform/views/format.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

describe('letters on a child’s record in a browser', () => {
  let b: BrowserApp;
  let child: { id: string; given_name: string };
  let parent: { given_name: string; family_name: string };

  before(async () => {
    b = await startBrowserApp({ children: 40 });
    // A demo child with a child protection conference still to be held and a parent in the person index.
    const found = await b.t.db
      .selectFrom('cp_conferences as c')
      .innerJoin('people as child', 'child.id', 'c.person_id')
      .innerJoin('relationships as r', (j) => j.onRef('r.related_person_id', '=', 'child.id').on('r.kind', '=', 'parent'))
      .innerJoin('people as parent', 'parent.id', 'r.person_id')
      .select(['child.id', 'child.given_name', 'parent.given_name as parent_given', 'parent.family_name as parent_family'])
      .where('c.held_on', 'is', null)
      .where('child.restricted', '=', false)
      .where('parent.restricted', '=', false)
      .where('parent.merged_into', 'is', null)
      .where('parent.destroyed_at', 'is', null)
      .where('parent.date_of_death', 'is', null)
      .orderBy('c.due_date')
      .executeTakeFirstOrThrow();
    child = { id: found.id, given_name: found.given_name };
    parent = { given_name: found.parent_given, family_name: found.parent_family };
  });
  after(() => b?.close());

  it('a social worker invites a parent to a conference: chooses, writes a note, checks the letter, creates the PDF', () =>
    b.journey(async (page) => {
      const meeting = addCalendarDays(ukToday(), 14);
      await signIn(page, 'rob.delaney@cairn.example');
      await page.goto(`/people/${child.id}`);
      await follow(page, 'Letters');
      assert.equal(await heading(page), 'Letters');
      await expectAccessible(page);

      await follow(page, /^Write an invitation/);
      assert.equal(await heading(page), 'Invitation to a child protection conference');
      await expectAccessible(page);
      await page.getByLabel('Time it starts').fill('half past two');
      await page.getByLabel('A personal note from you (optional)').fill('I will ring you the day before.\nAsk me about help with travel.');
      await submit(page, 'Check the letter');
      const summary = await problems(page);
      assert.match(summary, /Enter the time the conference starts, like/);
      assert.match(summary, /Enter where the conference will be held/);
      assert.equal(await page.getByLabel('A personal note from you (optional)').inputValue(), 'I will ring you the day before.\nAsk me about help with travel.', 'what was typed is kept');
      await expectAccessible(page);

      assert.match(await mainText(page), new RegExp(`${parent.given_name} ${parent.family_name} \\(parent\\)`));
      await page.getByRole('radio', { name: new RegExp(`^${parent.given_name} ${parent.family_name} \\(parent\\)`) }).check();
      await fillDate(page, 'meetingDate', meeting);
      await page.getByLabel('Time it starts').fill('2:30pm');
      await page.getByLabel('Where it will be held').fill('Room 4, Civic Centre, Market Street, Brackenford');
      await submit(page, 'Check the letter');
      assert.equal(await heading(page), 'Check the letter');
      const letter = page.locator('article.cairn-letter');
      const words = await letter.innerText();
      assert.match(words, new RegExp(`Dear ${parent.given_name} ${parent.family_name},`));
      assert.match(words, new RegExp(`We are holding a meeting|to review ${child.given_name}`));
      assert.match(words, new RegExp(`Date: ${formatDate(meeting)}`));
      assert.match(words, /Time: 2:30pm/);
      assert.match(words, /I will ring you the day before\.\nAsk me about help with travel\./);
      assert.match(words, /Brackenshire Council/);
      // The review page styles the letter with the same stylesheet the PDF inlines.
      assert.equal(await letter.evaluate((el) => getComputedStyle(el).fontFamily), 'Arial, "Helvetica Neue", Helvetica, sans-serif');
      await expectAccessible(page);

      // Printing starts a headless Chromium of its own: allow it longer than a page on a busy machine.
      await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.getByRole('button', { name: 'Create PDF', exact: true }).click()]);
      assert.match(await heading(page), new RegExp(`^Invitation to a child protection conference — ${formatDate(meeting)}$`));
      assert.match(await mainText(page), /Document added/);
      assert.match(await mainText(page), /conference-invitation\.pdf/);
      await expectAccessible(page);

      await follow(page, `Back to documents`);
      assert.match(await mainText(page), new RegExp(`Invitation to a child protection conference — ${formatDate(meeting)}`));
    }));
});
