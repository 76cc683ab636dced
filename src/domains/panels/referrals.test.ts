import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { userId } from '../people/fixtures.test-support.ts';
import { agencyOf, CHRIS, createPanel, earlyHelpChild, KIT, masgReferral, MORGAN, PAT, redirectedId, refer } from './fixtures.test-support.ts';

describe('referring a child to a panel', () => {
  let t: TestApp;
  let chris: TestClient;
  let kit: TestClient;
  let masg = '';
  let unbornPanel = '';
  let metHub = '';

  before(async () => {
    t = await testApp({ children: 10 });
    chris = await t.signedIn(CHRIS);
    kit = await t.signedIn(KIT);
    masg = await createPanel(t, chris, { name: 'Test North MASG', kind: 'masg', locality: 'north_west_rural' });
    unbornPanel = await createPanel(t, chris, { name: 'Test Unborn Baby Panel', kind: 'unborn_baby' });
    metHub = await createPanel(t, chris, { name: 'Test MET hub', kind: 'met_hub' });
  });
  after(() => t?.close());

  it('refers a child: the chair’s agency becomes involved, the chronology says so, and the referral page shows it', async () => {
    const child = await earlyHelpChild(t, 'Rowan');
    const form = await kit.get(`/people/${child}/panel-referrals/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Test North MASG/);
    assert.match(form.body, /Suggested for this child/, 'the MASG for the child’s locality is suggested');
    const details = await kit.get(`/people/${child}/panel-referrals/new?panelId=${masg}`);
    assert.match(details.body, /Contact not meeting the social care threshold/);
    assert.match(details.body, /Challenging behaviour/);

    const id = redirectedId(await refer(kit, child, masgReferral(masg)), '/panels/referrals');
    const referral = await t.db.selectFrom('panel_referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(referral.status, 'awaiting');
    assert.deepEqual(referral.presenting_issues, ['challenging_behaviour', 'housing']);
    assert.equal(referral.referring_agency_id, await agencyOf(t, KIT));
    const involvement = await t.db.selectFrom('involvements').selectAll().where('source_type', '=', 'panel_referral').where('source_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(involvement.basis, 'panel');
    assert.equal(involvement.agency_id, await agencyOf(t, CHRIS));
    assert.equal(involvement.end_date, null);
    const entry = await t.db.selectFrom('chronology').selectAll().where('person_id', '=', child).where('entry_type', '=', 'panel.referred').executeTakeFirstOrThrow();
    assert.match(entry.summary, /Referred to Test North MASG/);

    const page = await kit.get(`/panels/referrals/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Awaiting first discussion/);
    assert.match(page.body, /CAF: an existing early help case/);
  });

  it('creates one referral when the form is sent twice, and refuses a second open referral to the same panel', async () => {
    const child = await earlyHelpChild(t, 'Sorrel');
    const form = masgReferral(masg);
    const first = redirectedId(await refer(kit, child, form), '/panels/referrals');
    const again = redirectedId(await refer(kit, child, form), '/panels/referrals');
    assert.equal(again, first);
    const count = await t.db.selectFrom('panel_referrals').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', child).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    const second = await refer(kit, child, masgReferral(masg));
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /already referred to Test North MASG/);
  });

  it('explains every missing answer and keeps what was entered', async () => {
    const child = await earlyHelpChild(t, 'Tamsin');
    const response = await refer(kit, child, masgReferral(masg, { route: '', presentingIssues: [], reason: '', earlyHelpCaseId: 'not-a-case' }));
    assert.equal(response.statusCode, 400);
    for (const message of ['Select an answer to', 'Select at least one of the presenting issues', 'Enter what the panel is asked to help with', 'The early help case reference is not recognised']) {
      assert.ok(response.body.includes(message), message);
    }
    assert.match(response.body, /value="not-a-case"/);
    const unknownCase = await refer(kit, child, masgReferral(masg, { earlyHelpCaseId: randomUUID() }));
    assert.equal(unknownCase.statusCode, 400);
    assert.match(unknownCase.body, /There is no early help case with this reference for this child/);
    const noPanel = await refer(kit, child, masgReferral(randomUUID()));
    assert.equal(noPanel.statusCode, 400);
    assert.match(noPanel.body, /Select a panel/);
  });

  it('links the child’s early help case, and refuses another child’s', async () => {
    const child = await earlyHelpChild(t, 'Marlow');
    const other = await earlyHelpChild(t, 'Piper');
    // A case as the early help service would open it (written directly: its forms are tested there).
    const kase = await t.db.insertInto('early_help_cases').values({ person_id: child, source: 'direct', locality: 'north_west_rural', opened_on: ukToday() }).returning('id').executeTakeFirstOrThrow();
    const form = await kit.get(`/people/${child}/panel-referrals/new?panelId=${masg}&earlyHelpCaseId=${kase.id}`);
    assert.match(form.body, new RegExp(`value="${kase.id}"`), 'the case travels from the link into the form');
    const wrongChild = await refer(kit, other, masgReferral(masg, { earlyHelpCaseId: kase.id }));
    assert.equal(wrongChild.statusCode, 400);
    assert.match(wrongChild.body, /There is no early help case with this reference for this child/);
    const id = redirectedId(await refer(kit, child, masgReferral(masg, { earlyHelpCaseId: kase.id })), '/panels/referrals');
    assert.equal((await t.db.selectFrom('panel_referrals').select('early_help_case_id').where('id', '=', id).executeTakeFirstOrThrow()).early_help_case_id, kase.id);
    assert.match((await kit.get(`/panels/referrals/${id}`)).body, new RegExp(`href="/early-help/cases/${kase.id}"`));
  });

  it('the Unborn Baby Panel takes only unborn children, and other panels only children already born', async () => {
    const born = await earlyHelpChild(t, 'Bryony');
    const refused = await refer(kit, born, { ...masgReferral(unbornPanel), route: 'midwife', presentingIssues: ['domestic_abuse'] });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /plans for babies before they are born/);
    const early = await kit.get(`/people/${born}/panel-referrals/new?panelId=${unbornPanel}`);
    assert.equal(early.statusCode, 400, 'choosing the panel already says so');

    const unborn = await earlyHelpChild(t, 'Unborn', { personType: 'unborn' });
    const toMet = await refer(kit, unborn, { ...masgReferral(metHub), route: 'police', presentingIssues: ['missing'] });
    assert.equal(toMet.statusCode, 400);
    assert.match(toMet.body, /works with children already born/);
    const id = redirectedId(await refer(kit, unborn, { ...masgReferral(unbornPanel), route: 'midwife', presentingIssues: ['substance_misuse', 'previous_children_removed'] }), '/panels/referrals');
    const page = await chris.get(`/panels/referrals/${id}`);
    assert.match(page.body, /Expected date of delivery/);
    assert.match(page.body, /weeks to go/);
  });

  it('refuses a partner who is not involved with the child, on the form and on the referral', async () => {
    const child = await earlyHelpChild(t, 'Linnea');
    const id = redirectedId(await refer(kit, child, masgReferral(masg)), '/panels/referrals');
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/people/${child}/panel-referrals/new`)).statusCode, 403);
    assert.equal((await refer(pat, child, masgReferral(masg))).statusCode, 403);
    assert.equal((await pat.get(`/panels/referrals/${id}`)).statusCode, 403);
    assert.equal((await pat.get('/panels')).statusCode, 403, 'a school does not see the panels themselves');
    assert.equal((await pat.get(`/panels/referrals/${randomUUID()}`)).statusCode, 404);

    // Once the school is involved it may read the referral, but not run the panel.
    await t.db.insertInto('involvements').values({ person_id: child, agency_id: await agencyOf(t, PAT), basis: 'consent', detail: 'test' }).execute();
    assert.equal((await pat.get(`/panels/referrals/${id}`)).statusCode, 200);
    assert.equal((await pat.get(`/panels/referrals/${id}/close`)).statusCode, 403);
  });

  it('closing a referral records the outcome and ends the chair’s involvement', async () => {
    const child = await earlyHelpChild(t, 'Wilder');
    const id = redirectedId(await refer(kit, child, masgReferral(masg)), '/panels/referrals');
    assert.equal((await kit.post(`/panels/referrals/${id}/close`, { outcome: 'needs_met', version: '1' })).statusCode, 403, 'only the panel closes it');
    const missing = await chris.post(`/panels/referrals/${id}/close`, { outcome: '', version: '1' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select the outcome/);
    const stale = await chris.post(`/panels/referrals/${id}/close`, { outcome: 'moved_away', version: '7', note: 'Moved to another county' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed by someone else/);
    assert.match(stale.body, /Moved to another county/, 'what was typed is shown again');

    const closed = await chris.post(`/panels/referrals/${id}/close`, { outcome: 'moved_away', version: '1', note: 'Moved to another county' });
    assert.equal(closed.statusCode, 303);
    const referral = await t.db.selectFrom('panel_referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(referral.status, 'closed');
    assert.equal(referral.outcome, 'moved_away');
    assert.equal(referral.closed_on, ukToday());
    const involvement = await t.db.selectFrom('involvements').selectAll().where('source_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(involvement.end_date, ukToday(), 'the involvement ends at the end of today');
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'panel.referral_closed').executeTakeFirst());
    const again = await chris.post(`/panels/referrals/${id}/close`, { outcome: 'needs_met', version: '2' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already closed/);
  });

  it('a new chair from another agency takes over the involvement with every child before the panel', async () => {
    const child = await earlyHelpChild(t, 'Fenn');
    const id = redirectedId(await refer(kit, child, masgReferral(metHub, { route: 'school', presentingIssues: ['cce'] })), '/panels/referrals');
    const morgan = await t.signedIn(MORGAN);
    const panel = await t.db.selectFrom('panels').select('version').where('id', '=', metHub).executeTakeFirstOrThrow();
    const response = await morgan.post(`/panels/${metHub}/edit`, {
      name: 'Test MET hub', locality: '', chairId: await userId(t.db, MORGAN), meetsEveryDays: '28', active: 'yes', version: String(panel.version),
    });
    assert.equal(response.statusCode, 303, response.body.slice(0, 1000));
    const involvements = await t.db.selectFrom('involvements').selectAll().where('source_id', '=', id).orderBy('created_at').execute();
    assert.equal(involvements.length, 2);
    assert.equal(involvements[0]!.end_date, ukToday());
    assert.equal(involvements[1]!.agency_id, await agencyOf(t, MORGAN));
    assert.equal(involvements[1]!.end_date, null);
    const stale = await morgan.post(`/panels/${metHub}/edit`, { name: 'Renamed', locality: '', chairId: await userId(t.db, MORGAN), meetsEveryDays: '28', active: 'yes', version: String(panel.version) });
    assert.equal(stale.statusCode, 409);
  });

  it('sets up panels: a MASG needs its locality, names are unique, and only chairs and managers may', async () => {
    const missing = await chris.post('/panels/new', { name: 'Another MASG', kind: 'masg', locality: '', chairId: await userId(t.db, CHRIS), meetsEveryDays: '0', idempotencyKey: randomUUID() });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select the locality the MASG serves/);
    assert.match(missing.body, /enter between 1 and 365 days/);
    const taken = await chris.post('/panels/new', { name: 'test north masg', kind: 'masg', locality: 'south', chairId: await userId(t.db, CHRIS), meetsEveryDays: '14', idempotencyKey: randomUUID() });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /already a panel with this name/);
    const notAChair = await chris.post('/panels/new', { name: 'Chaired by a practitioner', kind: 'met_hub', chairId: await userId(t.db, KIT), meetsEveryDays: '14', idempotencyKey: randomUUID() });
    assert.equal(notAChair.statusCode, 400);
    assert.match(notAChair.body, /Select a chair from the list/);
    assert.equal((await kit.get('/panels/new')).statusCode, 403);
    const list = await kit.get('/panels');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Test North MASG/);
  });
});
