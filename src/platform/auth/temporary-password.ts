import { randomInt } from 'node:crypto';
import { passwordProblem } from './passwords.ts';

// No 0/O, 1/l/I: a temporary password is read off a screen and typed, often over the phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password an administrator passes on: 16 random characters (about 79 bits) in groups of four.
 * Drawn again in the rare case it happens to contain the user's name or fails another password rule.
 */
export function temporaryPassword(user: { email: string; name: string }): string {
  for (;;) {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const password = chars.match(/.{4}/g)!.join('-');
    if (!passwordProblem(password, user)) return password;
  }
}
