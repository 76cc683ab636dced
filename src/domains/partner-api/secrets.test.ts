import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { retryDelay } from './dispatcher.ts';
import { scopeFor } from './scopes.ts';
import { hashToken, looksLikeToken, newApiToken, newSigningSecret, openSecret, sameDigest, sealSecret } from './secrets.ts';
import { checkWebhookUrl } from './service-webhooks.ts';
import { signWebhook, verifyWebhookSignature } from './signing.ts';

const SESSION_SECRET = 'a-session-secret-of-at-least-32-characters';

describe('API token secrets', () => {
  it('are 32 random bytes after a recognisable prefix, kept only as their SHA-256', () => {
    const a = newApiToken();
    const b = newApiToken();
    assert.match(a.token, /^cairn_pat_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(a.token.slice('cairn_pat_'.length), 'base64url').length, 32);
    assert.notEqual(a.token, b.token);
    assert.equal(a.hash, createHash('sha256').update(a.token).digest('hex'));
    assert.equal(hashToken(a.token), a.hash);
    assert.equal(a.hint, a.token.slice(0, 14));
    assert.ok(looksLikeToken(a.token));
    assert.ok(!looksLikeToken(`${a.token}x`) && !looksLikeToken('cairn_pat_short') && !looksLikeToken(a.hash));
  });

  it('compares digests in constant time, and unequal lengths as simply unequal', () => {
    const { hash } = newApiToken();
    assert.ok(sameDigest(hash, `${hash}`));
    assert.ok(!sameDigest(hash, hash.slice(0, -1) + (hash.endsWith('0') ? '1' : '0')));
    assert.ok(!sameDigest(hash, hash.slice(0, 10)));
  });
});

describe('webhook signing secrets at rest', () => {
  it('are sealed with AES-256-GCM under a key from SESSION_SECRET and opened again', () => {
    const secret = newSigningSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    const sealed = sealSecret(SESSION_SECRET, secret);
    assert.ok(!sealed.includes(secret.slice(6)), 'the secret does not appear in what is stored');
    assert.notEqual(sealSecret(SESSION_SECRET, secret), sealed, 'a fresh IV each time');
    assert.equal(openSecret(SESSION_SECRET, sealed), secret);
  });

  it('cannot be opened with another SESSION_SECRET, nor once tampered with', () => {
    const sealed = sealSecret(SESSION_SECRET, newSigningSecret());
    assert.equal(openSecret('another-session-secret-of-32-characters!!', sealed), null);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    assert.equal(openSecret(SESSION_SECRET, parts.join('.')), null);
    assert.equal(openSecret(SESSION_SECRET, 'not sealed'), null);
  });
});

describe('verifyWebhookSignature', () => {
  const secret = newSigningSecret();
  const body = JSON.stringify({ id: 'e1', type: 'contact.decided' });
  const now = 1_780_000_000;

  it('accepts the signature Cairn sends for exactly this body', () => {
    const header = signWebhook(secret, body, now);
    assert.match(header, /^t=1780000000,v1=[0-9a-f]{64}$/);
    assert.ok(verifyWebhookSignature(secret, header, body, { now }));
    assert.ok(verifyWebhookSignature(secret, header, body, { now: now + 299 }));
  });

  it('refuses a changed body, another secret, an old or future timestamp, and a malformed header', () => {
    const header = signWebhook(secret, body, now);
    assert.ok(!verifyWebhookSignature(secret, header, body.replace('e1', 'e2'), { now }));
    assert.ok(!verifyWebhookSignature(newSigningSecret(), header, body, { now }));
    assert.ok(!verifyWebhookSignature(secret, header, body, { now: now + 301 }), 'a replay after five minutes');
    assert.ok(!verifyWebhookSignature(secret, header, body, { now: now - 301 }));
    assert.ok(!verifyWebhookSignature(secret, header.replace(`t=${now}`, `t=${now + 1}`), body, { now }), 'the timestamp is signed too');
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, `t=x,v1=${'0'.repeat(64)}`, `t=${now},v1=${'0'.repeat(64)}`, `t=${now},v1=short`]) {
      assert.ok(!verifyWebhookSignature(secret, bad, body, { now }), String(bad));
    }
  });

  it('accepts the header when any of several v1 signatures matches (a secret being rolled over)', () => {
    const header = `${signWebhook(secret, body, now)},v1=${'f'.repeat(64)}`;
    assert.ok(verifyWebhookSignature(secret, header, body, { now }));
  });
});

describe('webhook addresses', () => {
  it('must be HTTPS; plain HTTP only on this machine; no credentials', () => {
    assert.equal(checkWebhookUrl('https://school.example/cairn/events'), null);
    assert.equal(checkWebhookUrl('http://localhost:4000/hook'), null);
    assert.equal(checkWebhookUrl('http://127.0.0.1:4000/hook'), null);
    assert.equal(checkWebhookUrl('http://[::1]:4000/hook'), null);
    assert.match(checkWebhookUrl('http://school.example/hook')!, /https:\/\//);
    assert.match(checkWebhookUrl('http://localhost.school.example/hook')!, /https:\/\//);
    assert.match(checkWebhookUrl('ftp://school.example/')!, /https:\/\//);
    assert.match(checkWebhookUrl('https://user:pass@school.example/')!, /user name or password/);
    assert.match(checkWebhookUrl('school.example')!, /full web address/);
  });
});

describe('retry back-off', () => {
  it('doubles from the base with each attempt, capped, jittered between half and the whole', () => {
    assert.equal(retryDelay(1, 30_000, 3_600_000, () => 0), 15_000);
    assert.equal(retryDelay(1, 30_000, 3_600_000, () => 1), 30_000);
    assert.equal(retryDelay(3, 30_000, 3_600_000, () => 1), 120_000);
    assert.equal(retryDelay(20, 30_000, 3_600_000, () => 1), 3_600_000);
    for (let i = 0; i < 50; i++) {
      const d = retryDelay(4, 30_000, 3_600_000);
      assert.ok(d >= 120_000 && d <= 240_000, String(d));
    }
  });
});

describe('token scopes', () => {
  it('name the API routes they open; every other route is closed to tokens', () => {
    assert.equal(scopeFor('POST', '/api/v1/contacts'), 'contacts:create');
    assert.equal(scopeFor('GET', '/api/v1/contacts/:id'), 'contacts:read');
    assert.equal(scopeFor('HEAD', '/api/v1/contacts'), 'contacts:read');
    assert.equal(scopeFor('POST', '/api/v1/people/search'), 'people:search');
    assert.equal(scopeFor('GET', '/api/v1/people/:id'), 'people:read');
    assert.equal(scopeFor('PATCH', '/api/v1/people/:id'), null);
    assert.equal(scopeFor('GET', '/api/v1/csrf-token'), null);
    assert.equal(scopeFor('GET', '/admin/api-tokens'), null);
    assert.equal(scopeFor('GET', '/api/docs/openapi.json'), 'none', 'the API’s description is open to every token');
  });
});
