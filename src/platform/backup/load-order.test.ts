import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ForeignKey, keysToSuspend, loadOrder } from './load-order.ts';

const key = (child: string, parent: string): ForeignKey => ({ name: `${child}_${parent}_fkey`, child, parent, definition: '' });

describe('the order tables are loaded in', () => {
  it('puts every table after the tables it refers to, in the same order however they are listed', () => {
    const keys = [key('people', 'agencies'), key('names', 'people'), key('audit', 'users'), key('users', 'agencies')];
    const tables = ['names', 'users', 'people', 'audit', 'agencies', 'settings'];
    const order = loadOrder(tables, keys);
    assert.deepEqual(loadOrder([...tables].reverse(), [...keys].reverse()), order, 'the same whatever order the catalogue lists them in');
    for (const k of keys) assert.ok(order.indexOf(k.parent) < order.indexOf(k.child), `${k.parent} before ${k.child} in ${order.join(', ')}`);
    assert.equal(order[0], 'agencies');
    assert.deepEqual(keysToSuspend(order, keys), []);
  });

  it('keeps tables that refer to each other together, and suspends only the keys among them', () => {
    const keys = [key('people', 'people'), key('cases', 'people'), key('a', 'b'), key('b', 'a'), key('a', 'people')];
    const order = loadOrder(['cases', 'b', 'a', 'people'], keys);
    assert.deepEqual(order, ['people', 'a', 'b', 'cases']);
    assert.deepEqual(keysToSuspend(order, keys).map((k) => k.name).sort(), ['a_b_fkey', 'people_people_fkey']);
  });

  it('suspends every key a file written in another order would break, and ignores tables it does not load', () => {
    const keys = [key('people', 'agencies'), key('people', 'elsewhere')];
    assert.deepEqual(keysToSuspend(['people', 'agencies'], keys).map((k) => k.name), ['people_agencies_fkey']);
    assert.deepEqual(loadOrder(['people'], keys), ['people']);
  });
});
