import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { someChildren } from '../../src/domains/front-door/fixtures.test-support.ts';
import { type BrowserApp, errorSummary, expectAccessible, follow, heading, pathOf, signIn, startBrowserApp, submit } from '../support/browser.ts';

/**
 * The work inbox joins the capabilities up: a concern recorded from a child's record reaches the front door, a
 * manager's early help decision opens a case, and the early help service finds it in its work and allocates it.
 */
describe('the work inbox in a browser', () => {
  let b: BrowserApp;
  let child: { id: string; name: string };
  before(async () => {
    b = await startBrowserApp({ children: 30 });
    const [id] = (await someChildren(b.t.db, 1)) as [string];
    const row = await b.t.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', id).executeTakeFirstOrThrow();
    child = { id, name: `${row.given_name} ${row.family_name}` };
  });
  after(() => b?.close());

  it('starts a practitioner at their work, overdue first, with the count in the header', () =>
    b.journey(async (page) => {
      await signIn(page, 'kit.ellery@cairn.example');
      assert.equal(pathOf(page), '/work');
      assert.equal(await heading(page), 'Your work');
      assert.match(await page.locator('.govuk-service-navigation, .govuk-header').first().innerText(), /Your work \(\d+( overdue)?\)/);
      assert.match(await page.locator('main').innerText(), /Overdue \(\d+\)[\s\S]*Early help/);
      await expectAccessible(page);
    }));

  it('shows a manager their team’s work and whose each item is', () =>
    b.journey(async (page) => {
      await signIn(page, 'morgan.hale@cairn.example');
      await follow(page, 'Your team’s work');
      assert.equal(await heading(page), 'Your team’s work');
      assert.equal(await page.locator('th', { hasText: 'Whose' }).first().innerText(), 'Whose');
      await expectAccessible(page);
    }));

  it('carries a concern from the child’s record to an allocated early help case', () =>
    b.journey(async (page) => {
      await signIn(page, 'morgan.hale@cairn.example');
      await page.goto(`/people/${child.id}`);
      await follow(page, 'Record a concern (contact)');
      assert.equal(await heading(page), 'Who is the concern about?');
      assert.match(await page.locator('main').innerText(), new RegExp(`${child.name}`), 'the child is already chosen');
      await submit(page, 'Continue');
      await page.getByLabel('Family member').check();
      await page.getByLabel('Name', { exact: true }).fill('A grandparent');
      await page.getByLabel('What is the concern, and why are you raising it now?').fill('Nursery report the child is often collected late and hungry.');
      await page.getByLabel('Neglect').check();
      await page.getByLabel('Consent given').check();
      await page.getByLabel('Standard').check();
      await submit(page, 'Send contact');
      assert.equal(await errorSummary(page), null);
      const contactPath = pathOf(page);
      assert.match(contactPath, /^\/contacts\/[0-9a-f-]{36}$/);

      await Promise.all([page.waitForEvent('load'), page.locator('a.govuk-button', { hasText: 'Record the threshold decision' }).click()]);
      await page.getByLabel('Level 2: Early help: single agency').check();
      await page.getByLabel('Early help', { exact: true }).check();
      await page.getByLabel('Reasons').fill('Needs at level 2; the family would like support with routines.');
      await submit(page, 'Record and sign off the decision');
      assert.match(await page.locator('main').innerText(), /Signed off/);

      await page.context().clearCookies();
      await signIn(page, 'kit.ellery@cairn.example');
      const row = page.locator('tr', { hasText: child.name });
      assert.match(await row.innerText(), /Early help case awaiting a lead professional/);
      await Promise.all([page.waitForEvent('load'), row.getByRole('link').first().click()]);
      assert.match(pathOf(page), /^\/early-help\/cases\/[0-9a-f-]{36}\/allocate$/);
      await expectAccessible(page);
      await page.getByLabel('Lead professional').selectOption({ label: 'Kit Ellery (Brackenshire Early Help)' });
      await submit(page, 'Allocate');
      assert.match(pathOf(page), /^\/early-help\/cases\/[0-9a-f-]{36}$/);
      await page.goto('/work');
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(`awaiting a lead professional\\s+${child.name}`));
    }));

  it('refuses the inbox to roles that work with figures only', () =>
    b.journey(async (page) => {
      await signIn(page, 'alex.brent@cairn.example');
      const response = await page.goto('/work');
      assert.equal(response?.status(), 403);
      await expectAccessible(page);
    }));
});
