import { hash, verify } from '@node-rs/argon2';
import { readFileSync } from 'node:fs';

// @node-rs/argon2's Algorithm is a const enum, which isolated-module transpilers cannot inline: 2 is Argon2id.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Hash even when there is no account, so response times do not reveal which email addresses exist.
  if (!passwordHash) {
    await hash(password, options);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

const MIN_LENGTH = 12;
const MAX_LENGTH = 256;
const denyList = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);

/**
 * NCSC guidance: length over complexity, and refuse passwords attackers try first. Returns the problem in
 * plain English, or null when the password is acceptable.
 */
export function passwordProblem(password: string, user: { email: string; name: string }): string | null {
  if (password.length < MIN_LENGTH) return `Password must be ${MIN_LENGTH} characters or more`;
  if (password.length > MAX_LENGTH) return `Password must be ${MAX_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  if (denyList.has(lower) || denyList.has(lower.replace(/[0-9!?.]+$/, ''))) {
    return 'Password is too common – choose one that is hard to guess, such as three random words';
  }
  if (/^(.)\1+$/.test(password)) return 'Password must not be one character repeated';
  const localPart = user.email.split('@')[0]?.toLowerCase() ?? '';
  const nameParts = user.name.toLowerCase().split(/\s+/).filter((p) => p.length >= 3);
  if ((localPart.length >= 3 && lower.includes(localPart)) || nameParts.some((p) => lower.includes(p))) {
    return 'Password must not contain your name or email address';
  }
  if (/cairn/.test(lower) && lower.replace(/cairn/g, '').length < 8) return 'Password must not be based on the name of this service';
  return null;
}
