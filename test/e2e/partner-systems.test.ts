import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { decideContact } from '../../src/domains/front-door/service.ts';
import { contextFor, recordContact, someChildren } from '../../src/domains/front-door/fixtures.test-support.ts';
import { hashToken } from '../../src/domains/partner-api/secrets.ts';
import { type BrowserApp, expectAccessible, fillDate, follow, heading, mainText, pathOf, problems, signIn, startBrowserApp, submit } from '../support/browser.ts';
import { addMonths, ukToday } from '../../src/platform/calendar/working-days.ts';
import { formatDate } from '../../src/platform/views/format.ts';

const ADA = 'ada.kerr@cairn.example';

/** A GOV.UK start-style button that is a link (`role="button"`): clicked, and its page waited for. */
async function startLink(page: Page, name: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

describe('partner systems in a browser', () => {
  let b: BrowserApp;
  let server: Server;
  let receivedBodies = 0;
  before(async () => {
    b = await startBrowserApp({ children: 5 });
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        receivedBodies += 1;
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    server?.close();
    await b?.close();
  });

  it('an administrator creates an API token, sees its secret once, and revokes it', () =>
    b.journey(async (page) => {
      await page.goto('/admin/api-tokens');
      await signIn(page, ADA);
      assert.equal(await heading(page), 'API tokens');
      assert.match(await mainText(page), /No API tokens have been created/);
      await expectAccessible(page);

      await startLink(page, 'Create an API token');
      await page.getByLabel('The system that will use it').fill('Fernhollow safeguarding system');
      await fillDate(page, 'expiresOn', addMonths(ukToday(), 14));
      await submit(page, 'Create the token');
      const summary = await problems(page);
      assert.match(summary, /Select the agency the system acts for/);
      assert.match(summary, /Select at least one thing the system may do/);
      assert.match(summary, /within 12 months of today/);
      assert.equal(await page.getByLabel('The system that will use it').inputValue(), 'Fernhollow safeguarding system', 'what was typed is kept');
      await expectAccessible(page);

      await page.getByLabel('The agency it acts for').selectOption({ label: 'Fernhollow Academy' });
      await page.getByLabel(/Submit contacts/).check();
      await page.getByLabel(/Follow the contacts its agency made/).check();
      await fillDate(page, 'expiresOn', addMonths(ukToday(), 6));
      await submit(page, 'Create the token');
      assert.match(await mainText(page), /API token created/);
      const secret = await page.getByLabel('The token').inputValue();
      assert.match(secret, /^cairn_pat_/);
      assert.match(await mainText(page), /You will not be able to see this token again/);
      await expectAccessible(page);
      const row = await b.t.db.selectFrom('api_tokens').select(['token_hash', 'token_hint']).executeTakeFirstOrThrow();
      assert.equal(row.token_hash, hashToken(secret));

      await follow(page, 'Go back to the API tokens');
      const list = await mainText(page);
      assert.match(list, /Fernhollow safeguarding system/);
      assert.ok(list.includes(row.token_hint) && !list.includes(secret), 'the list shows the hint, never the secret');
      assert.match(list, /contacts:create.*contacts:read/);
      assert.match(list, /Never/);
      assert.ok(list.includes(formatDate(addMonths(ukToday(), 6))), 'the last day it works, as chosen');
      await expectAccessible(page);

      await follow(page, /Revoke/);
      assert.match(await heading(page), /Revoke the token for Fernhollow safeguarding system/);
      await expectAccessible(page);
      await submit(page, 'Revoke the token');
      assert.equal(pathOf(page), '/admin/api-tokens');
      assert.match(await mainText(page), /The token has been revoked.*Revoked/);
      await expectAccessible(page);
    }));

  it('an administrator registers a webhook and sees its deliveries, sending one again', () =>
    b.journey(async (page) => {
      const { port } = server.address() as AddressInfo;
      await page.goto('/admin/webhooks');
      await signIn(page, ADA);
      assert.equal(await heading(page), 'Webhooks');
      await expectAccessible(page);
      await startLink(page, 'Register a webhook');
      await page.getByLabel('The system that receives the events').fill('Fernhollow safeguarding system');
      await page.getByLabel('The agency whose events it receives').selectOption({ label: 'Fernhollow Academy' });
      await page.getByLabel('Web address events are sent to').fill('http://school.example/events');
      await submit(page, 'Register the webhook');
      assert.match(await problems(page), /must start with https:\/\//);
      await expectAccessible(page);
      await page.getByLabel('Web address events are sent to').fill(`http://127.0.0.1:${port}/events`);
      await submit(page, 'Register the webhook');
      assert.match(await mainText(page), /Webhook registered/);
      assert.match(await page.getByLabel('The signing secret').inputValue(), /^whsec_/);
      await expectAccessible(page);

      // The school's contact is decided at the front door; the delivery loop sends the news.
      const [child] = await someChildren(b.t.db, 1);
      const id = await recordContact(await contextFor(b.t.db, 'pat.quinn@cairn.example'), [child!]);
      const { version } = await b.t.db.selectFrom('contacts').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      await decideContact(await contextFor(b.t.db, 'morgan.hale@cairn.example'), id, { level: 1, outcome: 'advice', reasons: 'Advice given to the school.', version });
      assert.equal(await b.t.app.webhookDelivery.runOnce(), 1);
      assert.equal(receivedBodies, 1);

      await follow(page, 'View its deliveries');
      assert.equal(await heading(page), 'Fernhollow safeguarding system');
      assert.match(await mainText(page), /contact\.decided.*Delivered.*204/);
      await expectAccessible(page);
      await page.getByRole('button', { name: /Send delivery .* again/ }).click();
      await page.waitForLoadState();
      assert.match(await mainText(page), /The delivery will be sent again/);
      assert.match(await mainText(page), /Waiting/);
      await expectAccessible(page);
      await b.t.app.webhookDelivery.runOnce();
      assert.equal(receivedBodies, 2);

      await follow(page, 'Turn off this webhook');
      await expectAccessible(page);
      await submit(page, 'Turn off the webhook');
      assert.match(await mainText(page), /The webhook has been turned off.*Turned off/);
      await expectAccessible(page);
    }));
});
