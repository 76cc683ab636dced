import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { ALEX, childSharedWith, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';
import { careLeaverWork } from './inbox.ts';
import { seedCareLeaversDemo } from './demo.ts';

const NIA = 'nia.brooks@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

describe('care leavers', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  it('opens a record for a 16-year-old still in care, with a personal adviser, and refuses ages that do not fit', async () => {
    const today = ukToday();
    const young = await childSharedWith(t.db, ['education'], { dateOfBirth: addMonths(today, -(16 * 12 + 2)) });
    const nia = await t.signedIn(NIA);
    const niaId = await userIdOf(t.db, NIA);
    assert.equal((await nia.get(`/people/${young}/care-leaver/new`)).statusCode, 200);
    const wrong = await nia.post(`/people/${young}/care-leaver/new`, { eligibility: 'former_relevant', ...dateFields('openedOn', today), personalAdviserId: niaId, idempotencyKey: uuidv7() });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Former relevant is for young people aged 18 to 25/);
    const form = { eligibility: 'eligible', ...dateFields('openedOn', today), personalAdviserId: niaId, idempotencyKey: uuidv7() };
    const opened = await nia.post(`/people/${young}/care-leaver/new`, form);
    assert.equal(opened.statusCode, 303, opened.body.slice(0, 1500));
    assert.equal((await nia.post(`/people/${young}/care-leaver/new`, form)).headers.location, opened.headers.location, 'a double submit is one record');
    const row = await t.db.selectFrom('care_leavers').selectAll().where('person_id', '=', young).executeTakeFirstOrThrow();
    assert.equal(row.personal_adviser_id, niaId);
    const page = await nia.get(`/care-leavers/${row.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /First pathway plan due/);
    assert.match(page.body, /covers relevant and former relevant care leavers only/);

    // A school partner who knows the young person may read the record but not work on it; an analyst neither.
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/care-leavers/${row.id}`)).statusCode, 200);
    assert.equal((await pat.get(`/care-leavers/${row.id}/contacts/new`)).statusCode, 403);
    assert.equal((await pat.get(`/people/${young}/care-leaver/new`)).statusCode, 403);
    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get(`/care-leavers/${row.id}`)).statusCode, 403);
    assert.equal((await alex.get('/care-leavers')).statusCode, 403);
  });

  it('records a pathway plan and keeping-in-touch contacts with the 903 rules, closes the record, and refuses stale versions', async () => {
    const today = ukToday();
    const person = await childSharedWith(t.db, [], { dateOfBirth: addMonths(today, -(19 * 12 + 1)) });
    const nia = await t.signedIn(NIA);
    const opened = await nia.post(`/people/${person}/care-leaver/new`, { eligibility: 'former_relevant', ...dateFields('openedOn', addMonths(today, -10)), personalAdviserId: '', idempotencyKey: uuidv7() });
    assert.equal(opened.statusCode, 303, opened.body.slice(0, 1500));
    const id = String(opened.headers.location).split('/').pop()!;

    const plan = { ...dateFields('planDate', today), accommodation: 'Own tenancy', activity: 'College', summary: '', idempotencyKey: uuidv7() };
    const missing = await nia.post(`/care-leavers/${id}/plans/new`, plan);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter what the plan says/);
    assert.match(missing.body, /Own tenancy/);
    assert.equal((await nia.post(`/care-leavers/${id}/plans/new`, { ...plan, summary: 'Move to own flat; budgeting help.' })).statusCode, 303);
    const saved = await t.db.selectFrom('pathway_plans').selectAll().where('care_leaver_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(saved.next_review_due, addMonths(today, 6));

    const contact = { ...dateFields('contactDate', today), inTouch: 'YES', accommodation: 'S', suitable: 'yes', activity: 'G5', notes: 'Sofa surfing', idempotencyKey: uuidv7() };
    const homeless = await nia.post(`/care-leavers/${id}/contacts/new`, contact);
    assert.equal(homeless.statusCode, 400);
    assert.match(homeless.body, /No fixed abode or homeless is always unsuitable/);
    assert.match(homeless.body, /Sofa surfing/);
    const notKnown = await nia.post(`/care-leavers/${id}/contacts/new`, { ...contact, suitable: 'no', activity: '0' });
    assert.equal(notKnown.statusCode, 400);
    assert.match(notKnown.body, /“not known” cannot be recorded when you are in touch/);
    assert.equal((await nia.post(`/care-leavers/${id}/contacts/new`, { ...contact, suitable: 'no' })).statusCode, 303);
    const stored = await t.db.selectFrom('care_leaver_contacts').selectAll().where('care_leaver_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.accommodation, 'S2');

    const api = await nia.api('GET', `/api/v1/people/${person}/care-leaver`);
    assert.equal(api.statusCode, 200);
    const dto = api.json<{ contacts: { ACCOM: string }[]; oc3: { age: number; status: string }[] }>();
    assert.equal(dto.contacts[0]!.ACCOM, 'S2');
    assert.ok(dto.oc3.some((w) => w.age === 19 && w.status === 'recorded'), 'the contact counts for the 19th birthday');

    const row = await t.db.selectFrom('care_leavers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const stale = await nia.post(`/care-leavers/${id}/close`, { ...dateFields('closedOn', today), reason: 'no_longer_needs', version: String(row.version + 7) });
    assert.equal(stale.statusCode, 409);
    assert.equal((await nia.post(`/care-leavers/${id}/close`, { ...dateFields('closedOn', today), reason: 'no_longer_needs', version: String(row.version) })).statusCode, 303);
    const twice = await nia.post(`/care-leavers/${id}/close`, { ...dateFields('closedOn', today), reason: 'no_longer_needs', version: String(row.version + 1) });
    assert.equal(twice.statusCode, 409, 'a closed record cannot close again');
    assert.equal((await nia.post(`/care-leavers/${id}/contacts/new`, { ...contact, suitable: 'no', idempotencyKey: uuidv7() })).statusCode, 409);
    const entries = await t.db.selectFrom('chronology').select('entry_type').where('person_id', '=', person).where('entry_type', 'like', 'care_leaver.%').execute();
    assert.deepEqual(entries.map((e) => e.entry_type).sort(), ['care_leaver.closed', 'care_leaver.contact', 'care_leaver.opened', 'care_leaver.pathway_plan']);
  });

  it('seeds demo care leavers whose clocks show on the list and in the adviser’s work', async () => {
    const today = ukToday();
    const people: string[] = [];
    for (const years of [17, 18, 19, 20, 21, 22, 15]) people.push(await childSharedWith(t.db, [], { dateOfBirth: addMonths(addMonths(today, -(years * 12)), -1) }));
    const org = {
      agencyIds: { csc: (await t.db.selectFrom('agencies').select('id').where('kind', '=', 'social_care').executeTakeFirstOrThrow()).id },
      teamIds: {},
      userIds: { 'nia.brooks@cairn.example': await userIdOf(t.db, NIA) },
    };
    await seedCareLeaversDemo(t.db, org, today, people);
    const seeded = await t.db.selectFrom('care_leavers').select('person_id').where('person_id', 'in', people).execute();
    assert.equal(seeded.length, 5, 'ages 16 to 21 only');
    const items = await careLeaverWork({ db: t.db, userIds: [org.userIds['nia.brooks@cairn.example']], agencyIds: [], frontDoor: true, today });
    assert.ok(items.some((i) => i.kind === 'care_leaver.contact' && i.status === 'overdue'), 'a contact overdue');
    assert.ok(items.some((i) => i.kind === 'care_leaver.pathway_plan'), 'a pathway plan review due');
    const sam = await t.signedIn(SAM);
    const list = await sam.get('/care-leavers');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Bed and breakfast \(unsuitable\)/);
  });
});
