import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { dateBoxes, IRIS, PAT, referredChild, ROB } from '../child-protection/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';

const today = ukToday();
const keyOf = (body: string) => /name="idempotencyKey" value="([^"]+)"/.exec(body)![1]!;
const documentIdOf = (r: { headers: Record<string, unknown> }) => /\/documents\/([0-9a-f-]{36})\?added=1$/.exec(String(r.headers.location))![1]!;

/** A child with a parent (with an address) and a step-parent, an upcoming conference, a plan and two decided contacts. */
async function family(t: TestApp) {
  const child = await referredChild(t.db);
  const parent = await insertTestPerson(t.db, { givenName: 'Dana<script>alert(1)</script>', familyName: 'Letterfixture', personType: 'adult', dateOfBirth: '1990-02-02' });
  const stepParent = await insertTestPerson(t.db, { givenName: 'Lee', familyName: 'Letterfixture', personType: 'adult', dateOfBirth: '1988-02-02' });
  await t.db.insertInto('person_addresses').values({ person_id: parent, line1: '4 Heron Walk', town: 'Brackenford', postcode: 'BR2 4HW', postcode_key: 'BR24HW', start_date: '2020-01-01' }).execute();
  await t.db.insertInto('relationships').values([
    { person_id: parent, related_person_id: child.personId, kind: 'parent' },
    { person_id: child.personId, related_person_id: stepParent, kind: 'step_child' },
  ]).execute();
  const conference = await t.db.insertInto('cp_conferences').values({ episode_id: child.episodeId, person_id: child.personId, kind: 'initial', due_date: addCalendarDays(today, 9) }).returning('id').executeTakeFirstOrThrow();
  const plan = await t.db.insertInto('cp_plans').values({ episode_id: child.episodeId, person_id: child.personId, start_date: addCalendarDays(today, -20), initial_category: 'MUL', categories: ['NEG', 'EMO'] }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('cp_conferences').values({ episode_id: child.episodeId, person_id: child.personId, kind: 'review', plan_id: plan.id, due_date: addCalendarDays(today, 70) }).execute();
  await t.db.insertInto('core_groups').values({ plan_id: plan.id, person_id: child.personId, due_date: addCalendarDays(today, 12) }).execute();
  const agency = (await t.db.selectFrom('agencies').select('id').where('kind', '=', 'education').executeTakeFirstOrThrow()).id;
  const contact = async (outcome: 'early_help' | 'strategy_discussion') => {
    const row = await t.db
      .insertInto('contacts')
      .values({ received_at: new Date(`${addCalendarDays(today, -10)}T10:00:00Z`), decision_due: today, source: 'school', referrer_name: 'Secret Referrer', made_by_agency_id: agency, reason: 'Test reason', consent: 'given', urgency: 'standard', status: 'decided', decision_level: 3, decision_outcome: outcome, decided_at: new Date(`${addCalendarDays(today, -9)}T10:00:00Z`) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('contact_people').values({ contact_id: row.id, person_id: child.personId, role: 'child', relationship: null }).execute();
    return row.id;
  };
  return { child: child.personId, parent, stepParent, conference: conference.id, plan: plan.id, earlyHelp: await contact('early_help'), strategy: await contact('strategy_discussion') };
}

describe('letters from the record', () => {
  let t: TestApp;
  let rob: TestClient;
  let f: Awaited<ReturnType<typeof family>>;
  const meeting = addCalendarDays(today, 8);
  const invitationForm = (key: string, extra: Record<string, string> = {}) => ({
    idempotencyKey: key, recipientId: f.parent, ...dateBoxes('meetingDate', meeting), meetingTime: '14:30', place: 'Room 2, Civic Centre\nMarket Street', note: 'Ring me <b>first</b> if you need a lift.', ...extra,
  });

  before(async () => {
    t = await testApp({ children: 5 });
    f = await family(t);
    rob = await t.signedIn(ROB);
  });
  after(() => t.close());

  it('lists only the letters the record can fill, and the strategy discussion as not sent by letter', async () => {
    const page = await rob.get(`/people/${f.child}/letters`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`/letters/conference-invitation/${f.conference}`));
    assert.match(page.body, new RegExp(`/letters/family-plan/${f.plan}`));
    assert.match(page.body, new RegExp(`/letters/contact-outcome/${f.earlyHelp}`));
    assert.doesNotMatch(page.body, new RegExp(`/letters/contact-outcome/${f.strategy}`));
    assert.match(page.body, /Not sent by letter/);
    // The review conference of the plan is upcoming too.
    assert.equal((page.body.match(/Write an invitation/g) ?? []).length, 2);
    const record = await rob.get(`/people/${f.child}`);
    assert.match(record.body, new RegExp(`href="/people/${f.child}/letters"`));
  });

  it('offers the parents and carers, escaped, and starts the date at the conference’s due date', async () => {
    const form = await rob.get(`/people/${f.child}/letters/conference-invitation/${f.conference}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Dana&lt;script&gt;alert\(1\)&lt;\/script&gt; Letterfixture \(parent\)/);
    assert.match(form.body, /Lee Letterfixture \(step-parent\)/);
    assert.match(form.body, /4 Heron Walk, Brackenford, BR2 4HW/);
    assert.doesNotMatch(form.body, /<script>alert/);
    const due = addCalendarDays(today, 9);
    assert.match(form.body, new RegExp(`name="meetingDate-day"[^>]*value="${Number(due.slice(8))}"`));
  });

  it('re-displays the form with an error summary and what was typed kept', async () => {
    const key = keyOf((await rob.get(`/people/${f.child}/letters/conference-invitation/${f.conference}`)).body);
    const response = await rob.post(`/people/${f.child}/letters/conference-invitation/${f.conference}`, invitationForm(key, { recipientId: '', meetingTime: '25:00', place: '', ...dateBoxes('meetingDate', addCalendarDays(today, -1)) }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /govuk-error-summary/);
    const summary = response.body.slice(response.body.indexOf('govuk-error-summary'), response.body.indexOf('</ul>', response.body.indexOf('govuk-error-summary')));
    const order = ['Select who the letter is to', 'The date of the conference must be today or later', 'Enter the time the conference starts, like', 'Enter where the conference will be held'].map((m) => summary.indexOf(m));
    assert.ok(order.every((i) => i >= 0), summary);
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'the summary follows the page order');
    assert.match(response.body, /Ring me &lt;b&gt;first&lt;\/b&gt; if you need a lift\./);
    assert.match(response.body, /value="25:00"/);
    assert.match(response.body, new RegExp(`value="${key}"`));
    assert.equal(await letterCount(t, f.child), 0);
  });

  it('refuses a recipient who is not the child’s parent or carer', async () => {
    const stranger = await insertTestPerson(t.db, { givenName: 'Stranger', familyName: 'Letterfixture', personType: 'adult', dateOfBirth: '1970-01-01' });
    const response = await rob.post(`/people/${f.child}/letters/conference-invitation/${f.conference}`, invitationForm(keyOf((await rob.get(`/people/${f.child}/letters/conference-invitation/${f.conference}`)).body), { recipientId: stranger }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Select who the letter is to/);
  });

  it('reviews the invitation exactly as it will print, then creates one PDF document however often it is submitted', async () => {
    const key = keyOf((await rob.get(`/people/${f.child}/letters/conference-invitation/${f.conference}`)).body);
    const review = await rob.post(`/people/${f.child}/letters/conference-invitation/${f.conference}`, invitationForm(key));
    assert.equal(review.statusCode, 200, review.body.slice(0, 400));
    assert.match(review.body, /href="\/assets\/letter.css"/);
    assert.match(review.body, /You are invited to a meeting about Ash\d+/);
    assert.match(review.body, new RegExp(`Dear Dana&lt;script&gt;alert\\(1\\)&lt;/script&gt; Letterfixture,`));
    assert.match(review.body, new RegExp(`<strong>Date:</strong> ${formatDate(meeting)}`));
    assert.match(review.body, /<strong>Time:<\/strong> 2:30pm/);
    assert.match(review.body, /Room 2, Civic Centre\nMarket Street/);
    assert.match(review.body, /Ring me &lt;b&gt;first&lt;\/b&gt;/);
    assert.match(review.body, /Brackenshire Council/);
    assert.match(review.body, /Rob Delaney<br>Social worker/);
    assert.doesNotMatch(review.body, /undefined|\bnull\b|<script>alert/);

    const create = { ...invitationForm(key), step: 'create' };
    const [first, second] = [await rob.post(`/people/${f.child}/letters/conference-invitation/${f.conference}`, create), await rob.post(`/people/${f.child}/letters/conference-invitation/${f.conference}`, create)];
    assert.equal(first.statusCode, 303, first.body.slice(0, 400));
    assert.equal(documentIdOf(first), documentIdOf(second));
    assert.equal(await letterCount(t, f.child), 1);
    const id = documentIdOf(first);
    const document = await t.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(document.document_type, 'letter');
    assert.equal(document.title, `Invitation to a child protection conference — ${formatDate(meeting)}`);
    assert.equal(document.person_id, f.child);
    const version = await t.db.selectFrom('document_versions').selectAll().where('document_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(version.content_type, 'application/pdf');
    assert.equal(version.file_name, 'conference-invitation.pdf');
    const blob = await t.db.selectFrom('document_blobs').select('bytes').where('key', '=', version.storage_key).executeTakeFirstOrThrow();
    assert.equal(Buffer.from(blob.bytes).subarray(0, 5).toString(), '%PDF-');

    const chronology = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', f.child).where('record_type', '=', 'document').execute();
    assert.deepEqual(chronology.map((c) => c.summary), ['Document added: Letter']);
    const audit = await t.db.selectFrom('access_audit').select(['action', 'outcome']).where('person_id', '=', f.child).where('action', '=', 'document.upload').execute();
    assert.deepEqual(audit, [{ action: 'document.upload', outcome: 'allowed' }]);

    const shown = await rob.get(String(first.headers.location));
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Invitation to a child protection conference/);
  });

  it('writes the plan for the family from its categories, core group and review dates', async () => {
    const form = await rob.get(`/people/${f.child}/letters/family-plan/${f.plan}`);
    assert.equal(form.statusCode, 200);
    const base = { idempotencyKey: keyOf(form.body), recipientId: f.stepParent, moreWorries: '', changes: '', tasks: 'Lee: take Ash to the dentist by March.', note: '' };
    const missing = await rob.post(`/people/${f.child}/letters/family-plan/${f.plan}`, base);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter what needs to happen/);
    assert.match(missing.body, /Lee: take Ash to the dentist by March\./);
    const review = await rob.post(`/people/${f.child}/letters/family-plan/${f.plan}`, { ...base, changes: 'The home needs to be warm and there must be food every day.' });
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /neglect: that Ash\d+ is not always getting/);
    assert.match(review.body, /emotional harm:/);
    assert.match(review.body, new RegExp(`The core group will meet on or before ${formatDate(addCalendarDays(today, 12))}`));
    assert.match(review.body, new RegExp(`A review conference will be held on or before ${formatDate(addCalendarDays(today, 70))}`));
    assert.doesNotMatch(review.body, /undefined|\bnull\b/);
    const created = await rob.post(`/people/${f.child}/letters/family-plan/${f.plan}`, { ...base, changes: 'The home needs to be warm.', step: 'create' });
    assert.equal(created.statusCode, 303);
    const document = await t.db.selectFrom('documents').select('title').where('id', '=', documentIdOf(created)).executeTakeFirstOrThrow();
    assert.equal(document.title, `Child protection plan for the family — ${formatDate(today)}`);
  });

  it('writes the outcome of a contact without naming who made it, and refuses a letter after a strategy discussion', async () => {
    const review = await rob.post(`/people/${f.child}/letters/contact-outcome/${f.earlyHelp}`, { idempotencyKey: keyOf((await rob.get(`/people/${f.child}/letters/contact-outcome/${f.earlyHelp}`)).body), recipientId: f.parent, note: '' });
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /our early help service could support your family/);
    assert.match(review.body, /We cannot tell you who contacted us/);
    assert.doesNotMatch(review.body, /Secret Referrer|Test reason/);
    const refused = await rob.get(`/people/${f.child}/letters/contact-outcome/${f.strategy}`);
    assert.equal(refused.statusCode, 409);
  });

  it('lets the conference chair write an invitation; 404 for another child’s conference or an unknown letter', async () => {
    const iris = await t.signedIn(IRIS);
    assert.equal((await iris.get(`/people/${f.child}/letters/conference-invitation/${f.conference}`)).statusCode, 200);
    const other = await referredChild(t.db);
    assert.equal((await rob.get(`/people/${other.personId}/letters/conference-invitation/${f.conference}`)).statusCode, 404);
    assert.equal((await rob.get(`/people/${f.child}/letters/birthday-card/${f.conference}`)).statusCode, 404);
  });

  it('refuses a partner without social care work (403), before reading or printing anything', async () => {
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/people/${f.child}/letters`)).statusCode, 403);
    assert.equal((await pat.get(`/people/${f.child}/letters/conference-invitation/${f.conference}`)).statusCode, 403);
    const before = await letterCount(t, f.child);
    const response = await pat.post(`/people/${f.child}/letters/conference-invitation/${f.conference}`, { ...invitationForm('0192f0c0-0000-7000-8000-000000000001'), step: 'create' });
    assert.equal(response.statusCode, 403);
    assert.equal(await letterCount(t, f.child), before);
  });
});

describe('letters when printing fails', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 5, env: { CAIRN_CHROMIUM_PATH: '/nonexistent/chromium' } });
  });
  after(() => t.close());

  it('answers 503 with nothing saved and the form’s key left unused, so the same submission can be sent again', async () => {
    const f = await family(t);
    const rob = await t.signedIn(ROB);
    const form = { idempotencyKey: keyOf((await rob.get(`/people/${f.child}/letters/contact-outcome/${f.earlyHelp}`)).body), recipientId: f.parent, note: '', step: 'create' };
    const response = await rob.post(`/people/${f.child}/letters/contact-outcome/${f.earlyHelp}`, form);
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /the letter could not be made into a PDF/);
    assert.equal(await letterCount(t, f.child), 0);
    assert.equal(Number((await t.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('key', '=', form.idempotencyKey).executeTakeFirstOrThrow()).n), 0);
  });
});

async function letterCount(t: TestApp, personId: string): Promise<number> {
  const row = await t.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).where('document_type', '=', 'letter').executeTakeFirstOrThrow();
  return Number(row.n);
}
