import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { addMember, caseVersion, childSharedWith, JO, KIT, openCase, PAT, registerAssessment, SAM, userIdOf } from './fixtures.test-support.ts';

const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

describe('early help plan, reviews, closure and step up', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 10 });
  });
  after(() => t.close());

  /** A case led by Kit with a registered assessment and Jo from health in the team. */
  async function activeCase() {
    const child = await childSharedWith(t.db, ['early_help']);
    const kit = await t.signedIn(KIT);
    const caseId = await openCase(kit, child);
    await registerAssessment(kit, t.db, caseId);
    const memberId = await addMember(kit, t.db, caseId, JO, 'Health visitor');
    return { child, kit, caseId, memberId };
  }

  it('builds a plan of outcomes and actions with owners from the team, checking versions', async () => {
    const { child, kit, caseId } = await activeCase();
    assert.equal((await kit.post(`/early-help/cases/${caseId}/outcomes/new`, { outcome: '', idempotencyKey: uuidv7() })).statusCode, 400);
    const key = uuidv7();
    await kit.post(`/early-help/cases/${caseId}/outcomes/new`, { outcome: 'Robin goes to school every day', idempotencyKey: key });
    await kit.post(`/early-help/cases/${caseId}/outcomes/new`, { outcome: 'Robin goes to school every day', idempotencyKey: key });
    const outcomes = await t.db.selectFrom('early_help_outcomes').selectAll().where('case_id', '=', caseId).execute();
    assert.equal(outcomes.length, 1, 'one outcome for a repeated submission');
    const outcome = outcomes[0]!;

    const jo = await userIdOf(t.db, JO);
    const due = addCalendarDays(ukToday(), 14);
    const noDate = await kit.post(`/early-help/cases/${caseId}/actions/new`, { outcomeId: outcome.id, action: 'Morning routine chart', ownerId: jo, idempotencyKey: uuidv7() });
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /Enter the date it is due by/);
    assert.match(noDate.body, /Morning routine chart/, 'what was typed is kept');
    const outsider = await kit.post(`/early-help/cases/${caseId}/actions/new`, { outcomeId: outcome.id, action: 'Chart', ownerId: await userIdOf(t.db, PAT), idempotencyKey: uuidv7(), ...dateFields('dueOn', due) });
    assert.equal(outsider.statusCode, 400);
    assert.match(outsider.body, /Select who will do it from the lead professional and the Team Around the Child/);
    const added = await kit.post(`/early-help/cases/${caseId}/actions/new`, { outcomeId: outcome.id, action: 'Morning routine chart', ownerId: jo, idempotencyKey: uuidv7(), ...dateFields('dueOn', due) });
    assert.equal(added.statusCode, 303, added.body.slice(0, 2000));
    const action = await t.db.selectFrom('early_help_actions').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(action.owner_id, jo);
    assert.equal(action.due_on, due);
    assert.ok(await t.db.selectFrom('alerts').select('id').where('user_id', '=', jo).where('kind', '=', 'early_help.action_assigned').executeTakeFirst());

    // Jo marks it done; Kit's edit from the old version is refused with what Kit typed.
    const joClient = await t.signedIn(JO);
    const edit = await joClient.get(`/early-help/cases/${caseId}/actions/${action.id}/edit`);
    assert.equal(edit.statusCode, 200);
    const done = await joClient.post(`/early-help/cases/${caseId}/actions/${action.id}/edit`, {
      outcomeId: outcome.id, action: 'Morning routine chart', ownerId: jo, version: String(action.version), ...dateFields('dueOn', due), ...dateFields('completedOn', ukToday()),
    });
    assert.equal(done.statusCode, 303, done.body.slice(0, 2000));
    const stale = await kit.post(`/early-help/cases/${caseId}/actions/${action.id}/edit`, {
      outcomeId: outcome.id, action: 'Kit’s rewording', ownerId: jo, version: String(action.version), ...dateFields('dueOn', due),
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Kit’s rewording/);
    assert.equal((await t.db.selectFrom('early_help_actions').select('completed_on').where('id', '=', action.id).executeTakeFirstOrThrow()).completed_on, ukToday());

    // Outcomes: reworded, then achieved; a stale achieve is refused.
    const changed = await kit.post(`/early-help/cases/${caseId}/outcomes/${outcome.id}/edit`, { outcome: 'Robin is in school on time every day', version: String(outcome.version) });
    assert.equal(changed.statusCode, 303);
    assert.equal((await kit.post(`/early-help/cases/${caseId}/outcomes/${outcome.id}/achieved`, { version: String(outcome.version), achieved: 'yes' })).statusCode, 409);
    assert.equal((await kit.post(`/early-help/cases/${caseId}/outcomes/${outcome.id}/achieved`, { version: String(outcome.version + 1), achieved: 'yes' })).statusCode, 303);
    const after = await t.db.selectFrom('early_help_outcomes').selectAll().where('id', '=', outcome.id).executeTakeFirstOrThrow();
    assert.equal(after.outcome, 'Robin is in school on time every day');
    assert.equal(after.achieved_on, ukToday());
    const page = await kit.get(`/early-help/cases/${caseId}`);
    assert.match(page.body, /Achieved/);
    assert.ok((await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'early_help.plan_changed').execute()).length >= 4);
  });

  it('records reviews: the next review follows, 6 weeks on unless chosen, with version checks', async () => {
    const { kit, caseId } = await activeCase();
    const heldOn = ukToday();
    const base = { progress: 'Attendance up to 91%', familyViews: 'Going better', decision: 'continue', idempotencyKey: uuidv7(), ...dateFields('heldOn', heldOn) };
    const version = await caseVersion(t.db, caseId);
    const missing = await kit.post(`/early-help/cases/${caseId}/reviews/new`, { version: String(version), idempotencyKey: uuidv7() });
    assert.equal(missing.statusCode, 400);
    for (const m of [/Enter the date the review was held/, /Enter the progress made against the plan/, /Select the review’s decision/]) assert.match(missing.body, m);
    const future = await kit.post(`/early-help/cases/${caseId}/reviews/new`, { ...base, version: String(version), ...dateFields('heldOn', addCalendarDays(ukToday(), 3)) });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    const beforeOpening = await kit.post(`/early-help/cases/${caseId}/reviews/new`, { ...base, version: String(version), ...dateFields('heldOn', addCalendarDays(ukToday(), -10)) });
    assert.equal(beforeOpening.statusCode, 400);
    assert.match(beforeOpening.body, /on or after the case opened/);

    assert.equal((await kit.post(`/early-help/cases/${caseId}/reviews/new`, { ...base, version: String(version) })).statusCode, 303);
    assert.equal((await kit.post(`/early-help/cases/${caseId}/reviews/new`, { ...base, version: String(version) })).statusCode, 303, 'a repeated submission');
    assert.equal((await t.db.selectFrom('early_help_reviews').select('id').where('case_id', '=', caseId).execute()).length, 1);
    let c = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(c.next_review_due, addCalendarDays(heldOn, 42));

    const stale = await kit.post(`/early-help/cases/${caseId}/reviews/new`, { ...base, idempotencyKey: uuidv7(), version: String(version), progress: 'Unsaved progress words' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Unsaved progress words/);
    const chosen = addCalendarDays(ukToday(), 60);
    const second = await kit.post(`/early-help/cases/${caseId}/reviews/new`, { ...base, idempotencyKey: uuidv7(), version: String(c.version), decision: 'close', ...dateFields('nextReviewDue', chosen) });
    assert.equal(second.headers.location, `/early-help/cases/${caseId}/close`, 'a decision to close leads to closing');
    c = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(c.next_review_due, chosen);
    assert.ok(await t.db.selectFrom('chronology').select('id').where('entry_type', '=', 'early_help.review_held').executeTakeFirst());
  });

  it('closes with an outcome, ending the team’s access, and keeps a closed case read-only', async () => {
    const { child, kit, caseId, memberId } = await activeCase();
    const version = await caseVersion(t.db, caseId);
    const missing = await kit.post(`/early-help/cases/${caseId}/close`, { version: String(version) });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select why the case is closing/);
    assert.equal((await kit.post(`/early-help/cases/${caseId}/close`, { version: String(version), reason: 'needs_met', summary: 'Attendance good' })).statusCode, 303);
    const c = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(c.status, 'closed');
    assert.equal(c.closure_reason, 'needs_met');
    assert.equal((await t.db.selectFrom('tac_members').select('ended_on').where('id', '=', memberId).executeTakeFirstOrThrow()).ended_on, ukToday());
    const open = await t.db.selectFrom('involvements').select('id').where('person_id', '=', child).where('source_type', 'in', ['tac_member', 'early_help_case']).where('end_date', 'is', null).execute();
    assert.equal(open.length, 0, 'every involvement the case made has ended');
    assert.ok(await t.db.selectFrom('early_help_assessments').select('id').where('case_id', '=', caseId).executeTakeFirst(), 'nothing is deleted');

    const page = await kit.get(`/early-help/cases/${caseId}`);
    assert.equal(page.statusCode, 200, 'the closer can still read it today');
    assert.match(page.body, /This case was closed on/);
    assert.doesNotMatch(page.body, /Add an outcome/);
    for (const [url, form] of [
      [`/early-help/cases/${caseId}/outcomes/new`, { outcome: 'More', idempotencyKey: uuidv7() }],
      [`/early-help/cases/${caseId}/reviews/new`, { version: String(c.version), progress: 'x', decision: 'continue', ...dateFields('heldOn', ukToday()) }],
      [`/early-help/cases/${caseId}/close`, { version: String(c.version), reason: 'other', summary: 'again' }],
      [`/early-help/cases/${caseId}/assessment`, { version: '1', intent: 'save' }],
    ] as const) {
      const response = await kit.post(url, form);
      assert.equal(response.statusCode, 409, url);
      assert.match(response.body, /closed on .* cannot be changed/, url);
    }
    assert.equal((await kit.get(`/early-help/cases/${caseId}/team/new`)).statusCode, 409);
  });

  it('steps up to the front door: the contact carries the case, the team is told, the chronology records it', async () => {
    const { child, kit, caseId } = await activeCase();
    const version = await caseVersion(t.db, caseId);
    const invalid = await kit.post(`/early-help/cases/${caseId}/step-up`, { version: String(version), reason: 'Disclosure at school', urgency: 'same_day', consent: 'overridden' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Enter why consent was not sought or was overridden/);
    assert.equal((await kit.post(`/early-help/cases/${caseId}/step-up`, { version: String(version + 1), reason: 'x', urgency: 'same_day', consent: 'given' })).statusCode, 409);
    const done = await kit.post(`/early-help/cases/${caseId}/step-up`, { version: String(version), reason: 'Disclosure at school', urgency: 'same_day', consent: 'overridden', consentOverrideReason: 'Risk of harm if parents told' });
    assert.equal(done.statusCode, 303, done.body.slice(0, 2000));
    const c = await t.db.selectFrom('early_help_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.ok(c.step_up_contact_id);
    const contact = await t.db.selectFrom('contacts').selectAll().where('id', '=', c.step_up_contact_id).executeTakeFirstOrThrow();
    assert.equal(contact.early_help_case_id, caseId);
    assert.equal(contact.consent, 'overridden');
    assert.equal(contact.urgency, 'same_day');
    assert.ok(await t.db.selectFrom('contact_people').select('person_id').where('contact_id', '=', contact.id).where('person_id', '=', child).executeTakeFirst());
    const alerted = await t.db.selectFrom('alerts').select(['user_id', 'message']).where('kind', '=', 'early_help.stepped_up').where('person_id', '=', child).execute();
    assert.deepEqual(new Set(alerted.map((a) => a.user_id)), new Set([await userIdOf(t.db, KIT), await userIdOf(t.db, JO)]));
    const name = (await t.db.selectFrom('people').select('given_name').where('id', '=', child).executeTakeFirstOrThrow()).given_name;
    assert.ok(alerted.every((a) => !a.message.includes(name)), 'alerts never name the child');
    assert.ok(await t.db.selectFrom('chronology').select('id').where('person_id', '=', child).where('entry_type', '=', 'early_help.stepped_up').executeTakeFirst());
    assert.equal(c.status, 'open', 'the case stays open until the front door decides');
    const again = await kit.post(`/early-help/cases/${caseId}/step-up`, { version: String(c.version), reason: 'x', urgency: 'standard', consent: 'given' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already been stepped up/);
    const sam = await t.signedIn(SAM);
    assert.match((await sam.get('/contacts')).body, new RegExp(name), 'the front door has it in its queue');
  });
});
