import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNhsNumber, isValidNhsNumber, isValidUpn, normalisePostcode, upnCheckLetter } from './identifiers.ts';
import { searchKey } from './names.ts';

describe('identifiers', () => {
  it('accepts NHS numbers whose modulus 11 check digit is right, however they are spaced', () => {
    assert.ok(isValidNhsNumber('943 476 5919'));
    assert.ok(isValidNhsNumber('9434765919'));
    assert.ok(isValidNhsNumber('943-476-5919'));
    assert.equal(formatNhsNumber('9434765919'), '943 476 5919');
  });

  it('refuses NHS numbers with a wrong check digit, a check of 10, or the wrong length', () => {
    assert.ok(!isValidNhsNumber('943 476 5910'));
    assert.ok(!isValidNhsNumber('943 476 591'));
    assert.ok(!isValidNhsNumber('94347659190'));
    assert.ok(!isValidNhsNumber('abc 476 5919'));
    // 123456789: weighted sum 210, 11 - (210 % 11) = 10, so no check digit can make it valid.
    for (let d = 0; d <= 9; d++) assert.ok(!isValidNhsNumber(`123456789${d}`));
  });

  it('checks the unique pupil number check letter, including temporary UPNs', () => {
    const rest = '87320152001';
    const upn = `${upnCheckLetter(`${rest}0`)}${rest}0`;
    assert.ok(isValidUpn(upn));
    assert.ok(isValidUpn(upn.toLowerCase()));
    const wrong = `${upn[0] === 'A' ? 'B' : 'A'}${upn.slice(1)}`;
    assert.ok(!isValidUpn(wrong));
    const temporary = `${upnCheckLetter(`${rest}A`)}${rest}A`;
    assert.ok(isValidUpn(temporary));
    assert.ok(!isValidUpn('A1234'));
    assert.ok(!isValidUpn(`${upn.slice(0, 12)}I`), 'I is not in the UPN alphabet');
  });

  it('normalises postcodes and names for matching', () => {
    assert.equal(normalisePostcode('pe11aa'), 'PE1 1AA');
    assert.equal(normalisePostcode(' sw1a 1aa '), 'SW1A 1AA');
    assert.equal(normalisePostcode('not a postcode'), null);
    assert.equal(searchKey('Zoë', "O'Neill-Smith"), 'zoe oneill smith');
  });
});
