import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { agencyId, insertTestPerson, userId } from './fixtures.test-support.ts';

describe('names, addresses, relationships, sharing, restriction and merging', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const signedIn = async (email = 'sam.rowe@cairn.example') => {
    const client = await t.signedIn(email);
    return client;
  };

  it('adds an alias and a new address, ending the previous address the day before', async () => {
    const id = await insertTestPerson(t.db, { givenName: 'Clementine', familyName: 'Harrowgate', postcode: 'ZZ99 1AA' });
    const sam = await signedIn();
    assert.equal((await sam.post(`/people/${id}/names/new`, { kind: 'alias', givenName: 'Clemmie', familyName: 'Harrow' })).statusCode, 303);
    const bad = await sam.post(`/people/${id}/addresses/new`, { line1: '9 Wharf Road', postcode: 'nope', 'startDate-day': '1' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a real postcode/);
    assert.match(bad.body, /value="9 Wharf Road"/);
    const moved = await sam.post(`/people/${id}/addresses/new`, { line1: '9 Wharf Road', postcode: 'zz99 2bb', 'startDate-day': '15', 'startDate-month': '3', 'startDate-year': '2025' });
    assert.equal(moved.statusCode, 303);
    const addresses = await t.db.selectFrom('person_addresses').select(['postcode', 'end_date']).where('person_id', '=', id).orderBy('start_date').execute();
    assert.deepEqual(addresses, [{ postcode: 'ZZ99 1AA', end_date: '2025-03-14' }, { postcode: 'ZZ99 2BB', end_date: null }]);
    const page = await sam.get(`/people/${id}`);
    assert.match(page.body, /Clemmie Harrow/);
    assert.ok(page.body.indexOf('ZZ99 2BB') < page.body.indexOf('ZZ99 1AA'), 'current address first');
    const found = await sam.post('/people/search', { name: 'Clemmie Harrow' });
    assert.match(found.body, /Also known as Clemmie Harrow/);
    const entries = await t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', id).execute();
    assert.deepEqual(entries.map((e) => e.entry_type).sort(), ['person.address_added', 'person.name_added']);
  });

  it('records a relationship once, refusing self-links and duplicates', async () => {
    const child = await insertTestPerson(t.db, { givenName: 'Ignatius', familyName: 'Pellowe' });
    const mother = await insertTestPerson(t.db, { givenName: 'Philippa', familyName: 'Pellowe', personType: 'adult', dateOfBirth: '1988-08-08' });
    const sam = await signedIn();
    const search = await sam.post(`/people/${child}/relationships/search`, { name: 'Pellowe' });
    assert.match(search.body, /Philippa Pellowe/);
    assert.doesNotMatch(search.body, new RegExp(`value="${child}"`), 'the person themselves is not offered');
    assert.equal((await sam.post(`/people/${child}/relationships/new`, { name: 'Pellowe', relatedPersonId: mother, kind: 'parent' })).statusCode, 303);
    const again = await sam.post(`/people/${child}/relationships/new`, { name: 'Pellowe', relatedPersonId: mother, kind: 'carer' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already recorded/);
    const self = await sam.post(`/people/${child}/relationships/new`, { name: 'Pellowe', relatedPersonId: child, kind: 'sibling' });
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /cannot be related to themselves/);
    assert.match((await sam.get(`/people/${mother}`)).body, /Child[\s\S]*Ignatius Pellowe/);
    assert.match((await sam.get(`/people/${child}`)).body, /Parent[\s\S]*Philippa Pellowe/);
  });

  it('gives a partner agency access by sharing, and takes it away when sharing stops', async () => {
    const id = await insertTestPerson(t.db, { givenName: 'Tobias', familyName: 'Grindle' });
    const pat = await signedIn('pat.quinn@cairn.example');
    assert.equal((await pat.get(`/people/${id}`)).statusCode, 403);
    const sam = await signedIn();
    const school = await agencyId(t.db, 'education');
    const missing = await sam.post(`/people/${id}/sharing/new`, { agencyId: school, basis: 'consent', 'startDate-day': '1', 'startDate-month': '9', 'startDate-year': '2026' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter who gave consent/);
    const shared = await sam.post(`/people/${id}/sharing/new`, { agencyId: school, basis: 'consent', detail: 'Mother, by phone', 'startDate-day': '1', 'startDate-month': '1', 'startDate-year': '2026' });
    assert.equal(shared.statusCode, 303);
    assert.equal((await pat.get(`/people/${id}`)).statusCode, 200);
    assert.equal((await pat.get(`/people/${id}/sharing/new`)).statusCode, 403);
    const involvement = await t.db.selectFrom('involvements').select('id').where('person_id', '=', id).executeTakeFirstOrThrow();
    assert.equal((await sam.post(`/people/${id}/sharing/${involvement.id}/end`)).statusCode, 303);
    assert.equal((await pat.get(`/people/${id}`)).statusCode, 403);
  });

  it('lets a manager restrict a record to named people', async () => {
    const id = await insertTestPerson(t.db, { givenName: 'Octavia', familyName: 'Merrivale' });
    const sam = await signedIn();
    assert.equal((await sam.get(`/people/${id}/restrict`)).statusCode, 403);
    const morgan = await signedIn('morgan.hale@cairn.example');
    const noReason = await morgan.post(`/people/${id}/restrict`, { restricted: 'yes' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the reason/);
    assert.equal((await morgan.post(`/people/${id}/restrict`, { restricted: 'yes', reason: 'Family member works here' })).statusCode, 303);
    assert.equal((await sam.get(`/people/${id}`)).statusCode, 403);
    assert.match((await morgan.get(`/people/${id}`)).body, /Restricted/);
    const named = await t.db.selectFrom('restricted_access').select('user_id').where('person_id', '=', id).execute();
    assert.deepEqual(named, [{ user_id: await userId(t.db, 'morgan.hale@cairn.example') }]);
    const audit = await t.db.selectFrom('access_audit').select(['action', 'reason']).where('person_id', '=', id).where('action', '=', 'person.restrict').where('outcome', '=', 'allowed').executeTakeFirstOrThrow();
    assert.equal(audit.reason, 'Family member works here');
  });

  it('merges a duplicate into the surviving record, keeping the duplicate as history', async () => {
    const survivor = await insertTestPerson(t.db, { givenName: 'Evangeline', familyName: 'Sprockett', postcode: 'ZZ99 5EE' });
    const duplicate = await insertTestPerson(t.db, { givenName: 'Evangelyn', familyName: 'Sprocket', postcode: 'ZZ99 6FF' });
    const sibling = await insertTestPerson(t.db, { givenName: 'Augustin', familyName: 'Sprockett' });
    await t.db.insertInto('relationships').values([
      { person_id: sibling, related_person_id: survivor, kind: 'sibling' },
      { person_id: sibling, related_person_id: duplicate, kind: 'sibling' },
      { person_id: duplicate, related_person_id: survivor, kind: 'sibling' },
    ]).execute();
    await t.db.insertInto('chronology').values({ person_id: duplicate, occurred_at: new Date('2025-01-01'), entry_type: 'test.note', summary: 'Earlier note' }).execute();
    const sam = await signedIn();
    assert.equal((await sam.get(`/people/${survivor}/merge`)).statusCode, 403);
    const morgan = await signedIn('morgan.hale@cairn.example');
    const found = await morgan.post(`/people/${survivor}/merge/search`, { name: 'Evangelyn Sprocket' });
    assert.match(found.body, new RegExp(`/people/${survivor}/merge/${duplicate}`));
    const confirm = await morgan.get(`/people/${survivor}/merge/${duplicate}`);
    assert.match(confirm.body, /Evangeline Sprockett[\s\S]*Evangelyn Sprocket/);
    assert.equal((await morgan.post(`/people/${survivor}/merge/${duplicate}`)).statusCode, 303);

    const merged = await t.db.selectFrom('people').select(['merged_into']).where('id', '=', duplicate).executeTakeFirstOrThrow();
    assert.equal(merged.merged_into, survivor);
    const addresses = await t.db.selectFrom('person_addresses').select('postcode').where('person_id', '=', survivor).execute();
    assert.equal(addresses.length, 2);
    const relationships = await t.db.selectFrom('relationships').selectAll().where((eb) => eb.or([eb('person_id', '=', survivor), eb('related_person_id', '=', survivor)])).execute();
    assert.equal(relationships.length, 1, 'the self-link and the repeated sibling link are dropped');
    const names = await t.db.selectFrom('person_names').select(['given_name', 'kind']).where('person_id', '=', survivor).execute();
    assert.deepEqual(names, [{ given_name: 'Evangelyn', kind: 'merged' }]);
    const chronology = await t.db.selectFrom('chronology').select(['person_id', 'summary']).where('person_id', 'in', [survivor, duplicate]).execute();
    assert.ok(chronology.some((c) => c.person_id === survivor && c.summary === 'Earlier note'));
    assert.ok(chronology.some((c) => c.person_id === survivor && /Evangelyn Sprocket merged into this one/.test(c.summary)));
    assert.ok(chronology.some((c) => c.person_id === duplicate && /merged into Evangeline Sprockett/.test(c.summary)));
    const audit = await t.db.selectFrom('access_audit').select('person_id').where('action', '=', 'person.merge').where('outcome', '=', 'allowed').execute();
    assert.deepEqual(audit.map((a) => a.person_id).sort(), [survivor, duplicate].sort());

    const old = await morgan.get(`/people/${duplicate}`);
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /This record was merged into another record/);
    assert.match(old.body, new RegExp(`href="/people/${survivor}"`));
    assert.doesNotMatch((await morgan.post('/people/search', { name: 'Sprocket' })).body, new RegExp(duplicate));
    assert.equal((await morgan.post(`/people/${survivor}/merge/${duplicate}`)).statusCode, 409);
  });
});
