import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { metricsText } from '../ops/metrics.ts';
import { Dispatcher } from './dispatcher.ts';
import { notify } from './notify.ts';
import { savePreferences } from './preferences.ts';
import { EMAIL_TEMPLATE, NOTIFY_KEY, settings, SMS_TEMPLATE, startNotify, startSmtp } from './servers.test-support.ts';

const SAM = 'sam.rowe@cairn.example';
const RECORD = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('sending notifications through a real relay and a Notify-like API', () => {
  let t: TestApp;
  let sam: string;
  before(async () => {
    t = await testApp({ children: 5 });
    sam = (await t.db.selectFrom('users').select('id').where('email', '=', SAM).executeTakeFirstOrThrow()).id;
  });
  after(() => t?.close());
  beforeEach(async () => {
    await t.db.deleteFrom('notification_outbox').execute();
    await t.db.deleteFrom('notification_preferences').execute();
  });

  const queueForSam = async (channel: 'email' | 'sms' = 'email') => {
    await savePreferences(t.db, sam, { events: ['case_allocated'], channel, mobile: channel === 'sms' ? '+447700900982' : null, version: 0 });
    assert.equal(await notify(t.db, { event: 'case_allocated', userIds: [sam], recordId: RECORD, link: `/people/${RECORD}/social-care` }), 1);
  };
  /** Runs the work with a real local relay, closed afterwards whatever happens. */
  const withRelay = async (options: Parameters<typeof startSmtp>[0], work: (smtp: Awaited<ReturnType<typeof startSmtp>>) => Promise<void>) => {
    const smtp = await startSmtp(options);
    try {
      await work(smtp);
    } finally {
      await smtp.close();
    }
  };
  const outbox = () => t.db.selectFrom('notification_outbox').selectAll().execute();
  const jobCount = async (job: string, outcome: string) =>
    Number(new RegExp(`cairn_jobs_finished_total\\{job="${job}",outcome="${outcome}"\\} (\\d+)`).exec((await metricsText()).body)?.[1] ?? 0);

  it('sends an email through an SMTP relay: the recipient, subject and body say only the event, the reference and the link', async () => {
    const before = await jobCount('notification-email', 'succeeded');
    await withRelay({}, async (smtp) => {
      await queueForSam();
      const dispatcher = new Dispatcher({ db: t.db, settings: settings({ smtp: { url: smtp.url, from: 'Cairn <cairn@council.test>' } }) });
      const result = await dispatcher.tick();
      await dispatcher.stop();
      assert.equal(result.sent, 1);
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0]!;
      assert.deepEqual(mail.to, [SAM]);
      assert.equal(mail.from, 'cairn@council.test');
      assert.equal(mail.subject, 'A case has been allocated to you (reference 2E3F4A5B)');
      assert.match(mail.body, /A case has been allocated to you in Cairn\./);
      assert.match(mail.body, /Reference: 2E3F4A5B/);
      assert.match(mail.body, new RegExp(`https://cairn\\.test/people/${RECORD}/social-care`));
      const [row] = await outbox();
      assert.equal(row!.status, 'sent');
      assert.equal(row!.attempts, 1);
      assert.equal(row!.transport, 'smtp');
      assert.ok(row!.sent_at);
      assert.equal(await jobCount('notification-email', 'succeeded'), before + 1, 'counted in the job metrics');
    });
  });

  it('retries after the relay refuses, with the wait doubling, then sends; the error kept names no address', async () => {
    const failedBefore = await jobCount('notification-email', 'failed');
    await withRelay({ refuse: 2 }, async (smtp) => {
      await queueForSam();
      const dispatcher = new Dispatcher({ db: t.db, settings: settings({ smtp: { url: smtp.url, from: 'cairn@council.test' }, maxAttempts: 5 }) });
      const start = new Date();
      assert.equal((await dispatcher.tick(start)).failed, 1);
      let [row] = await outbox();
      assert.equal(row!.status, 'failed');
      assert.equal(row!.attempts, 1);
      assert.match(row!.last_error!, /451/);
      assert.doesNotMatch(row!.last_error!, /sam\.rowe|@cairn/, 'the recipient quoted by the relay is taken out');
      assert.equal(new Date(row!.next_attempt_at).getTime() - start.getTime(), 60_000, 'first retry a minute later');

      assert.equal((await dispatcher.tick(start)).sent, 0, 'nothing is due before the wait is over');
      const second = new Date(start.getTime() + 60_000);
      assert.equal((await dispatcher.tick(second)).failed, 1);
      [row] = await outbox();
      assert.equal(new Date(row!.next_attempt_at).getTime() - second.getTime(), 120_000, 'then two minutes');
      const third = new Date(second.getTime() + 120_000);
      assert.equal((await dispatcher.tick(third)).sent, 1);
      await dispatcher.stop();
      [row] = await outbox();
      assert.equal(row!.status, 'sent');
      assert.equal(row!.attempts, 3);
      assert.equal(row!.last_error, null);
      assert.equal(smtp.received.length, 1);
      assert.equal(await jobCount('notification-email', 'failed'), failedBefore + 2);
    });
  });

  it('gives up after the last attempt', async () => {
    await withRelay({ refuse: 10 }, async (smtp) => {
      await queueForSam();
      const dispatcher = new Dispatcher({ db: t.db, settings: settings({ smtp: { url: smtp.url, from: 'cairn@council.test' }, maxAttempts: 2 }) });
      const now = new Date();
      await dispatcher.tick(now);
      const result = await dispatcher.tick(new Date(now.getTime() + 60_000));
      await dispatcher.stop();
      assert.equal(result.givenUp, 1);
      const [row] = await outbox();
      assert.equal(row!.status, 'given_up');
      assert.equal(row!.attempts, 2);
      assert.equal((await dispatcher.tick(new Date(now.getTime() + 86_400_000))).failed, 0, 'a given-up message is not tried again by itself');
    });
  });

  it('sends email and text messages through GOV.UK Notify’s client, to a server checking them as Notify does', async () => {
    const api = await startNotify({ fail: 1 });
    try {
      await queueForSam('sms');
      const cfg = settings({ notify: { apiKey: NOTIFY_KEY, baseUrl: api.url, emailTemplateId: EMAIL_TEMPLATE, smsTemplateId: SMS_TEMPLATE } });
      const dispatcher = new Dispatcher({ db: t.db, settings: cfg });
      const now = new Date();
      assert.equal((await dispatcher.tick(now)).failed, 1, 'a 500 from Notify is retried');
      let [row] = await outbox();
      assert.match(row!.last_error!, /GOV\.UK Notify answered 500: Exception Internal server error/);
      assert.equal((await dispatcher.tick(new Date(now.getTime() + 60_000))).sent, 1);
      [row] = await outbox();
      assert.equal(row!.status, 'sent');
      assert.equal(row!.transport, 'notify');
      assert.match(row!.provider_id!, /^[0-9a-f-]{36}$/);
      const sms = api.requests.at(-1)!;
      assert.equal(sms.path, '/v2/notifications/sms');
      assert.equal(sms.body.phone_number, '+447700900982');
      assert.equal(sms.body.reference, row!.id, 'Notify’s reference is the outbox id');
      assert.match((sms.body.personalisation as { body: string }).body, /^Cairn: A case has been allocated to you in Cairn\. Reference 2E3F4A5B\. https:\/\/cairn\.test\/people\//);

      await savePreferences(t.db, sam, { events: ['case_allocated'], channel: 'email', mobile: null, version: 1 });
      await notify(t.db, { event: 'case_allocated', userIds: [sam], recordId: RECORD, link: '/work' });
      assert.equal((await dispatcher.tick(new Date(now.getTime() + 120_000))).sent, 1);
      await dispatcher.stop();
      const email = api.requests.at(-1)!;
      assert.equal(email.path, '/v2/notifications/email');
      assert.equal(email.body.template_id, EMAIL_TEMPLATE);
      assert.equal(email.body.email_address, SAM);
      const personalisation = email.body.personalisation as { subject: string; body: string };
      assert.equal(personalisation.subject, 'A case has been allocated to you (reference 2E3F4A5B)');
      assert.match(personalisation.body, /Sign in to Cairn to see it: https:\/\/cairn\.test\/work/);
    } finally {
      await api.close();
    }
  });

  it('a wrong Notify key is refused by the server and the message is retried, never crashing the dispatcher', async () => {
    const api = await startNotify();
    try {
      await queueForSam();
      const wrongKey = NOTIFY_KEY.replace(/.{4}$/, '0000');
      const dispatcher = new Dispatcher({ db: t.db, settings: settings({ notify: { apiKey: wrongKey, baseUrl: api.url, emailTemplateId: EMAIL_TEMPLATE, smsTemplateId: SMS_TEMPLATE } }) });
      assert.equal((await dispatcher.tick()).failed, 1);
      await dispatcher.stop();
      const [row] = await outbox();
      assert.match(row!.last_error!, /GOV\.UK Notify answered 403: AuthError Invalid token/);
      assert.equal(api.requests.length, 0);
    } finally {
      await api.close();
    }
  });

  it('with no channel configured, messages wait in the outbox marked as not sent, and go once a channel is set up', async () => {
    await withRelay({}, async (smtp) => {
      await queueForSam();
      const idle = new Dispatcher({ db: t.db, settings: settings() });
      const result = await idle.tick();
      await idle.stop();
      assert.deepEqual([result.held, result.sent], [1, 0]);
      let [row] = await outbox();
      assert.equal(row!.status, 'held');
      assert.equal(row!.attempts, 0, 'holding is not an attempt');
      assert.equal(row!.last_error, 'Not sent: no channel configured');

      const relay = new Dispatcher({ db: t.db, settings: settings({ smtp: { url: smtp.url, from: 'cairn@council.test' } }) });
      relay.start();
      const deadline = Date.now() + 5000;
      while ((await outbox())[0]!.status !== 'sent' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await relay.stop();
      [row] = await outbox();
      assert.equal(row!.status, 'sent', 'released when the dispatcher starts with a channel for it');
      assert.equal(smtp.received.length, 1);

      // A relay sends email only: a text message waits for GOV.UK Notify.
      await savePreferences(t.db, sam, { events: ['case_allocated'], channel: 'sms', mobile: '+447700900982', version: 1 });
      await notify(t.db, { event: 'case_allocated', userIds: [sam], recordId: RECORD, link: '/work' });
      const relayOnly = new Dispatcher({ db: t.db, settings: settings({ smtp: { url: smtp.url, from: 'cairn@council.test' } }) });
      assert.deepEqual(await relayOnly.tick(), { sent: 0, failed: 0, givenUp: 0, held: 1, reminders: 0 });
      await relayOnly.stop();
      assert.equal(smtp.received.length, 1);
    });
  });

  it('a message for an account disabled since it was queued is given up, not sent', async () => {
    await withRelay({}, async (smtp) => {
      await queueForSam();
      await t.db.updateTable('users').set({ disabled: true }).where('id', '=', sam).execute();
      const dispatcher = new Dispatcher({ db: t.db, settings: settings({ smtp: { url: smtp.url, from: 'cairn@council.test' } }) });
      assert.equal((await dispatcher.tick()).givenUp, 1);
      await dispatcher.stop();
      const [row] = await outbox();
      assert.equal(row!.last_error, 'Not sent: the account is disabled');
      assert.equal(smtp.received.length, 0);
    }).finally(() => t.db.updateTable('users').set({ disabled: false }).where('id', '=', sam).execute());
  });

  it('two dispatchers claiming at once never send a message twice', async () => {
    await withRelay({}, async (smtp) => {
      await savePreferences(t.db, sam, { events: ['case_allocated'], channel: 'email', mobile: null, version: 0 });
      for (let i = 0; i < 30; i++) await notify(t.db, { event: 'case_allocated', userIds: [sam], recordId: RECORD, link: `/work?n=${i}` });
      const cfg = settings({ smtp: { url: smtp.url, from: 'cairn@council.test' } });
      const [a, b] = [new Dispatcher({ db: t.db, settings: cfg }), new Dispatcher({ db: t.db, settings: cfg })];
      const results = await Promise.all([a.tick(), b.tick()]);
      await Promise.all([a.stop(), b.stop()]);
      assert.equal(results[0].sent + results[1].sent, 30);
      assert.equal(smtp.received.length, 30);
      const counts = await t.db.selectFrom('notification_outbox').select(['status', sql<string>`count(*)`.as('n')]).groupBy('status').execute();
      assert.deepEqual(counts.map((c) => [c.status, Number(c.n)]), [['sent', 30]]);
    });
  });

  it('a wrong setting stops start-up with a clear message', () => {
    const base = { CAIRN_DATA_DIR: ':memory:' };
    assert.throws(() => loadConfig({ ...base, CAIRN_SMTP_URL: 'http://relay' }), /CAIRN_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ address/);
    assert.throws(() => loadConfig({ ...base, CAIRN_SMTP_URL: 'smtp://relay:25' }), /CAIRN_MAIL_FROM: set the sender address/);
    assert.throws(() => loadConfig({ ...base, CAIRN_NOTIFY_API_KEY: 'not-a-key' }), /CAIRN_NOTIFY_API_KEY: must be a GOV\.UK Notify API key/);
    assert.throws(() => loadConfig({ ...base, CAIRN_NOTIFY_API_KEY: NOTIFY_KEY }), /CAIRN_NOTIFY_EMAIL_TEMPLATE_ID[\s\S]*CAIRN_NOTIFY_SMS_TEMPLATE_ID/);
    const ok = loadConfig({ ...base, CAIRN_NOTIFY_API_KEY: NOTIFY_KEY, CAIRN_NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE, CAIRN_NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE, CAIRN_PUBLIC_URL: 'https://cairn.council.gov.uk/' });
    assert.equal(ok.notifications.notify?.smsTemplateId, SMS_TEMPLATE);
    assert.equal(ok.notifications.publicUrl, 'https://cairn.council.gov.uk');
    assert.equal(loadConfig(base).notifications.smtp, null, 'neither channel is allowed');
  });
});
