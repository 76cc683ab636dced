import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import { agencyOf, ALEX, caseIdFrom, caseVersion, childSharedWith, JO, KIT, openCase, PAT, SAM, userIdOf } from './fixtures.test-support.ts';
import { openCaseFromDecision } from './service.ts';

describe('early help cases: opening, stepping down, allocating, listing', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const involvementsOf = (personId: string) =>
    t.db.selectFrom('involvements').select(['agency_id', 'basis', 'source_type', 'source_id', 'end_date']).where('person_id', '=', personId).where('basis', '=', 'early_help').execute();

  it('lets an agency that can see the child start a case, lead it, and become involved through it', async () => {
    const child = await childSharedWith(t.db, ['education']);
    const pat = await t.signedIn(PAT);
    const form = await pat.get(`/people/${child}/early-help/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="south" checked/, 'the locality comes from the child’s address');
    const caseId = await openCase(pat, child);
    const row = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.source, 'direct');
    assert.equal(row.lead_professional_id, await userIdOf(t.db, PAT));
    assert.equal(row.lead_agency_id, await agencyOf(t.db, 'education'));
    assert.equal(row.locality, 'south');
    const involved = await involvementsOf(child);
    assert.deepEqual(new Set(involved.map((i) => i.agency_id)), new Set([await agencyOf(t.db, 'education'), await agencyOf(t.db, 'early_help')]));
    assert.ok(involved.every((i) => i.source_type === 'early_help_case' && i.source_id === caseId));
    const chronology = await t.db.selectFrom('chronology').select(['entry_type', 'summary']).where('person_id', '=', child).where('entry_type', '=', 'early_help.opened').execute();
    assert.equal(chronology.length, 1);
    assert.match(chronology[0]!.summary, /Pat Quinn as lead professional/);
    const page = await pat.get(`/early-help/cases/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Assessment in progress/);
  });

  it('creates one case per submission, and sends a second start to the open case', async () => {
    const child = await childSharedWith(t.db, ['education']);
    const pat = await t.signedIn(PAT);
    const key = uuidv7();
    const first = caseIdFrom(await pat.post(`/people/${child}/early-help/new`, { locality: 'south', lead: 'no', idempotencyKey: key }));
    const again = caseIdFrom(await pat.post(`/people/${child}/early-help/new`, { locality: 'south', lead: 'no', idempotencyKey: key }));
    assert.equal(again, first);
    const another = await pat.post(`/people/${child}/early-help/new`, { locality: 'south', lead: 'no', idempotencyKey: uuidv7() });
    assert.equal(another.statusCode, 409);
    assert.match(another.body, /already has an open early help case/);
    assert.match(another.body, new RegExp(`/early-help/cases/${first}`));
    assert.equal((await t.db.selectFrom('early_help_cases').select('id').where('person_id', '=', child).execute()).length, 1);
    const row = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', first).executeTakeFirstOrThrow();
    assert.equal(row.lead_professional_id, null, 'awaiting allocation when the opener does not lead');
  });

  it('explains what is missing, keeping what was entered', async () => {
    const child = await childSharedWith(t.db, ['education']);
    const pat = await t.signedIn(PAT);
    const response = await pat.post(`/people/${child}/early-help/new`, { locality: 'central_east', idempotencyKey: uuidv7() });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Select whether you will be the lead professional/);
    assert.match(response.body, /value="central_east" checked/);
  });

  it('refuses a partner whose agency is not involved with the child, and roles that work with figures', async () => {
    const child = await childSharedWith(t.db, []);
    const jo = await t.signedIn(JO);
    assert.equal((await jo.get(`/people/${child}/early-help/new`)).statusCode, 403);
    assert.equal((await jo.post(`/people/${child}/early-help/new`, { locality: 'south', lead: 'yes', idempotencyKey: uuidv7() })).statusCode, 403);
    const sam = await t.signedIn(SAM);
    const caseId = await openCase(sam, child, 'no');
    assert.equal((await jo.get(`/early-help/cases/${caseId}`)).statusCode, 403, 'a partner not involved cannot see the case');
    assert.equal((await jo.get(`/early-help/cases/${randomUUID()}`)).statusCode, 404);
    const alex = await t.signedIn(ALEX);
    assert.equal((await alex.get('/early-help')).statusCode, 403);
    assert.equal((await alex.get(`/early-help/cases/${caseId}`)).statusCode, 403);
  });

  it('opens a case awaiting allocation from a front door decision, once per contact', async () => {
    const child = await childSharedWith(t.db, []);
    const sam = await userIdOf(t.db, SAM);
    const ctx = { db: t.db, actor: (await loadCurrentUser(t.db, sam))!, requestId: 'test' };
    const contact = async () =>
      (
        await t.db
          .insertInto('contacts')
          .values({ received_at: new Date(), decision_due: '2026-11-24', source: 'school', referrer_name: 'Test', made_by_agency_id: await agencyOf(t.db, 'education'), reason: 'Test', consent: 'given', urgency: 'standard' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const first = await contact();
    const caseId = await t.db.transaction().execute((trx) => openCaseFromDecision(trx, { ...ctx, db: trx }, { personId: child, contactId: first, summary: 'Needs below threshold' }));
    const again = await t.db.transaction().execute((trx) => openCaseFromDecision(trx, { ...ctx, db: trx }, { personId: child, contactId: first, summary: 'again' }));
    assert.equal(again, caseId);
    const row = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.source, 'front_door');
    assert.equal(row.contact_id, first);
    assert.equal(row.lead_professional_id, null);
    assert.deepEqual((await involvementsOf(child)).map((i) => i.agency_id), [await agencyOf(t.db, 'early_help')]);

    // Kit (early help) can now see the child, and allocates Jo from health, who is told.
    const kit = await t.signedIn(KIT);
    const list = await kit.get('/early-help?filter=awaiting_allocation');
    assert.match(list.body, new RegExp(`/early-help/cases/${caseId}`));
    const jo = await userIdOf(t.db, JO);
    const stale = await kit.post(`/early-help/cases/${caseId}/allocate`, { leadId: jo, version: String(row.version + 5) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed by someone else/);
    const allocated = await kit.post(`/early-help/cases/${caseId}/allocate`, { leadId: jo, version: String(row.version) });
    assert.equal(allocated.statusCode, 303, allocated.body.slice(0, 2000));
    const after = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(after.lead_professional_id, jo);
    assert.equal(after.lead_agency_id, await agencyOf(t.db, 'health'));
    assert.ok((await involvementsOf(child)).some((i) => i.agency_id === after.lead_agency_id));
    assert.ok(await t.db.selectFrom('alerts').select('id').where('user_id', '=', jo).where('kind', '=', 'early_help.allocated').executeTakeFirst());
    const joClient = await t.signedIn(JO);
    assert.equal((await joClient.get(`/early-help/cases/${caseId}`)).statusCode, 200, 'the lead’s agency can now see the child');
    assert.match((await joClient.get('/early-help')).body, new RegExp(`/early-help/cases/${caseId}`), 'Jo sees it among the cases she works on');

    // A second contact decided as early help joins the open case and tells its lead.
    const second = await contact();
    assert.equal(await t.db.transaction().execute((trx) => openCaseFromDecision(trx, { ...ctx, db: trx }, { personId: child, contactId: second, summary: '' })), caseId);
    assert.ok(await t.db.selectFrom('alerts').select('id').where('user_id', '=', jo).where('kind', '=', 'early_help.contact_decided').executeTakeFirst());
  });

  it('refuses allocation to anyone but early help staff, and a lead who does not work with children', async () => {
    const child = await childSharedWith(t.db, ['education']);
    const pat = await t.signedIn(PAT);
    const caseId = await openCase(pat, child, 'no');
    const version = String(await caseVersion(t.db, caseId));
    assert.equal((await pat.get(`/early-help/cases/${caseId}/allocate`)).statusCode, 403);
    assert.equal((await pat.post(`/early-help/cases/${caseId}/allocate`, { leadId: await userIdOf(t.db, PAT), version })).statusCode, 403);
    const kit = await t.signedIn(KIT);
    const analyst = await kit.post(`/early-help/cases/${caseId}/allocate`, { leadId: await userIdOf(t.db, ALEX), version });
    assert.equal(analyst.statusCode, 400);
    assert.match(analyst.body, /Select a lead professional from the list/);
    assert.equal((await kit.post(`/early-help/cases/${caseId}/allocate`, { leadId: 'nobody', version })).statusCode, 400);
  });

  it('receives a step down from social care with the assessment summary travelling to the case', async () => {
    const child = await childSharedWith(t.db, ['education']);
    const pat = await t.signedIn(PAT);
    assert.equal((await pat.get(`/people/${child}/step-down`)).statusCode, 403, 'only social care steps down');
    const sam = await t.signedIn(SAM);
    assert.equal((await sam.get(`/people/${child}/step-down`)).statusCode, 200);
    const missing = await sam.post(`/people/${child}/step-down`, { reason: 'cin_plan_ended', summary: '  ', suggestedAgencyId: '', idempotencyKey: uuidv7() });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter the summary of the social care assessment/);
    const school = await agencyOf(t.db, 'education');
    const caseId = caseIdFrom(
      await sam.post(`/people/${child}/step-down`, { reason: 'assessment_below_threshold', summary: 'Assessment found parenting capacity good enough with support.', suggestedAgencyId: school, idempotencyKey: uuidv7() }),
    );
    const row = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.source, 'step_down');
    assert.equal(row.step_down_summary, 'Assessment found parenting capacity good enough with support.');
    assert.equal(row.lead_professional_id, null);
    assert.equal(row.lead_agency_id, school);
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'early_help.stepped_down').executeTakeFirst());
    const kit = await t.signedIn(KIT);
    const page = await kit.get(`/early-help/cases/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Assessment found parenting capacity good enough with support\./);
    assert.match(page.body, /Awaiting allocation/);
  });

  it('never shows early help staff the name of a child whose record they may not open', async () => {
    const child = await childSharedWith(t.db, []);
    const sam = await t.signedIn(SAM);
    const caseId = await openCase(sam, child, 'no');
    const name = (await t.db.selectFrom('people').select('given_name').where('id', '=', child).executeTakeFirstOrThrow()).given_name;
    const kit = await t.signedIn(KIT);
    assert.match((await kit.get('/early-help?filter=awaiting_allocation')).body, new RegExp(name));
    await t.db.updateTable('people').set({ restricted: true }).where('id', '=', child).execute();
    const list = await kit.get('/early-help?filter=awaiting_allocation');
    assert.doesNotMatch(list.body, new RegExp(name));
    assert.match(list.body, /A child whose record you cannot open/);
    assert.doesNotMatch(list.body, new RegExp(`/early-help/cases/${caseId}`));
  });
});
