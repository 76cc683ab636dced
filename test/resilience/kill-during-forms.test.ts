import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { contactForm, contactsMarked, contactSubjects, peopleMarked, personForm } from './forms.ts';
import { integrityProblems } from './integrity.ts';
import { type Server, type ServerDatabase, serverDatabase, signedInClient, startServer } from './server.ts';
import { testEngine } from '../support/database.ts';

const SAM = 'sam.rowe@cairn.example';
/** Requests in flight at once while the server is killed. */
const IN_FLIGHT = 4;
/** The server is killed once this many submissions have been answered with success. */
const KILL_AFTER = 12;

describe(`the server killed (SIGKILL) while it is saving forms, on ${testEngine === 'embedded' ? 'PGlite on disk' : 'PostgreSQL'}`, () => {
  let database: ServerDatabase;
  let server: Server | undefined;
  before(async () => {
    database = await serverDatabase();
  });
  after(async () => {
    await server?.kill();
    await database.drop();
  });

  it('keeps every submission it answered with success, and nothing of one it did not finish', async (t) => {
    const opened = await database.open();
    const subjects = await contactSubjects(opened.db);
    await opened.close();

    server = await startServer(database);
    const running = server;
    const client = await signedInClient(running.baseUrl, SAM);
    const run = `Crash${randomBytes(3).toString('hex')}`;
    const savedContacts = new Map<string, string>();
    const savedPeople = new Map<string, string>();
    let sent = 0;
    let unanswered = 0;
    let next = 0;
    let killed: Promise<void> | null = null;

    // Contacts and new people, alternately, a few at a time, until the server dies under them.
    const worker = async () => {
      while (!killed) {
        const n = next++;
        const marker = `${run}n${n}x`;
        const isContact = n % 2 === 0;
        sent += 1;
        try {
          const response = isContact ? await client.post('/contacts/new', contactForm(subjects, marker)) : await client.post('/people/new', personForm(marker));
          assert.equal(response.status, 303, `submission ${n} answered ${response.status}: ${response.body.slice(0, 300)}`);
          const id = /\/(?:contacts|people)\/([0-9a-f-]{36})/.exec(response.location ?? '')![1]!;
          (isContact ? savedContacts : savedPeople).set(marker, id);
          if (savedContacts.size + savedPeople.size >= KILL_AFTER) killed ??= running.kill();
        } catch (error) {
          if (!killed) throw error;
          unanswered += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await killed;
    assert.equal(running.process.signalCode, 'SIGKILL');
    assert.ok(unanswered >= 1, 'some submissions were still in flight when the server was killed');

    // Started again on the same data, it opens the database (recovering it), migrates and serves.
    server = await startServer(database);
    const again = await signedInClient(server.baseUrl, SAM);
    const [firstMarker, firstId] = [...savedContacts][0]!;
    const contactPage = await again.get(`/contacts/${firstId}`);
    assert.equal(contactPage.status, 200);
    assert.ok(contactPage.body.includes(firstMarker), 'a contact saved before the kill opens after it');
    await server.stop();
    server = undefined;

    const reopened = await database.open();
    try {
      assert.deepEqual(await migrateToLatest(reopened.db), [], 'every migration is still recorded as applied');
      const contacts = await contactsMarked(reopened.db, run);
      const people = await peopleMarked(reopened.db, run);
      for (const [marker, id] of savedContacts) {
        const found = contacts.find((c) => c.id === id);
        assert.ok(found, `contact ${marker} was answered with success but is missing`);
        assert.ok(found.reason.includes(`(${marker})`));
      }
      for (const [marker, id] of savedPeople) {
        assert.ok(people.some((p) => p.id === id && p.familyName === marker), `person ${marker} was answered with success but is missing`);
      }
      // Whatever was saved — answered or cut off before the answer — is whole: a contact with both its people and
      // the child's chronology entry, a person with their address and chronology entry.
      for (const c of contacts) assert.deepEqual([c.people, c.chronology], [2, 1], `contact ${c.reason} is whole`);
      for (const p of people) assert.deepEqual([p.addresses, p.chronology], [1, 1], `person ${p.familyName} is whole`);
      assert.ok(contacts.length + people.length <= sent);
      assert.equal(new Set(contacts.map((c) => c.reason)).size, contacts.length, 'no submission was saved twice');
      t.diagnostic(`${sent} sent, ${savedContacts.size + savedPeople.size} answered with success, ${unanswered} cut off; ${contacts.length + people.length} found whole after the restart`);
    } finally {
      await reopened.close();
    }
    assert.deepEqual(await integrityProblems(database.integrityTarget), [], 'every table reads and every index matches its table');
  });
});
