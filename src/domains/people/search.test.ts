import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { agencyId, insertTestPerson, userId } from './fixtures.test-support.ts';

describe('finding and opening a person', () => {
  let t: TestApp;
  let lily: string;
  let hidden: string;
  let schoolChild: string;
  before(async () => {
    t = await testApp({ children: 20 });
    lily = await insertTestPerson(t.db, { givenName: 'Lilibet', familyName: 'Quernstone', dateOfBirth: '2016-05-04', nhsNumber: '9434765919', postcode: 'ZZ98 7QX' });
    hidden = await insertTestPerson(t.db, { givenName: 'Hester', familyName: 'Quernstone', dateOfBirth: '2017-06-06', restricted: true });
    await t.db.insertInto('restricted_access').values({ person_id: hidden, user_id: await userId(t.db, 'morgan.hale@cairn.example') }).execute();
    schoolChild = await insertTestPerson(t.db, { givenName: 'Saffron', familyName: 'Quernstone', dateOfBirth: '2018-01-02' });
    await t.db.insertInto('involvements').values({ person_id: schoolChild, agency_id: await agencyId(t.db, 'education'), basis: 'consent', detail: 'Parent consented' }).execute();
  });
  after(() => t.close());

  const search = async (email: string, form: Record<string, string>) => {
    const client = await t.signedIn(email);
    return client.post('/people/search', form);
  };

  it('finds by a misspelt name, by date of birth, by NHS number and by postcode', async () => {
    const byName = await search('sam.rowe@cairn.example', { name: 'Lilibet Quernston' });
    assert.equal(byName.statusCode, 200);
    assert.match(byName.body, new RegExp(`/people/${lily}\\?from=search`));
    const byDob = await search('sam.rowe@cairn.example', { 'dateOfBirth-day': '4', 'dateOfBirth-month': '5', 'dateOfBirth-year': '2016' });
    assert.match(byDob.body, /Lilibet Quernstone/);
    assert.match(byDob.body, /4 May 2016/);
    const byNhs = await search('sam.rowe@cairn.example', { nhsNumber: '943 476 5919' });
    assert.match(byNhs.body, /Lilibet Quernstone/);
    assert.match(byNhs.body, /1 person found/);
    const byPostcode = await search('sam.rowe@cairn.example', { postcode: 'zz98 7' });
    assert.match(byPostcode.body, /Lilibet Quernstone/);
    assert.match(byPostcode.body, /ZZ98 7QX/);
    const combined = await search('sam.rowe@cairn.example', { name: 'Quernstone', postcode: 'ZZ99' });
    assert.match(combined.body, /No people found/);
  });

  it('among hundreds sharing a family name, still finds the one with the date of birth given and puts an exact name first', async () => {
    // More people share the name than the search ranks in full (200), none of them with the date asked for.
    for (let i = 0; i < 260; i++) {
      const givenName = `Child${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
      await insertTestPerson(t.db, { givenName, familyName: 'Brindlewick', dateOfBirth: '2015-03-03' });
    }
    const wanted = await insertTestPerson(t.db, { givenName: 'Orla', familyName: 'Brindlewick', dateOfBirth: '2019-09-09' });
    const byName = await search('sam.rowe@cairn.example', { name: 'Brindlewick' });
    assert.match(byName.body, /Only the 50 closest matches are shown/);
    const withDate = await search('sam.rowe@cairn.example', { name: 'Brindlewick', 'dateOfBirth-day': '9', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2019' });
    assert.match(withDate.body, /1 person found/);
    assert.match(withDate.body, new RegExp(`/people/${wanted}\\?from=search`));
    const fullName = await search('sam.rowe@cairn.example', { name: 'Orla Brindlewick' });
    const first = /href="\/people\/([0-9a-f-]{36})\?from=search"/.exec(fullName.body)?.[1];
    assert.equal(first, wanted);
  });

  it('asks for at least one thing to search by, and checks the date', async () => {
    const empty = await search('sam.rowe@cairn.example', {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /Enter a name, date of birth, NHS number or postcode/);
    const badDate = await search('sam.rowe@cairn.example', { name: 'Lil', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2016' });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /Date of birth must be a real date/);
    assert.match(badDate.body, /href="#dateOfBirth-day"/);
    assert.match(badDate.body, /value="Lil"/);
  });

  it('never shows a restricted record to someone not named on it, not even as a count', async () => {
    const sam = await search('sam.rowe@cairn.example', { name: 'Quernstone' });
    assert.doesNotMatch(sam.body, /Hester/);
    assert.doesNotMatch(sam.body, new RegExp(hidden));
    assert.match(sam.body, /2 people found/);
    const morgan = await search('morgan.hale@cairn.example', { name: 'Quernstone' });
    assert.match(morgan.body, /Hester Quernstone/);
    assert.match(morgan.body, /3 people found/);
  });

  it('tells a partner which people they can open; an uninvolved child is refused with emergency access offered', async () => {
    const client = await t.signedIn('pat.quinn@cairn.example');
    const results = await client.post('/people/search', { name: 'Quernstone' });
    assert.match(results.body, /Lilibet Quernstone[\s\S]*You are not involved with this person/);
    assert.doesNotMatch(results.body, /ZZ98 7QX/, 'where an uninvolved child lives stays hidden');
    assert.match(results.body, /Lilibet Quernstone[\s\S]*Not shown[\s\S]*Not shown/, 'and so does their NHS number');
    const refused = await client.get(`/people/${lily}?from=search`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /request emergency access/);
    const opened = await client.get(`/people/${schoolChild}?from=search`);
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /Saffron Quernstone/);
    const audit = await t.db.selectFrom('access_audit').select(['action', 'outcome']).where('person_id', '=', schoolChild).execute();
    assert.deepEqual(audit, [{ action: 'person.search_open', outcome: 'allowed' }]);
  });

  it('refuses search to analysts and administrators', async () => {
    for (const email of ['alex.brent@cairn.example', 'ada.kerr@cairn.example']) {
      const client = await t.signedIn(email);
      assert.equal((await client.get('/people')).statusCode, 403);
      assert.equal((await client.post('/people/search', { name: 'Quernstone' })).statusCode, 403);
    }
  });

  it('shows the record with relationships both ways, hiding names the viewer may not see', async () => {
    const parent = await insertTestPerson(t.db, { givenName: 'Marigold', familyName: 'Quernstone', dateOfBirth: '1990-02-02', personType: 'adult' });
    await t.db.insertInto('relationships').values([
      { person_id: parent, related_person_id: lily, kind: 'parent' },
      { person_id: hidden, related_person_id: lily, kind: 'sibling' },
    ]).execute();
    const client = await t.signedIn('sam.rowe@cairn.example');
    const child = await client.get(`/people/${lily}`);
    assert.equal(child.statusCode, 200);
    assert.match(child.body, /Parent[\s\S]*Marigold Quernstone/);
    assert.match(child.body, /A person you do not have access to/);
    assert.doesNotMatch(child.body, /Hester/);
    assert.match(child.body, /943 476 5919/);
    assert.doesNotMatch(child.body, /Who has seen this record/);
    const adult = await client.get(`/people/${parent}`);
    assert.match(adult.body, /Child[\s\S]*Lilibet Quernstone/);
    assert.equal((await client.get('/people/not-a-uuid')).statusCode, 404);
    assert.equal((await client.get('/people/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });
});
