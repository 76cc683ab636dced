import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { insertTestPerson } from './fixtures.test-support.ts';

const child = (overrides: Record<string, string | string[]> = {}) => ({
  idempotencyKey: randomUUID(),
  personType: 'child',
  givenName: 'Peregrine',
  familyName: 'Thornwhistle',
  'dateOfBirth-day': '12',
  'dateOfBirth-month': '8',
  'dateOfBirth-year': '2019',
  sex: 'M',
  ethnicity: 'WBRI',
  nhsNumber: '943 476 5919',
  disabilities: 'NONE',
  addressLine1: '4 Kiln Lane',
  addressTown: 'Brackenshire',
  addressPostcode: 'zz99 3ab',
  'addressStartDate-day': '1',
  'addressStartDate-month': '1',
  'addressStartDate-year': '2024',
  ...overrides,
});

describe('adding and changing a person', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const signedIn = async (email = 'sam.rowe@cairn.example') => {
    const client = await t.signedIn(email);
    return client;
  };
  const count = async (familyName: string) =>
    Number((await t.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).where('family_name', '=', familyName).executeTakeFirstOrThrow()).n);

  it('shows every error at once and keeps everything typed', async () => {
    const client = await signedIn();
    const response = await client.post('/people/new', child({
      givenName: '', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', nhsNumber: '943 476 5910', upn: 'A12345678901B',
      disabilities: ['NONE', 'AUT'], addressPostcode: 'not a postcode', gender: 'Non-binary',
    }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    for (const message of ['Enter the given name', 'Date of birth must be a real date', 'Enter a valid NHS number', 'Enter a valid unique pupil number', 'Select &quot;No disability&quot; on its own', 'Enter a real postcode']) {
      assert.match(response.body, new RegExp(message));
    }
    assert.match(response.body, /value="Thornwhistle"/);
    assert.match(response.body, /value="943 476 5910"/);
    assert.match(response.body, /value="Non-binary"/);
    assert.match(response.body, /value="not a postcode"/);
    assert.match(response.body, /name="dateOfBirth-day" type="text" value="31"|value="31"/);
    assert.match(response.body, /value="AUT" checked/);
    assert.ok(response.body.indexOf('#givenName') < response.body.indexOf('#dateOfBirth-day'), 'errors follow the page order');
    assert.equal(await count('Thornwhistle'), 0);
  });

  it('checks the rules for an unborn child', async () => {
    const client = await signedIn();
    const response = await client.post('/people/new', child({ personType: 'unborn', sex: 'F', nhsNumber: '', 'expectedDateOfDelivery-day': '1', 'expectedDateOfDelivery-month': '1', 'expectedDateOfDelivery-year': '2099' }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /An unborn child cannot have a date of birth/);
    assert.match(response.body, /within 10 months/);
    assert.match(response.body, /Unknown or not recorded/);
  });

  it('creates a person with an address, chronology and audit in one go, once however often it is submitted', async () => {
    const client = await signedIn();
    const form = child();
    const first = await client.post('/people/new', form);
    assert.equal(first.statusCode, 303);
    const again = await client.post('/people/new', form);
    assert.equal(again.statusCode, 303);
    assert.equal(String(again.headers.location).split('?')[0], String(first.headers.location).split('?')[0]);
    assert.equal(await count('Thornwhistle'), 1);
    const person = await t.db.selectFrom('people').selectAll().where('family_name', '=', 'Thornwhistle').executeTakeFirstOrThrow();
    assert.equal(person.nhs_number, '9434765919');
    assert.equal(person.search_name, 'peregrine thornwhistle');
    const address = await t.db.selectFrom('person_addresses').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(address.postcode, 'ZZ99 3AB');
    assert.equal(address.postcode_key, 'ZZ993AB');
    const chronology = await t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', person.id).execute();
    assert.deepEqual(chronology.map((c) => c.entry_type), ['person.created']);
    const audit = await t.db.selectFrom('access_audit').select('action').where('person_id', '=', person.id).where('action', '=', 'person.create').execute();
    assert.equal(audit.length, 1);
    const page = await client.get(String(first.headers.location));
    assert.match(page.body, /Person added/);
    assert.match(page.body, /12 August 2019/);
    assert.match(page.body, /White British \(WBRI\)/);
  });

  it('warns about a possible duplicate and needs the check confirmed', async () => {
    await insertTestPerson(t.db, { givenName: 'Rosalind', familyName: 'Brackwater', dateOfBirth: '2014-02-03' });
    const client = await signedIn();
    const form = child({ givenName: 'Rosalyn', familyName: 'Brackwater', 'dateOfBirth-day': '3', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2014', nhsNumber: '' });
    const warned = await client.post('/people/new', form);
    assert.equal(warned.statusCode, 200);
    assert.match(warned.body, /This person may already have a record/);
    assert.match(warned.body, /Rosalind Brackwater/);
    const unconfirmed = await client.post('/people/new', { ...form, duplicatesShown: 'yes' });
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Confirm you have checked/);
    const confirmed = await client.post('/people/new', { ...form, duplicatesShown: 'yes', confirmDifferent: 'yes' });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(await count('Brackwater'), 2);
  });

  it('lets a partner agency add a person and then see them, through an involvement', async () => {
    const client = await signedIn('pat.quinn@cairn.example');
    const created = await client.post('/people/new', child({ givenName: 'Ottoline', familyName: 'Fernsby', nhsNumber: '' }));
    assert.equal(created.statusCode, 303);
    const page = await client.get(String(created.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Created the record/);
    const analyst = await signedIn('alex.brent@cairn.example');
    assert.equal((await analyst.get('/people/new')).statusCode, 403);
  });

  it('saves an edit, noting which fields changed but not their values', async () => {
    const id = await insertTestPerson(t.db, { givenName: 'Wilhelmina', familyName: 'Ashgrove', dateOfBirth: '2012-12-12' });
    const client = await signedIn();
    const form = await client.get(`/people/${id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="version" value="1"/);
    const saved = await client.post(`/people/${id}/edit`, {
      version: '1', personType: 'child', givenName: 'Wilhelmina', familyName: 'Ashgrove-Lea',
      'dateOfBirth-day': '12', 'dateOfBirth-month': '12', 'dateOfBirth-year': '2012', sex: 'F', language: 'Welsh',
    });
    assert.equal(saved.statusCode, 303);
    const person = await t.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(person.family_name, 'Ashgrove-Lea');
    assert.equal(person.search_name, 'wilhelmina ashgrove lea');
    assert.equal(person.version, 2);
    const entry = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', id).where('entry_type', '=', 'person.updated').executeTakeFirstOrThrow();
    assert.equal(entry.summary, 'Details changed: family name, language');
    assert.doesNotMatch(entry.summary, /Welsh|Lea/);
  });

  it('refuses a stale edit with a comparison, leaving the saved record unchanged', async () => {
    const id = await insertTestPerson(t.db, { givenName: 'Barnaby', familyName: 'Coldharbour', dateOfBirth: '2011-01-01' });
    const sam = await signedIn();
    const morgan = await signedIn('morgan.hale@cairn.example');
    const base = { version: '1', personType: 'child', familyName: 'Coldharbour', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2011', sex: 'F' };
    assert.equal((await morgan.post(`/people/${id}/edit`, { ...base, givenName: 'Barnabas' })).statusCode, 303);
    const stale = await sam.post(`/people/${id}/edit`, { ...base, givenName: 'Barney' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /This record was changed by someone else/);
    assert.match(stale.body, /cairn-changed[\s\S]*Barney[\s\S]*Barnabas/);
    assert.match(stale.body, /Start again from the saved version/);
    const person = await t.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(person.given_name, 'Barnabas');
    assert.equal(person.version, 2);
    const partner = await signedIn('pat.quinn@cairn.example');
    assert.equal((await partner.get(`/people/${id}/edit`)).statusCode, 403);
  });
});
