import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { metricsText } from '../../platform/ops/metrics.ts';
import { decideContact } from '../front-door/service.ts';
import { contextFor, recordContact, someChildren } from '../front-door/fixtures.test-support.ts';
import { WebhookDispatcher } from './dispatcher.ts';
import { ADA, agencyId } from './fixtures.test-support.ts';
import { queueContactDecided } from './service-webhooks.ts';
import { verifyWebhookSignature } from './signing.ts';

const MORGAN = 'morgan.hale@cairn.example';
const REASONS = 'Grandmother now lives with the family and the school will keep watching closely.';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on this machine, answering each request with the next status in `answers` (then 200). */
async function receiver(answers: (number | 'hang')[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') return; // never answers: the sender's timeout must end it
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cairn-events`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const counted = async (outcome: string) => Number(new RegExp(`cairn_webhook_deliveries_total\\{outcome="${outcome}"\\} (\\d+)`).exec((await metricsText()).body)?.[1] ?? 0);

describe('webhooks: a partner system hears when a contact it made is decided', () => {
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let secret: string;
  let webhookId: string;
  let schoolId: string;

  const register = async (name: string, agency: string, url: string) => {
    const admin = await t.signedIn(ADA);
    const response = await admin.post('/admin/webhooks/new', { name, agencyId: agency, url, events: ['contact.decided'] });
    return { response, secret: /id="signing-secret"[^>]*value="(whsec_[^"]+)"/.exec(response.body)?.[1] ?? null };
  };

  /** A contact from the school about a new child, decided (and signed off) by a front door manager. */
  const decidedSchoolContact = async () => {
    const [child] = await someChildren(t.db, 1);
    const id = await recordContact(await contextFor(t.db, 'pat.quinn@cairn.example'), [child!]);
    const { version } = await t.db.selectFrom('contacts').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await decideContact(await contextFor(t.db, MORGAN), id, { level: 1, outcome: 'advice', reasons: REASONS, version });
    const person = await t.db.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', child!).executeTakeFirstOrThrow();
    return { id, child: child!, person };
  };

  const deliveriesFor = (contactId: string) =>
    t.db.selectFrom('webhook_deliveries').selectAll().where('payload', 'like', `%${contactId}%`).execute();

  before(async () => {
    t = await testApp({ children: 20 });
    hook = await receiver();
    schoolId = await agencyId(t.db, 'Fernhollow Academy');
    const registered = await register('Fernhollow safeguarding system', schoolId, hook.url);
    assert.equal(registered.response.statusCode, 200, registered.response.body.slice(0, 400));
    secret = registered.secret!;
    webhookId = (await t.db.selectFrom('webhooks').select('id').where('name', '=', 'Fernhollow safeguarding system').executeTakeFirstOrThrow()).id;
    // The health visitors have a webhook too: it must hear nothing of the school's contacts.
    await register('Health system', await agencyId(t.db, 'Brackenshire Community Health NHS Trust'), hook.url);
  });
  after(async () => {
    await hook.close();
    await t.close();
  });

  it('keeps the signing secret encrypted and refuses an address that is not HTTPS', async () => {
    assert.match(secret, /^whsec_/);
    const row = await t.db.selectFrom('webhooks').select('secret_ciphertext').where('id', '=', webhookId).executeTakeFirstOrThrow();
    assert.ok(!row.secret_ciphertext.includes(secret.slice(6)));
    const refused = await register('Plain HTTP', schoolId, 'http://school.example/events');
    assert.equal(refused.response.statusCode, 400);
    assert.match(refused.response.body, /must start with https:\/\//);
    assert.match(refused.response.body, /value="http:\/\/school.example\/events"/, 'what was typed is kept');
    assert.equal(refused.secret, null);
  });

  it('delivers a decision signed, retrying after a 500, with the same delivery id each time and no personal data', async () => {
    hook.received.length = 0;
    hook.answers.push(500);
    const [delivered0, retrying0] = [await counted('delivered'), await counted('retrying')];
    const { id, person } = await decidedSchoolContact();
    const queued = await deliveriesFor(id);
    assert.equal(queued.length, 1, 'one delivery: the school’s webhook, not the health visitors’');
    assert.equal(queued[0]!.webhook_id, webhookId);

    assert.equal(await t.app.webhookDelivery.runOnce(), 1);
    assert.equal(hook.received.length, 1);
    let row = (await deliveriesFor(id))[0]!;
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_status_code, 500);
    assert.ok(row.next_attempt_at.getTime() > Date.now(), 'the retry waits');
    assert.equal(await t.app.webhookDelivery.runOnce(), 0, 'nothing is due until then');

    assert.equal(await t.app.webhookDelivery.runOnce(new Date(Date.now() + 2 * 3_600_000)), 1);
    assert.equal(hook.received.length, 2);
    row = (await deliveriesFor(id))[0]!;
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 2);
    assert.equal(row.last_status_code, 200);
    assert.ok(row.delivered_at);
    assert.equal(await counted('delivered'), delivered0 + 1);
    assert.equal(await counted('retrying'), retrying0 + 1);

    const [first, second] = hook.received as [Received, Received];
    assert.equal(first.headers['cairn-delivery'], row.id);
    assert.equal(second.headers['cairn-delivery'], row.id, 'a receiver can tell a repeat');
    assert.equal(second.headers['cairn-event'], 'contact.decided');
    assert.equal(second.body, first.body, 'the same body every time');
    for (const r of hook.received) assert.ok(verifyWebhookSignature(secret, r.headers['cairn-signature'] as string, r.body), 'signed with the secret shown');
    assert.ok(!verifyWebhookSignature(secret, second.headers['cairn-signature'] as string, second.body.replace('advice', 'early_help')));

    const payload = JSON.parse(second.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload).sort(), ['data', 'id', 'occurredAt', 'type']);
    assert.equal(payload.type, 'contact.decided');
    assert.deepEqual(Object.keys((payload.data as { contact: object }).contact).sort(), ['decidedAt', 'href', 'id', 'outcome']);
    assert.deepEqual((payload.data as { contact: { id: string; outcome: string; href: string } }).contact, { ...(payload.data as { contact: object }).contact, id, outcome: 'advice', href: `/api/v1/contacts/${id}` });
    for (const personal of [person.given_name, person.family_name, 'Pat Quinn', REASONS.slice(0, 20), 'bruising']) {
      assert.ok(!second.body.includes(personal), `the payload does not contain “${personal}”`);
    }
  });

  it('queues nothing when the decision is rolled back', async () => {
    const [child] = await someChildren(t.db, 1);
    const id = await recordContact(await contextFor(t.db, 'pat.quinn@cairn.example'), [child!]);
    await assert.rejects(decideContact(await contextFor(t.db, MORGAN), id, { level: 1, outcome: 'advice', reasons: REASONS, version: 99 }), /changed this contact/);
    assert.equal((await deliveriesFor(id)).length, 0);
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await queueContactDecided(trx, { contactId: id, madeByAgencyId: schoolId, outcome: 'advice', decidedAt: new Date() });
        assert.equal((await trx.selectFrom('webhook_deliveries').select('id').where('payload', 'like', `%${id}%`).execute()).length, 1, 'queued inside the transaction');
        throw new Error('the decision failed after queueing');
      }),
      /failed after queueing/,
    );
    assert.equal((await deliveriesFor(id)).length, 0, 'and gone with it');
  });

  it('gives up after its attempts when the receiver never answers, then sends again when asked', async () => {
    hook.received.length = 0;
    hook.answers.push('hang', 'hang');
    const impatient = new WebhookDispatcher(t.db, { sessionSecret: t.app.config.sessionSecret, timeoutMs: 300, maxAttempts: 2 });
    const failed0 = await counted('failed');
    const { id } = await decidedSchoolContact();
    assert.equal(await impatient.runOnce(), 1);
    let row = (await deliveriesFor(id))[0]!;
    assert.equal(row.status, 'pending');
    assert.match(row.last_error ?? '', /No answer within 0.3 seconds/);
    assert.equal(await impatient.runOnce(new Date(Date.now() + 3_600_000)), 1);
    row = (await deliveriesFor(id))[0]!;
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 2);
    assert.equal(await counted('failed'), failed0 + 1);

    const admin = await t.signedIn(ADA);
    const page = await admin.get(`/admin/webhooks/${webhookId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(row.id) && page.body.includes('Failed') && page.body.includes('No answer within'));
    const again = await admin.post(`/admin/webhooks/${webhookId}/deliveries/${row.id}/redeliver`);
    assert.equal(again.statusCode, 303);
    assert.equal((await admin.post(`/admin/webhooks/${webhookId}/deliveries/${row.id}/redeliver`)).statusCode, 409, 'already waiting');
    assert.equal(await t.app.webhookDelivery.runOnce(), 1);
    row = (await deliveriesFor(id))[0]!;
    assert.equal(row.status, 'delivered');
    assert.equal(hook.received.at(-1)!.headers['cairn-delivery'], row.id, 'the same delivery id');
  });

  it('sends from the loop started with the server, which stops cleanly', async () => {
    hook.received.length = 0;
    const loop = new WebhookDispatcher(t.db, { sessionSecret: t.app.config.sessionSecret, pollMs: 50 });
    loop.start();
    const { id } = await decidedSchoolContact();
    const deadline = Date.now() + 10_000;
    while ((await deliveriesFor(id))[0]?.status !== 'delivered' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await loop.stop();
    assert.equal((await deliveriesFor(id))[0]!.status, 'delivered');
    assert.equal(hook.received.length, 1);
  });

  it('sends each delivery once when two instances claim at the same time (FOR UPDATE SKIP LOCKED)', async () => {
    hook.received.length = 0;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await decidedSchoolContact()).id);
    const options = { sessionSecret: t.app.config.sessionSecret, batch: 2 };
    const [a, b] = [new WebhookDispatcher(t.db, options), new WebhookDispatcher(t.db, options)];
    const [sentByA, sentByB] = await Promise.all([a.runOnce(), b.runOnce()]);
    assert.equal(sentByA + sentByB, 6);
    const deliveryIds = hook.received.map((r) => r.headers['cairn-delivery']);
    assert.equal(deliveryIds.length, 6);
    assert.equal(new Set(deliveryIds).size, 6, 'no delivery sent twice');
    for (const id of ids) assert.equal((await deliveriesFor(id))[0]!.status, 'delivered');
  });

  it('turned off, a webhook is sent nothing more, and what waited fails', async () => {
    const admin = await t.signedIn(ADA);
    hook.answers.push(500);
    const { id: waitingId } = await decidedSchoolContact();
    await t.app.webhookDelivery.runOnce();
    const { version } = await t.db.selectFrom('webhooks').select('version').where('id', '=', webhookId).executeTakeFirstOrThrow();
    assert.equal((await admin.get(`/admin/webhooks/${webhookId}/disable`)).statusCode, 200);
    assert.equal((await admin.post(`/admin/webhooks/${webhookId}/disable`, { version: String(version + 5) })).statusCode, 409, 'a stale version changes nothing');
    assert.equal((await admin.post(`/admin/webhooks/${webhookId}/disable`, { version: String(version) })).statusCode, 303);
    hook.received.length = 0;
    await t.app.webhookDelivery.runOnce(new Date(Date.now() + 3_600_000));
    assert.equal(hook.received.length, 0);
    assert.equal((await deliveriesFor(waitingId))[0]!.status, 'failed');
    const { id } = await decidedSchoolContact();
    assert.equal((await deliveriesFor(id)).length, 0, 'nothing queued for a webhook turned off');
    const list = await admin.get('/admin/webhooks');
    assert.match(list.body, /Turned off/);
  });

  it('is for administrators alone', async () => {
    const pat = await t.signedIn('pat.quinn@cairn.example');
    for (const url of ['/admin/webhooks', '/admin/webhooks/new', `/admin/webhooks/${webhookId}`]) assert.equal((await pat.get(url)).statusCode, 403, url);
    assert.equal((await pat.post('/admin/webhooks/new', { name: 'x', agencyId: schoolId, url: hook.url, events: ['contact.decided'] })).statusCode, 403);
  });
});
