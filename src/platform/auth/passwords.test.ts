import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

const user = { email: 'sam.rowe@cairn.example', name: 'Sam Rowe' };

describe('password rules (NCSC: length and a deny-list, no composition rules)', () => {
  it('accepts a long passphrase of random words', () => {
    assert.equal(passwordProblem('marble kettle orchard lantern', user), null);
  });

  it('refuses short, common, repeated and personal passwords, saying why', () => {
    assert.match(passwordProblem('short', user)!, /12 characters or more/);
    assert.match(passwordProblem('password1234', user)!, /too common/);
    assert.match(passwordProblem('Summer2025!!', user)!, /too common/);
    assert.match(passwordProblem('aaaaaaaaaaaaaaa', user)!, /one character repeated/);
    assert.match(passwordProblem('sam.rowe-is-my-name', user)!, /your name or email/);
    assert.match(passwordProblem('x'.repeat(257), user)!, /256 characters or fewer/);
  });

  it('stores argon2id hashes that only the right password matches', async () => {
    const hash = await hashPassword('marble kettle orchard lantern');
    assert.match(hash, /^\$argon2id\$/);
    assert.equal(await verifyPassword(hash, 'marble kettle orchard lantern'), true);
    assert.equal(await verifyPassword(hash, 'marble kettle orchard lanterns'), false);
    assert.equal(await verifyPassword(null, 'anything at all'), false);
  });
});
