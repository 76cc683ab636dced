import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notify } from '../../src/platform/notifications/notify.ts';
import { startSmtp } from '../../src/platform/notifications/servers.test-support.ts';
import { type BrowserApp, expectAccessible, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';

const SAM = 'sam.rowe@cairn.example';
const ADA = 'ada.kerr@cairn.example';

describe('notifications in a browser', () => {
  let b: BrowserApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    // The relay refuses the first message, so the outbox has a failure for the administrator to retry.
    smtp = await startSmtp({ refuse: 1 });
    b = await startBrowserApp({ children: 5, env: { CAIRN_SMTP_URL: smtp.url, CAIRN_MAIL_FROM: 'cairn@council.test' } });
  });
  after(async () => {
    await b?.close();
    await smtp?.close();
  });

  it('a worker chooses messages (a wrong mobile number first), then an administrator sees the outbox and retries a failure', () =>
    b.journey(async (page) => {
      await page.goto('/work');
      await signIn(page, SAM);
      await follow(page, 'Notification settings');
      assert.equal(pathOf(page), '/account/notifications');
      assert.equal(await heading(page), 'Notification settings');
      await expectAccessible(page);

      await page.getByLabel('A case is allocated to me').check();
      await page.getByLabel('A review is overdue').check();
      await page.getByLabel('Text message').check();
      await page.getByLabel('Mobile number').fill('01632 960001');
      await submit(page, 'Save notification settings');
      assert.match(await problems(page), /Enter a UK mobile number, like 07700 900 982/);
      assert.equal(await page.getByLabel('Mobile number').inputValue(), '01632 960001', 'what was typed is kept');
      assert.ok(await page.getByLabel('A review is overdue').isChecked());
      await expectAccessible(page);

      await page.getByLabel('Email').check();
      await page.getByLabel('Mobile number').fill('');
      await submit(page, 'Save notification settings');
      assert.match(await mainText(page), /Your notification settings have been saved/);
      assert.ok(await page.getByLabel('A case is allocated to me').isChecked());
      await expectAccessible(page);

      // Two cases allocated to Sam (as the allocation service queues them); the relay refuses the first.
      const sam = (await b.t.db.selectFrom('users').select('id').where('email', '=', SAM).executeTakeFirstOrThrow()).id;
      for (const id of ['0190a1b2-c3d4-7e5f-8a9b-00000000aa01', '0190a1b2-c3d4-7e5f-8a9b-00000000bb02']) {
        await notify(b.t.db, { event: 'case_allocated', userIds: [sam], recordId: id, link: `/people/${id}/social-care` });
      }
      const round = await b.t.app.notifications.tick();
      assert.deepEqual([round.sent, round.failed], [1, 1]);
      assert.equal(smtp.received[0]!.to[0], SAM);

      await submit(page, 'Sign out');
      await signIn(page, ADA);
      await follow(page, 'Notifications outbox');
      assert.equal(await heading(page), 'Notifications outbox');
      const text = await mainText(page);
      assert.match(text, /2 messages/);
      assert.match(text, /Failed, will retry/);
      assert.match(text, /The mail relay answered 451/);
      assert.doesNotMatch(text, /sam\.rowe@/, 'no address in the error shown');
      await expectAccessible(page);

      await page.getByLabel('Status').selectOption('failed');
      await submit(page, 'Show messages');
      assert.match(await mainText(page), /1 message\b/);
      await expectAccessible(page);
      await page.getByRole('button', { name: /Retry now/ }).click();
      await page.waitForURL(/retried=1/);
      assert.match(await mainText(page), /The message will be sent again within a minute/);
      await expectAccessible(page);
      const retry = await b.t.app.notifications.tick();
      assert.equal(retry.sent, 1);
      assert.equal(smtp.received.length, 2);
    }));
});
