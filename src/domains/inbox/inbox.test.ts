import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';

const userId = async (t: TestApp, email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('work inbox', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 60 });
  });
  after(() => t?.close());

  it('lists the front door’s contacts awaiting a decision for a social care practitioner, overdue first', async () => {
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const page = await sam.get('/work');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Your work<\/h1>/);
    assert.match(page.body, /Unallocated contact|Threshold decision due/);
    const overdue = page.body.indexOf('Overdue (');
    const comingUp = page.body.indexOf('Coming up (');
    if (overdue !== -1 && comingUp !== -1) assert.ok(overdue < comingUp, 'overdue work is listed before work coming up');
  });

  it('shows an early help lead professional their reviews and plan actions', async () => {
    const kit = await t.signedIn('kit.ellery@cairn.example');
    const page = await kit.get('/work');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Early help review (overdue|due)/);
  });

  it('counts the user’s overdue work beside “Your work” on every page', async () => {
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const page = await sam.get('/people');
    assert.match(page.body, /Your work \((\d+ overdue|\d+)\)/);
  });

  it('becomes overdue from the clock alone: a check requested weeks ago, never marked, is overdue today', async () => {
    const requested = new Date('2026-01-05T10:00:00Z');
    const contact = await t.db.selectFrom('contacts').select('id').orderBy('id').executeTakeFirstOrThrow();
    const health = await t.db.selectFrom('agencies').select('id').where('kind', '=', 'health').executeTakeFirstOrThrow();
    const requester = await userId(t, 'sam.rowe@cairn.example');
    await t.db
      .insertInto('contact_checks')
      .values({ contact_id: contact.id, agency_id: health.id, question: 'Known to health visiting?', requested_by: requester, requested_at: requested })
      .execute();
    const jo = await t.signedIn('jo.nyland@cairn.example');
    const page = await jo.get('/work');
    assert.match(page.body, /Overdue \(\d+\)/);
    assert.match(page.body, /Multi-agency check requested/);
  });

  it('shows a manager their team’s work with whose it is', async () => {
    const morgan = await t.signedIn('morgan.hale@cairn.example');
    const page = await morgan.get('/work?scope=team');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your team’s work/);
    assert.match(page.body, /<th scope="col" class="govuk-table__header">Whose<\/th>/);
  });

  it('gives a practitioner their own work only, even when asking for the team’s', async () => {
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const page = await sam.get('/work?scope=team');
    assert.match(page.body, /<h1 class="govuk-heading-l">Your work<\/h1>/);
    assert.doesNotMatch(page.body, />Whose</);
  });

  it('hides the name of a child the user may not see, and keeps the work', async () => {
    // A panel action owned by the school on a child the school has no involvement with.
    const school = await t.db.selectFrom('agencies').select('id').where('kind', '=', 'education').executeTakeFirstOrThrow();
    const child = await t.db
      .selectFrom('people')
      .select(['id', 'given_name', 'family_name'])
      .where('person_type', '=', 'child')
      .where('restricted', '=', false)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('involvements').select('id').whereRef('involvements.person_id', '=', 'people.id').where('agency_id', '=', school.id))),
      )
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const panel = await t.db.selectFrom('panels').select('id').orderBy('name').executeTakeFirstOrThrow();
    const pat = await userId(t, 'pat.quinn@cairn.example');
    const referral = await t.db
      .insertInto('panel_referrals')
      .values({ panel_id: panel.id, person_id: child.id, route: 'caf', reason: 'Inbox test', referred_on: '2026-01-05', referred_by: pat, referring_agency_id: school.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('panel_actions').values({ referral_id: referral.id, action: 'Share attendance figures', owner_id: pat, due_on: '2026-01-09' }).execute();

    const page = await (await t.signedIn('pat.quinn@cairn.example')).get('/work');
    assert.match(page.body, /Share attendance figures/);
    assert.match(page.body, /A child you cannot see/);
    assert.ok(!page.body.includes(`${child.given_name} ${child.family_name}`));
  });

  it('is refused to roles that work with figures only', async () => {
    const analyst = await t.signedIn('alex.brent@cairn.example');
    assert.equal((await analyst.get('/work')).statusCode, 403);
  });
});
