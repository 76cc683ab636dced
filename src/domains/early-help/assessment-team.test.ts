import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { addMember, agencyOf, assessmentForm, caseVersion, childSharedWith, JO, KIT, openCase, PAT, userIdOf } from './fixtures.test-support.ts';

describe('early help assessment and Team Around the Child', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  const assessment = (caseId: string) => t.db.selectFrom('early_help_assessments').selectAll().where('case_id', '=', caseId).executeTakeFirst();

  it('shows a section for each domain of the threshold framework, with each level’s descriptor as a hint', async () => {
    const child = await childSharedWith(t.db, ['early_help']);
    const kit = await t.signedIn(KIT);
    const caseId = await openCase(kit, child);
    const { framework } = await assessmentForm(t.db);
    assert.ok(framework.domains.length >= 3, 'the threshold framework has domains');
    const page = await kit.get(`/early-help/cases/${caseId}/assessment`);
    assert.equal(page.statusCode, 200);
    for (const d of framework.domains) {
      assert.ok(page.body.includes(`name="strengths-${d.id}"`), `a strengths box for ${d.name}`);
      assert.ok(page.body.includes(`name="level-${d.id}"`), `levels for ${d.name}`);
      const descriptor = d.descriptors[3];
      if (descriptor) assert.ok(page.body.includes(descriptor.replaceAll("'", '&#39;').replaceAll('"', '&quot;').slice(0, 30)), `the level 3 descriptor for ${d.name}`);
    }
  });

  it('saves drafts with version checks, and registers only with consent, every section and a summary', async () => {
    const child = await childSharedWith(t.db, ['early_help']);
    const kit = await t.signedIn(KIT);
    const caseId = await openCase(kit, child);
    const { form, framework } = await assessmentForm(t.db);
    const [first, second] = framework.domains;

    // A first draft with almost nothing in it saves.
    const draft = { version: '0', intent: 'save', [`needs-${first!.id}`]: 'Attendance 82%' };
    assert.equal((await kit.post(`/early-help/cases/${caseId}/assessment`, draft)).statusCode, 303);
    const saved = await assessment(caseId);
    assert.equal(saved?.status, 'draft');
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'early_help.assessment_started').executeTakeFirst());
    assert.match((await kit.get(`/early-help/cases/${caseId}/assessment`)).body, /Attendance 82%/, 'the draft is shown again');

    // A second save from the same first version conflicts, and shows what was typed.
    const stale = await kit.post(`/early-help/cases/${caseId}/assessment`, { ...draft, version: '0', [`needs-${first!.id}`]: 'My unsaved words' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /My unsaved words/);
    const racing = await kit.post(`/early-help/cases/${caseId}/assessment`, { ...draft, version: String(saved!.version + 3) });
    assert.equal(racing.statusCode, 409);

    // Registering without consent, with an empty section and no summary: each problem named, nothing registered.
    const incomplete = await kit.post(`/early-help/cases/${caseId}/assessment`, {
      ...form,
      version: String(saved!.version),
      consentGiven: 'no',
      summary: '',
      [`strengths-${second!.id}`]: '',
      [`needs-${second!.id}`]: '',
    });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Record the family’s consent before registering the assessment/);
    assert.match(incomplete.body, /Enter a summary of the assessment/);
    assert.match(incomplete.body, new RegExp(`Enter the strengths or needs for ${second!.name.toLowerCase()}`));
    assert.match(incomplete.body, new RegExp(`href="#strengths-${second!.id}"`));
    const noWho = await kit.post(`/early-help/cases/${caseId}/assessment`, { ...form, version: String(saved!.version), consentBy: '', 'consentOn-day': '', 'consentOn-month': '', 'consentOn-year': '' });
    assert.equal(noWho.statusCode, 400);
    assert.match(noWho.body, /Enter who gave consent/);
    assert.match(noWho.body, /Enter the date consent was given/);
    const future = await kit.post(`/early-help/cases/${caseId}/assessment`, { ...form, version: String(saved!.version), 'consentOn-year': '2099' });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    assert.equal((await assessment(caseId))?.status, 'draft');

    // Registered: who, which agency, when; the first review is due 6 weeks later.
    const registered = await kit.post(`/early-help/cases/${caseId}/assessment`, { ...form, version: String(saved!.version) });
    assert.equal(registered.statusCode, 303, registered.body.slice(0, 2000));
    const row = await assessment(caseId);
    assert.equal(row?.status, 'registered');
    assert.equal(row?.registered_on, ukToday());
    assert.equal(row?.completed_by, await userIdOf(t.db, KIT));
    assert.equal(row?.completing_agency_id, await agencyOf(t.db, 'early_help'));
    assert.equal(row?.consent_by, 'Jane Ashgrove (mother)');
    const sections = await t.db.selectFrom('early_help_assessment_sections').selectAll().where('assessment_id', '=', row!.id).execute();
    assert.equal(sections.length, framework.domains.length);
    assert.ok(sections.every((s) => s.level === 2));
    const c = await t.db.selectFrom('early_help_cases').select('next_review_due').where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(c.next_review_due, addCalendarDays(ukToday(), 42));
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'early_help.assessment_registered').executeTakeFirst());

    // Registered is final.
    const again = await kit.post(`/early-help/cases/${caseId}/assessment`, { ...form, version: String(row!.version) });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already registered/);
    assert.equal((await kit.get(`/early-help/cases/${caseId}/assessment`)).statusCode, 303);
    const page = await kit.get(`/early-help/cases/${caseId}`);
    assert.match(page.body, /Plan active/);
    assert.match(page.body, /Registered on/);
  });

  it('gives a Team Around the Child member’s agency access to the child until they leave', async () => {
    const child = await childSharedWith(t.db, ['early_help']);
    const kit = await t.signedIn(KIT);
    const jo = await t.signedIn(JO);
    const caseId = await openCase(kit, child);
    assert.equal((await jo.get(`/people/${child}`)).statusCode, 403, 'health is not involved yet');
    assert.equal((await jo.get(`/early-help/cases/${caseId}`)).statusCode, 403);

    const form = await kit.get(`/early-help/cases/${caseId}/team/new?agencyId=${await agencyOf(t.db, 'health')}`);
    assert.match(form.body, /Jo Nyland/);
    const joId = await userIdOf(t.db, JO);
    const key = uuidv7();
    const add = { agencyId: await agencyOf(t.db, 'health'), userId: joId, role: 'Health visitor', idempotencyKey: key };
    assert.equal((await kit.post(`/early-help/cases/${caseId}/team/new`, add)).statusCode, 303);
    assert.equal((await kit.post(`/early-help/cases/${caseId}/team/new`, add)).statusCode, 303, 'a repeated submission');
    const members = await t.db.selectFrom('tac_members').selectAll().where('case_id', '=', caseId).execute();
    assert.equal(members.length, 1, 'one membership however often the form was sent');
    const involvement = await t.db.selectFrom('involvements').selectAll().where('source_type', '=', 'tac_member').where('source_id', '=', members[0]!.id).executeTakeFirstOrThrow();
    assert.equal(involvement.basis, 'team_around_child');
    assert.equal(involvement.agency_id, await agencyOf(t.db, 'health'));
    assert.ok(await t.db.selectFrom('alerts').select('id').where('user_id', '=', joId).where('kind', '=', 'early_help.tac_added').executeTakeFirst());
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'early_help.tac_joined').executeTakeFirst());

    const twice = await kit.post(`/early-help/cases/${caseId}/team/new`, { ...add, idempotencyKey: uuidv7() });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /already in the Team Around the Child/);
    const missing = await kit.post(`/early-help/cases/${caseId}/team/new`, { agencyId: add.agencyId, userId: '', role: '', idempotencyKey: uuidv7() });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select the person joining the team/);
    assert.match(missing.body, /Enter their role in the team/);

    // Jo now sees the child and works on the case.
    assert.equal((await jo.get(`/people/${child}`)).statusCode, 200);
    const page = await jo.get(`/early-help/cases/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Health visitor/);
    assert.match(page.body, /Add an outcome/, 'a member works on the case');
    assert.match((await jo.get('/early-help')).body, new RegExp(`/early-help/cases/${caseId}`));

    // Removed: exactly that involvement ends, and Jo no longer sees the child.
    assert.equal((await kit.post(`/early-help/cases/${caseId}/team/${members[0]!.id}/end`)).statusCode, 303);
    const ended = await t.db.selectFrom('involvements').select(['id', 'end_date']).where('person_id', '=', child).execute();
    assert.ok(ended.find((i) => i.id === involvement.id)?.end_date, 'the membership’s involvement ended');
    assert.equal(ended.filter((i) => i.end_date).length, 1, 'no other involvement ended');
    assert.equal((await jo.get(`/people/${child}`)).statusCode, 403);
    assert.equal((await jo.get(`/early-help/cases/${caseId}`)).statusCode, 403);
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'early_help.tac_left').executeTakeFirst());
    assert.equal((await kit.post(`/early-help/cases/${caseId}/team/${members[0]!.id}/end`)).statusCode, 303, 'ending twice changes nothing');
  });

  it('keeps access after leaving the team when the agency is involved another way', async () => {
    const child = await childSharedWith(t.db, ['early_help', 'education']);
    const kit = await t.signedIn(KIT);
    const caseId = await openCase(kit, child);
    const memberId = await addMember(kit, t.db, caseId, PAT, 'School designated safeguarding lead');
    const pat = await t.signedIn(PAT);
    const version = await caseVersion(t.db, caseId);
    assert.equal((await pat.get(`/early-help/cases/${caseId}`)).statusCode, 200);
    // Pat takes herself off the team: she is sent to her own list, and still sees the child through the school's consent.
    const left = await pat.post(`/early-help/cases/${caseId}/team/${memberId}/end`);
    assert.equal(left.headers.location, '/early-help');
    assert.equal((await pat.get(`/people/${child}`)).statusCode, 200);
    assert.equal((await pat.get(`/early-help/cases/${caseId}`)).statusCode, 200, 'she can still read the case');
    assert.doesNotMatch((await pat.get(`/early-help/cases/${caseId}`)).body, /Add an outcome/, 'but no longer works on it');
    assert.equal((await pat.get(`/early-help/cases/${caseId}/outcomes/new`)).statusCode, 403);
    assert.equal(await caseVersion(t.db, caseId), version, 'team changes do not move the case version');
  });
});
