import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { someChildren } from '../../src/domains/front-door/fixtures.test-support.ts';
import { anotherPage, type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const PAT = 'pat.quinn@cairn.example';
const SAM = 'sam.rowe@cairn.example';
const JO = 'jo.nyland@cairn.example';
const MORGAN = 'morgan.hale@cairn.example';
const ADA = 'ada.kerr@cairn.example';

/** Follows a GOV.UK button that is a link (role="button") and waits for the page it leads to. */
async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator('a.govuk-button', { hasText: name }).first().click()]);
}

describe('the front door in a browser: a school’s contact to a signed-off early help decision', () => {
  let b: BrowserApp;
  let child: { id: string; name: string };
  let contactId = '';

  before(async () => {
    b = await startBrowserApp({ children: 30 });
    // A child already in the person index whom the school does not know yet, and who has no early help case.
    const [id] = (await someChildren(b.t.db, 1)) as [string];
    const row = await b.t.db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('id', '=', id).executeTakeFirstOrThrow();
    child = { id: row.id, name: `${row.given_name} ${row.family_name}` };
  });
  after(() => b?.close());

  it('lets the school record a contact about a child in the person index', () =>
    b.journey(async (page) => {
      await signIn(page, PAT);
      await page.goto('/contacts');
      assert.equal(await heading(page), 'Contacts');
      await expectAccessible(page);
      await press(page, 'Record a contact');
      assert.equal(await heading(page), 'Who is the concern about?');
      await expectAccessible(page);

      await submit(page, 'Continue');
      assert.match(await problems(page), /Add at least one child the concern is about/);
      await expectAccessible(page);

      // Someone new, abandoned: the sub-form and its errors.
      await submit(page, 'Add someone new');
      await expectAccessible(page);
      await submit(page, 'Add this person');
      const missing = await problems(page);
      assert.match(missing, /Enter the given name/);
      assert.match(missing, /Select whether this is a child the concern is about or a household member/);
      await expectAccessible(page);
      await submit(page, 'Cancel');

      await page.getByLabel('Name', { exact: true }).fill(child.name);
      await submit(page, 'Search');
      await expectAccessible(page);
      await submit(page, `Add ${child.name} as a child`);
      assert.match(await mainText(page), new RegExp(`People on this contact ${child.name}.*Child the concern is about`));
      await submit(page, 'Continue');
      assert.equal(await heading(page), 'About the concern');
      assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Pat Quinn', 'the referrer starts as the user');
      await expectAccessible(page);

      await page.getByLabel('Consent overridden for the child’s safety').check();
      await submit(page, 'Send contact');
      const detailProblems = await problems(page);
      for (const message of ['Describe the concern', 'Select at least one presenting need', 'Enter why consent was overridden', 'Select how urgent this is']) {
        assert.ok(detailProblems.includes(message), `${message} in ${detailProblems}`);
      }
      await expectAccessible(page);

      await page.getByLabel('What is the concern, and why are you raising it now?').fill('Arrived hungry again and said there has been no food at home since the weekend.');
      await page.getByLabel('Neglect').check();
      await page.getByLabel('School attendance').check();
      await page.getByLabel('Consent given').check();
      await page.getByLabel('Same day').check();
      await submit(page, 'Send contact');
      assert.match(pathOf(page), /^\/contacts\/[0-9a-f-]{36}$/);
      contactId = pathOf(page).split('/')[2]!;
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Contact sent to the front door/);
      const text = await mainText(page);
      assert.match(text, /Status Awaiting decision by the front door/);
      assert.doesNotMatch(text, /Multi-agency checks/);
      await expectAccessible(page);
    }));

  it('lets the MASH find it in the queue and ask health what it knows', () =>
    b.journey(async (page) => {
      assert.ok(contactId, 'the school made the contact');
      await signIn(page, SAM);
      await page.goto('/contacts');
      assert.equal(await heading(page), 'Front door');
      await expectAccessible(page);
      await page.locator(`a[href="/contacts/${contactId}"]`).click();
      await page.waitForURL(`**/contacts/${contactId}`);
      assert.match(await mainText(page), /Decision due/);
      await expectAccessible(page);

      await submit(page, 'Take this contact');
      assert.match(await mainText(page), /Allocated to Sam Rowe/);
      await page.goto(`/contacts/${contactId}`);
      await press(page, 'Request checks');
      assert.equal(await heading(page), 'Request multi-agency checks');
      await expectAccessible(page);
      await page.getByLabel('Your question').fill('');
      await submit(page, 'Request checks');
      const checkProblems = await problems(page);
      assert.match(checkProblems, /Select at least one agency to ask/);
      assert.match(checkProblems, /Enter what you want the agency to check/);
      await expectAccessible(page);
      await page.getByLabel('Brackenshire Community Health NHS Trust').check();
      await page.getByLabel('Your question').fill('Is the family known to health visiting or the GP? Any concerns about the children’s growth?');
      await submit(page, 'Request checks');
      assert.equal(pathOf(page), `/contacts/${contactId}`);
      assert.match(await mainText(page), /Brackenshire Community Health NHS Trust Awaiting response/);
      await expectAccessible(page);
    }));

  it('lets health answer the check, seeing only the children and the question', () =>
    b.journey(async (page) => {
      await signIn(page, JO);
      await page.goto('/contacts');
      assert.match(await mainText(page), /Checks for your agency/);
      await follow(page, child.name);
      assert.equal(await heading(page), 'Multi-agency check');
      const text = await mainText(page);
      assert.match(text, /Any concerns about the children’s growth\?/);
      assert.doesNotMatch(text, /no food at home/, 'not the contact itself');
      await expectAccessible(page);
      await submit(page, 'Send response');
      assert.match(await problems(page), /Enter what your agency knows/);
      await expectAccessible(page);
      await page.getByLabel('Your agency’s response').fill('Known to health visiting. Weight dropped from the 50th to the 9th centile since spring; two appointments missed.');
      await submit(page, 'Send response');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Response sent to the front door/);
      assert.match(await mainText(page), /Answered .* by Jo Nyland/);
      await expectAccessible(page);
    }));

  it('lets the MASH decide level 3 early help, checked against the threshold document', () =>
    b.journey(async (page) => {
      await signIn(page, SAM);
      await page.goto(`/contacts/${contactId}`);
      assert.match(await mainText(page), /Weight dropped from the 50th to the 9th centile/);
      await press(page, 'Record the threshold decision');
      assert.equal(await heading(page), 'Threshold decision');
      await expectAccessible(page);
      await page.getByLabel('Level 4: Statutory social care').check();
      await page.getByLabel('Early help', { exact: true }).check();
      await submit(page, 'Send the decision for sign-off');
      const decisionProblems = await problems(page);
      assert.match(decisionProblems, /Early help needs level 2 or 3/);
      assert.match(decisionProblems, /Enter the reasons for the decision/);
      await expectAccessible(page);
      await page.getByLabel('Level 3: Targeted multi-agency early help').check();
      await page.getByLabel('Reasons').fill('Parenting capacity and the child’s development at level 3: weight faltering and hunger at school. Family agree to early help.');
      await submit(page, 'Send the decision for sign-off');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /sent to a manager for sign-off/);
      assert.match(await mainText(page), /Waiting for a manager’s sign-off/);
      await expectAccessible(page);
    }));

  it('lets the manager sign it off, opening early help', () =>
    b.journey(async (page) => {
      await signIn(page, MORGAN);
      await page.goto(`/contacts/${contactId}`);
      await press(page, 'Sign off the decision');
      assert.equal(await heading(page), 'Sign off the threshold decision');
      await expectAccessible(page);
      await submit(page, 'Confirm');
      assert.match(await problems(page), /Select whether you agree with the decision/);
      await expectAccessible(page);
      await page.getByLabel('Yes, sign it off').check();
      await submit(page, 'Confirm');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Decision signed off/);
      assert.match(await mainText(page), /Signed off .* by Morgan Hale/);
      await expectAccessible(page);
      const cases = await b.t.db.selectFrom('early_help_cases').select('person_id').where('contact_id', '=', contactId).execute();
      assert.deepEqual(cases.map((c) => c.person_id), [child.id]);

      // The school sees the outcome in plain words.
      await page.context().clearCookies();
      await signIn(page, PAT);
      await page.goto(`/contacts/${contactId}`);
      assert.match(await mainText(page), /Outcome Early help/);
    }));

  it('lets an administrator change the threshold document, and refuses a stale edit', () =>
    b.journey(async (page) => {
      await signIn(page, ADA);
      await page.goto('/admin/threshold');
      assert.equal(await heading(page), 'Threshold document');
      await expectAccessible(page);
      await follow(page, 'Change Safety and risk');
      assert.equal(await heading(page), 'Change Safety and risk');
      await expectAccessible(page);
      const other = await anotherPage(page);
      await other.goto(pathOf(page));

      await page.getByLabel('What level 2 looks like').fill('');
      await submit(page, 'Save domain');
      assert.match(await problems(page), /Enter what level 2 looks like in this domain/);
      await expectAccessible(page);
      await page.getByLabel('What level 2 looks like').fill('Low-level worries with protective factors: one agency keeps watch and offers advice.');
      await submit(page, 'Save domain');
      assert.equal(pathOf(page), '/admin/threshold');
      assert.match(await mainText(page), /Low-level worries with protective factors/);

      await other.getByLabel('What level 2 looks like').fill('An edit from an older copy of the page');
      await submit(other, 'Save domain');
      assert.equal(await heading(other), 'The threshold document was changed by someone else');
      await expectAccessible(other);

      await page.goto('/admin/threshold/levels/3');
      await expectAccessible(page);
      await page.getByLabel('Name').fill('');
      await submit(page, 'Save level');
      assert.match(await problems(page), /Enter the level’s name/);
      await expectAccessible(page);
    }));
});
