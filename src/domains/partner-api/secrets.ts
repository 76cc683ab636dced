import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secrets partner systems hold. API tokens are 32 random bytes: guessing one is hopeless, so a single SHA-256
 * is enough to keep them at rest (argon2's slowness protects low-entropy passwords from a dictionary; against 256
 * random bits it adds cost to every request and no safety). Webhook signing secrets must be kept usable (Cairn signs
 * with them), so they are encrypted with a key derived from SESSION_SECRET: a copy of the database alone (a backup)
 * does not give them away.
 */
export const TOKEN_PREFIX = 'cairn_pat_';
export const SIGNING_SECRET_PREFIX = 'whsec_';

const TOKEN_PATTERN = /^cairn_pat_[A-Za-z0-9_-]{43}$/;

export function newApiToken(): { token: string; hash: string; hint: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), hint: token.slice(0, TOKEN_PREFIX.length + 4) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Whether this looks like a Cairn token at all (a cheap refusal before the database is asked). */
export const looksLikeToken = (token: string): boolean => TOKEN_PATTERN.test(token);

/** Two hex digests compared in constant time (unequal lengths are simply unequal). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const newSigningSecret = (): string => SIGNING_SECRET_PREFIX + randomBytes(32).toString('base64url');

const keyFrom = (sessionSecret: string) => Buffer.from(hkdfSync('sha256', sessionSecret, 'cairn', 'webhook signing secrets v1', 32));

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function sealSecret(sessionSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(sessionSecret), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The secret, or null when it cannot be opened (SESSION_SECRET has changed since it was sealed). */
export function openSecret(sessionSecret: string, sealed: string): string | null {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(sessionSecret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
