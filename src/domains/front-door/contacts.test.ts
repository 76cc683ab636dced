import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { contextFor, details, recordContact, someChildren } from './fixtures.test-support.ts';
import { decisionDueFor, findContactSummary, receiveStepUp } from './service.ts';

const PAT = 'pat.quinn@cairn.example';
const JO = 'jo.nyland@cairn.example';
const SAM = 'sam.rowe@cairn.example';

describe('the 1-working-day decision clock', () => {
  it('is due the next working day: Friday’s contacts on Monday, Christmas Eve’s after Boxing Day’s substitute', () => {
    assert.equal(decisionDueFor(new Date('2026-11-18T10:00:00Z')), '2026-11-19');
    assert.equal(decisionDueFor(new Date('2026-11-20T16:45:00Z')), '2026-11-23', 'Friday → Monday');
    assert.equal(decisionDueFor(new Date('2026-11-21T11:00:00Z')), '2026-11-23', 'Saturday → Monday');
    assert.equal(decisionDueFor(new Date('2026-12-24T09:00:00Z')), '2026-12-29', 'Christmas Day and the Boxing Day substitute are skipped');
    assert.equal(decisionDueFor(new Date('2026-04-02T09:00:00Z')), '2026-04-07', 'Good Friday and Easter Monday are skipped');
    // 23:30 UTC on 1 July is 00:30 on 2 July in England: the contact arrived on the 2nd (a Thursday).
    assert.equal(decisionDueFor(new Date('2026-07-01T23:30:00Z')), '2026-07-03');
  });
});

