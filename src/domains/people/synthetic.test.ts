import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidNhsNumber, isValidUpn } from './identifiers.ts';
import { generateFamilies } from './synthetic.ts';

describe('synthetic families', () => {
  const families = generateFamilies({ seed: 11, children: 300 });
  const people = families.flatMap((f) => f.people);

  it('are the same for the same seed and differ for another', () => {
    assert.deepEqual(generateFamilies({ seed: 11, children: 300 }), families);
    assert.notDeepEqual(generateFamilies({ seed: 12, children: 300 }), families);
  });

  it('have the number of children asked for', () => {
    assert.equal(people.filter((p) => p.personType !== 'adult').length, 300);
  });

  it('use only identifiers that cannot belong to a real person', () => {
    for (const p of people) {
      if (p.nhsNumber) {
        assert.ok(isValidNhsNumber(p.nhsNumber), p.nhsNumber);
        assert.ok(p.nhsNumber.startsWith('999'), 'NHS numbers come from the range reserved for testing');
      }
      if (p.upn) assert.ok(isValidUpn(p.upn), p.upn);
    }
    for (const a of families.flatMap((f) => f.addresses)) assert.match(a.postcode, /^ZZ99 /);
  });

  it('keep each family’s addresses in order, the earlier ended before the later began', () => {
    for (const { addresses } of families) {
      for (let i = 1; i < addresses.length; i++) assert.ok(addresses[i - 1]!.endDate! < addresses[i]!.startDate);
      assert.equal(addresses.at(-1)!.endDate, null);
    }
  });

  it('give an unborn child an expected date of delivery and no date of birth', () => {
    for (const p of people.filter((x) => x.personType === 'unborn')) {
      assert.equal(p.dateOfBirth, null);
      assert.ok(p.expectedDateOfDelivery);
      assert.equal(p.sex, 'U');
    }
  });
});

describe('synthetic parents', () => {
  it('are at least seventeen years older than their children', () => {
    for (const family of generateFamilies({ seed: 5, children: 400 })) {
      const byKey = new Map(family.people.map((p) => [p.key, p]));
      for (const r of family.relationships.filter((x) => x.kind === 'parent')) {
        const parent = byKey.get(r.from)!;
        const child = byKey.get(r.to)!;
        if (!child.dateOfBirth) continue;
        const gapYears = (Date.parse(child.dateOfBirth) - Date.parse(parent.dateOfBirth!)) / 31_557_600_000;
        assert.ok(gapYears >= 16.9, `a parent ${gapYears.toFixed(1)} years older than their child`);
      }
    }
  });
});
