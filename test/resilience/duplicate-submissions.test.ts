import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp, type TestClient } from '../support/app.ts';
import { testEngine } from '../support/database.ts';
import { contactForm, contactsMarked, contactSubjects, peopleMarked, personForm } from './forms.ts';

const SAM = 'sam.rowe@cairn.example';
/** The same form sent this many times at once: a double-click, a retry, a flaky connection all at the same moment. */
const COPIES = 50;

describe(`the same form submitted ${COPIES} times at once with its idempotency key (${testEngine})`, () => {
  let t: TestApp;
  let tabs: TestClient[];
  before(async () => {
    t = await testApp({ children: 20 });
    // One session, several connections: as one browser resending.
    const sam = await t.signedIn(SAM);
    tabs = [sam, sam, sam];
  });
  after(() => t.close());

  it('records one contact, whole, and sends every copy to it', async () => {
    const subjects = await contactSubjects(t.db);
    const marker = `Dup${randomBytes(3).toString('hex')}`;
    const form = contactForm(subjects, marker, randomUUID());
    const responses = await Promise.all(Array.from({ length: COPIES }, (_, i) => tabs[i % tabs.length]!.post('/contacts/new', form)));
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [303], 'every copy is answered as saved');
    const locations = new Set(responses.map((r) => r.headers.location));
    assert.equal(locations.size, 1, 'every copy leads to the same contact');
    const contacts = await contactsMarked(t.db, marker);
    assert.equal(contacts.length, 1, 'one contact');
    assert.deepEqual([contacts[0]!.people, contacts[0]!.chronology], [2, 1], 'with both its people and one chronology entry');
    assert.equal([...locations][0], `/contacts/${contacts[0]!.id}?created=1`);
  });

  it('adds one person, whole, and sends every copy to them', async () => {
    const marker = `Dupperson${randomBytes(3).toString('hex')}`;
    const form = personForm(marker, randomUUID());
    const responses = await Promise.all(Array.from({ length: COPIES }, (_, i) => tabs[i % tabs.length]!.post('/people/new', form)));
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [303], 'every copy is answered as saved');
    const people = await peopleMarked(t.db, marker);
    assert.equal(people.length, 1, 'one person');
    assert.deepEqual([people[0]!.addresses, people[0]!.chronology], [1, 1], 'with their address and one chronology entry');
    const locations = new Set(responses.map((r) => String(r.headers.location).split('?')[0]));
    assert.deepEqual([...locations], [`/people/${people[0]!.id}`], 'every copy leads to the same person');
  });

  it('still records a second contact sent with a new key', async () => {
    const subjects = await contactSubjects(t.db);
    const marker = `Dup${randomBytes(3).toString('hex')}`;
    const [first, second] = await Promise.all([tabs[0]!.post('/contacts/new', contactForm(subjects, marker)), tabs[1]!.post('/contacts/new', contactForm(subjects, marker))]);
    assert.deepEqual([first!.statusCode, second!.statusCode], [303, 303]);
    assert.notEqual(first!.headers.location, second!.headers.location);
    assert.equal((await contactsMarked(t.db, marker)).length, 2, 'two keys, two contacts: the key, not the content, makes a repeat');
  });
});
