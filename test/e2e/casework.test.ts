import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { someChildren } from '../../src/domains/front-door/fixtures.test-support.ts';
import { type BrowserApp, errorSummary, expectAccessible, follow, heading, mainText, signIn, startBrowserApp, submit } from '../support/browser.ts';

/**
 * A team manager's day: the dashboard of overdue work by worker, caseloads, allocating a child's case; the worker
 * then finds the child and records a statutory visit.
 */
describe('casework in a browser', () => {
  let b: BrowserApp;
  let child: { id: string; name: string };
  before(async () => {
    b = await startBrowserApp({ children: 40 });
    const [id] = (await someChildren(b.t.db, 1)) as [string];
    const row = await b.t.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', id).executeTakeFirstOrThrow();
    child = { id, name: `${row.given_name} ${row.family_name}` };
  });
  after(() => b?.close());

  it('shows a manager their team’s overdue work beside each caseload, and the timescales behind it', () =>
    b.journey(async (page) => {
      await signIn(page, 'morgan.hale@cairn.example');
      await follow(page, 'Social care');
      assert.equal(await heading(page), 'Social care');
      await expectAccessible(page);
      await follow(page, 'Team dashboard');
      assert.equal(await heading(page), 'Team dashboard');
      assert.match(await mainText(page), /Rob Delaney/);
      await expectAccessible(page);
      await page.goto('/social-care/caseloads');
      assert.equal(await heading(page), 'Caseloads');
      await expectAccessible(page);
      await page.goto('/social-care/timescales');
      assert.match(await mainText(page), /Child and family assessment 45 working days/);
      await expectAccessible(page);
    }));

  it('allocates a child’s case and the worker records a visit', () =>
    b.journey(async (page) => {
      await signIn(page, 'morgan.hale@cairn.example');
      await page.goto(`/people/${child.id}`);
      await follow(page, 'Social care record');
      assert.equal(await heading(page), 'Social care record');
      await expectAccessible(page);
      await follow(page, /^Allocate/);
      await expectAccessible(page);
      await submit(page, 'Allocate');
      assert.match((await errorSummary(page)) ?? '', /Select who will hold the case/);
      await page.getByLabel('Who will hold the case').selectOption({ label: 'Rob Delaney' });
      await submit(page, 'Allocate');
      assert.match(await mainText(page), /Allocated to Rob Delaney since/);

      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign out' }).click()]);
      await signIn(page, 'rob.delaney@cairn.example');
      await page.goto(`/people/${child.id}/social-care`);
      await follow(page, 'Record a visit');
      await page.getByLabel('Child protection visit').check();
      await submit(page, 'Record the visit');
      assert.match((await errorSummary(page)) ?? '', /Select whether the child was seen, and whether alone[\s\S]*Enter what happened on the visit/);
      await expectAccessible(page);
      await page.getByLabel('Yes, seen alone').check();
      await page.getByLabel('What happened on the visit').fill('Saw the child at home after school; they were cheerful and showed me their room.');
      await submit(page, 'Record the visit');
      assert.match(await mainText(page), /Child protection visit Seen alone Rob Delaney/);
    }));
});