describe('recording contacts', () => {
  let t: TestApp;
  let childA: string;
  let childB: string;
  let childC: string;
  let adult: string;
  before(async () => {
    t = await testApp({ children: 20 });
    [childA, childB, childC] = (await someChildren(t.db, 3)) as [string, string, string];
    adult = (await t.db.selectFrom('people').select('id').where('person_type', '=', 'adult').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('stores the clock from the day received, involves the recording agency and writes each child’s chronology', async () => {
    const pat = await contextFor(t.db, PAT);
    const id = await recordContact(pat, [childA], { receivedAt: new Date('2026-11-20T15:00:00Z'), household: [{ personId: adult, role: 'household', relationship: 'mother' }] });
    const contact = await t.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(contact.decision_due, '2026-11-23');
    assert.equal(contact.status, 'awaiting_decision');
    const involvements = await t.db.selectFrom('involvements').selectAll().where('source_type', '=', 'contact').where('source_id', '=', id).execute();
    assert.deepEqual(involvements.map((i) => i.person_id).sort(), [childA, adult].sort());
    assert.ok(involvements.every((i) => i.basis === 'made_contact' && i.agency_id === pat.actor.agencyId));
    const entries = await t.db.selectFrom('chronology').selectAll().where('record_id', '=', id).execute();
    assert.deepEqual(entries.map((e) => [e.person_id, e.entry_type]), [[childA, 'contact.received']], 'only the child, not the household member');
    assert.match(entries[0]!.summary, /Contact received from school or education \(Fernhollow Academy\): physical abuse/);
    assert.deepEqual(await findContactSummary(t.db, id), { id, childIds: [childA], outcome: null, receivedAt: new Date('2026-11-20T15:00:00Z') });
    assert.equal(await findContactSummary(t.db, randomUUID()), null);
    assert.equal(await findContactSummary(t.db, 'not-an-id'), null);
  });

  it('gives social care no involvement: it sees every child already', async () => {
    const sam = await contextFor(t.db, SAM);
    const id = await recordContact(sam, [childB]);
    assert.equal((await t.db.selectFrom('involvements').select('id').where('source_id', '=', id).execute()).length, 0);
  });

  it('flags a child contacted about again within 12 months, on the queue and the contact page', async () => {
    const sam = await contextFor(t.db, SAM);
    const pat = await contextFor(t.db, PAT);
    await recordContact(pat, [childC], { receivedAt: new Date('2025-03-01T10:00:00Z') });
    const withinYear = await recordContact(pat, [childC], { receivedAt: new Date('2025-12-01T10:00:00Z') });
    const first = await recordContact(sam, [childB], { receivedAt: new Date('2024-01-10T10:00:00Z') });
    const client = await t.signedIn(SAM);
    const page = await client.get(`/contacts/${withinYear}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Re-contact within 12 months/);
    const older = await client.get(`/contacts/${first}`);
    assert.doesNotMatch(older.body, /Re-contact within 12 months/, 'nothing came before it');
    const queue = await client.get('/contacts');
    const row = queue.body.split('<tr class="govuk-table__row">').find((r) => r.includes(`/contacts/${withinYear}"`));
    assert.ok(row?.includes('Re-contact within 12 months'));
  });

  it('walks a school through the two steps, keeps what was typed, and a double submit makes one contact', async () => {
    const client = await t.signedIn(PAT);
    const key = randomUUID();
    const noChild = await client.post('/contacts/new', { action: 'continue', idempotencyKey: key });
    assert.equal(noChild.statusCode, 400);
    assert.match(noChild.body, /Add at least one child the concern is about/);
    const search = await client.post('/contacts/new', { action: 'search', idempotencyKey: key, searchName: '' });
    assert.equal(search.statusCode, 400);
    assert.match(search.body, /Enter a name or date of birth to search for/);
    const added = await client.post('/contacts/new', { action: `add-household:${adult}`, idempotencyKey: key, person: `child:${childA}` });
    assert.match(added.body, new RegExp(`name="person" value="household:${adult}"`));
    const noRelationship = await client.post('/contacts/new', { action: 'continue', idempotencyKey: key, person: [`child:${childA}`, `household:${adult}`] });
    assert.equal(noRelationship.statusCode, 400);
    assert.match(noRelationship.body, /Select how this person is related to the children/);
    const step2 = await client.post('/contacts/new', { action: 'continue', idempotencyKey: key, person: [`child:${childA}`, `household:${adult}`], [`relationship-${adult}`]: 'father' });
    assert.equal(step2.statusCode, 200);
    assert.match(step2.body, /value="Pat Quinn"/, 'the referrer starts as the user');
    const form = { action: 'save', idempotencyKey: key, person: [`child:${childA}`, `household:${adult}`], [`relationship-${adult}`]: 'father' };
    const invalid = await client.post('/contacts/new', { ...form, source: 'school', referrerName: 'Pat Quinn', referrerEmail: 'not an email', reason: 'Worried about her', consent: 'overridden', urgency: '' });
    assert.equal(invalid.statusCode, 400);
    for (const message of ['Enter an email address in the correct format', 'Select at least one presenting need', 'Enter why consent was overridden', 'Select how urgent this is']) {
      assert.ok(invalid.body.includes(message), message);
    }
    assert.match(invalid.body, /Worried about her/, 'what was typed is kept');
    const valid = { ...form, ...details, presentingNeeds: ['neglect', 'school_attendance'], consentOverrideReason: '', referrerRole: '', referrerPhone: '' };
    const first = await client.post('/contacts/new', valid);
    assert.equal(first.statusCode, 303);
    const again = await client.post('/contacts/new', valid);
    assert.equal(again.headers.location, String(first.headers.location).replace('?created=1', '?created=1'));
    const id = String(first.headers.location).split('/')[2]!.split('?')[0]!;
    assert.equal((await t.db.selectFrom('contacts').select('id').where('id', '=', id).execute()).length, 1);
    const people = await t.db.selectFrom('contact_people').selectAll().where('contact_id', '=', id).orderBy('role').execute();
    assert.deepEqual(people.map((p) => [p.person_id, p.role, p.relationship]), [[childA, 'child', null], [adult, 'household', 'father']]);
  });

  it('adds a new child to the person index inside the form, with the duplicate warning', async () => {
    const client = await t.signedIn(PAT);
    const key = randomUUID();
    const existing = await t.db.selectFrom('people').selectAll().where('id', '=', childA).executeTakeFirstOrThrow();
    const [y, m, d] = existing.date_of_birth!.split('-');
    const newPerson = {
      action: 'create-person', idempotencyKey: key, newPersonKey: randomUUID(), newRole: 'child', newPersonType: 'child',
      newGivenName: existing.given_name, newFamilyName: existing.family_name, 'newDateOfBirth-day': d!, 'newDateOfBirth-month': m!, 'newDateOfBirth-year': y!, newSex: 'F',
    };
    const warned = await client.post('/contacts/new', newPerson);
    assert.equal(warned.statusCode, 200);
    assert.match(warned.body, /This person may already have a record/);
    const unconfirmed = await client.post('/contacts/new', { ...newPerson, duplicatesShown: 'yes' });
    assert.equal(unconfirmed.statusCode, 400);
    const created = await client.post('/contacts/new', { ...newPerson, duplicatesShown: 'yes', confirmDifferent: 'yes' });
    assert.equal(created.statusCode, 200);
    const added = /name="person" value="child:([0-9a-f-]{36})"/.exec(created.body)?.[1];
    assert.ok(added && added !== childA, 'the new child is on the contact');
    const bad = await client.post('/contacts/new', { action: 'create-person', idempotencyKey: key, newPersonKey: randomUUID(), newRole: 'child', newPersonType: 'adult', newGivenName: '', newFamilyName: 'X', newSex: 'M' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /An adult can only be added as a household member/);
    assert.match(bad.body, /Enter the given name/);
  });

  it('shows partners the status of their own agency’s contacts only, and refuses the rest', async () => {
    const jo = await contextFor(t.db, JO);
    const healthContact = await recordContact(jo, [childB]);
    const schoolContact = await recordContact(await contextFor(t.db, PAT), [childB]);
    await t.db.updateTable('contacts').set({ decision_reasons: 'Internal MASH reasoning about the family', status: 'decided', decision_level: 2, decision_outcome: 'advice' }).where('id', '=', healthContact).execute();
    const client = await t.signedIn(JO);
    const list = await client.get('/contacts');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Contacts your agency made/);
    assert.ok(list.body.includes(`/contacts/${healthContact}"`));
    assert.ok(!list.body.includes(`/contacts/${schoolContact}"`));
    assert.match(list.body, /Information and advice/);
    const own = await client.get(`/contacts/${healthContact}`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Information and advice/);
    assert.doesNotMatch(own.body, /Internal MASH reasoning/);
    assert.doesNotMatch(own.body, /Multi-agency checks/);
    assert.equal((await client.get(`/contacts/${schoolContact}`)).statusCode, 403);
    assert.equal((await client.get(`/contacts/${randomUUID()}`)).statusCode, 404);
    assert.equal((await client.get(`/contacts/${schoolContact}/decision`)).statusCode, 403);
    const denied = await t.db.selectFrom('access_audit').selectAll().where('resource_id', '=', schoolContact).where('outcome', '=', 'denied').execute();
    assert.equal(denied.length, 1);
    const analyst = await t.signedIn('alex.brent@cairn.example');
    assert.equal((await analyst.get('/contacts')).statusCode, 403);
    assert.equal((await analyst.get(`/contacts/${healthContact}`)).statusCode, 403);
  });

  it('shows someone in social care outside the front door (a LADO) only the contacts they recorded', async () => {
    const mash = await recordContact(await contextFor(t.db, SAM), [childA]);
    const lado = await contextFor(t.db, 'lee.marsh@cairn.example');
    const own = await recordContact(lado, [childA]);
    const client = await t.signedIn('lee.marsh@cairn.example');
    const list = await client.get('/contacts');
    assert.ok(list.body.includes(`/contacts/${own}"`));
    assert.ok(!list.body.includes(`/contacts/${mash}"`));
    assert.equal((await client.get(`/contacts/${own}`)).statusCode, 200);
    assert.equal((await client.get(`/contacts/${mash}`)).statusCode, 403, 'the front door’s own records stay with the front door');
  });

  it('receives a step-up from early help as a contact from the early help agency', async () => {
    const kit = await contextFor(t.db, 'kit.ellery@cairn.example');
    // A case for the contact to name; the early help service owns these rows, so it is made here only as a fixture.
    const { id: caseId } = await t.db
      .insertInto('early_help_cases')
      .values({ person_id: childC, source: 'direct', locality: 'north', opened_on: '2026-01-05', contact_id: null, step_down_summary: null, lead_professional_id: kit.actor.id, lead_agency_id: kit.actor.agencyId, next_review_due: null, step_up_contact_id: null, closed_on: null, closure_reason: null, closure_summary: null, created_by: kit.actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await t.db.transaction().execute((trx) =>
      receiveStepUp(trx, kit, { earlyHelpCaseId: caseId, childIds: [childC, childC], reason: 'Risk has risen: new partner with a history of violence.', consent: 'overridden', consentOverrideReason: 'Telling mother first could put the child at risk', urgency: 'same_day' }),
    );
    const contact = await t.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(contact.source, 'early_help_step_up');
    assert.equal(contact.referrer_name, 'Kit Ellery');
    assert.equal(contact.early_help_case_id, caseId);
    assert.equal(contact.made_by_agency_id, kit.actor.agencyId);
    const chronology = await t.db.selectFrom('chronology').selectAll().where('record_id', '=', id).execute();
    assert.equal(chronology.length, 1, 'the same child named twice is on the contact once');
    assert.match(chronology[0]!.summary, /Stepped up from early help/);
    const page = await (await t.signedIn(SAM)).get(`/contacts/${id}`);
    assert.match(page.body, new RegExp(`Stepped up from early help. <a class="govuk-link" href="/early-help/cases/${caseId}"`));
  });
});
