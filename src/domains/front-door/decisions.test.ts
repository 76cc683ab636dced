import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { contextFor, recordContact, someChildren } from './fixtures.test-support.ts';
import { decideContact } from './service.ts';

const SAM = 'sam.rowe@cairn.example';
const MORGAN = 'morgan.hale@cairn.example';
const PAT = 'pat.quinn@cairn.example';

const version = async (t: TestApp, id: string) => String((await t.db.selectFrom('contacts').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
const contact = (t: TestApp, id: string) => t.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('threshold decisions and sign-off', () => {
  let t: TestApp;
  let children: string[];
  before(async () => {
    t = await testApp({ children: 20 });
    children = await someChildren(t.db, 6);
  });
  after(() => t.close());

  it('allocates: a practitioner takes an unallocated contact, only a manager reallocates it', async () => {
    const id = await recordContact(await contextFor(t.db, PAT), [children[0]!]);
    const sam = await t.signedIn(SAM);
    const samId = (await contextFor(t.db, SAM)).actor.id;
    const morganId = (await contextFor(t.db, MORGAN)).actor.id;
    const other = await sam.post(`/contacts/${id}/allocate`, { userId: morganId, version: await version(t, id) });
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /Only a manager can allocate a contact to someone else/);
    const taken = await sam.post(`/contacts/${id}/allocate`, { userId: samId, version: await version(t, id), from: 'queue' });
    assert.equal(taken.statusCode, 303);
    assert.equal(taken.headers.location, '/contacts?allocated=1');
    assert.equal((await contact(t, id)).allocated_to, samId);
    const stale = await sam.post(`/contacts/${id}/allocate`, { userId: samId, version: '1' });
    assert.equal(stale.statusCode, 409);
    const morgan = await t.signedIn(MORGAN);
    assert.equal((await morgan.post(`/contacts/${id}/allocate`, { userId: morganId, version: await version(t, id) })).statusCode, 303);
    assert.equal((await contact(t, id)).allocated_to, morganId);
    const mine = await morgan.get('/contacts?worker=me');
    assert.ok(mine.body.includes(`/contacts/${id}"`));
    const unallocated = await morgan.get('/contacts?worker=unallocated');
    assert.ok(!unallocated.body.includes(`/contacts/${id}"`));
  });

  it('checks the level fits the outcome, with a clear message', async () => {
    const id = await recordContact(await contextFor(t.db, PAT), [children[1]!]);
    const sam = await t.signedIn(SAM);
    const page = await sam.get(`/contacts/${id}/decision`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Level 4: Statutory social care/);
    assert.match(page.body, /A manager will sign off your decision/);
    const empty = await sam.post(`/contacts/${id}/decision`, { version: await version(t, id) });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select the threshold level/);
    assert.match(empty.body, /Enter the reasons for the decision/);
    for (const [level, outcome, message] of [
      ['4', 'early_help', /Early help needs level 2 or 3/],
      ['3', 'social_care_referral', /needs level 4/],
      ['4', 'no_further_action', /No further action fits level 1 or 2 only/],
      ['3', 'advice', /fits level 1 or 2 only. At level 3 choose early help/],
    ] as const) {
      const refused = await sam.post(`/contacts/${id}/decision`, { level, outcome, reasons: 'Because', version: await version(t, id) });
      assert.equal(refused.statusCode, 400, `${level} ${outcome}`);
      assert.match(refused.body, message);
      assert.match(refused.body, /Because/, 'what was typed is kept');
    }
    await assert.rejects(decideContact(await contextFor(t.db, SAM), id, { level: 4, outcome: 'advice', reasons: 'x', version: Number(await version(t, id)) }), /fits level 1 or 2 only/);
  });

  it('sends a practitioner’s decision for sign-off; a manager returns it, then agrees it, and early help opens', async () => {
    const [a, b] = [children[2]!, children[3]!];
    const id = await recordContact(await contextFor(t.db, PAT), [a, b]);
    const sam = await t.signedIn(SAM);
    const morgan = await t.signedIn(MORGAN);
    assert.equal((await morgan.get(`/contacts/${id}/sign-off`)).statusCode, 409, 'nothing to sign off yet');
    const decided = await sam.post(`/contacts/${id}/decision`, { level: '3', outcome: 'early_help', reasons: 'Needs across parenting and school attendance.', version: await version(t, id) });
    assert.equal(decided.statusCode, 303);
    assert.equal(decided.headers.location, `/contacts/${id}?decided=1`);
    let row = await contact(t, id);
    assert.equal(row.status, 'awaiting_sign_off');
    assert.equal(row.allocated_to, (await contextFor(t.db, SAM)).actor.id, 'the decider holds it');

    // Deciding again, or a practitioner signing off, is refused.
    const again = await sam.post(`/contacts/${id}/decision`, { level: '2', outcome: 'advice', reasons: 'x', version: await version(t, id) });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already waiting for a manager’s sign-off/);
    assert.equal((await sam.get(`/contacts/${id}/decision`)).statusCode, 409);
    assert.equal((await sam.post(`/contacts/${id}/sign-off`, { action: 'agree', version: await version(t, id) })).statusCode, 403);
    assert.equal((await (await t.signedIn(PAT)).post(`/contacts/${id}/sign-off`, { action: 'agree', version: await version(t, id) })).statusCode, 403);

    const noComment = await morgan.post(`/contacts/${id}/sign-off`, { action: 'return', version: await version(t, id) });
    assert.equal(noComment.statusCode, 400);
    assert.match(noComment.body, /Enter what needs to change/);
    const returned = await morgan.post(`/contacts/${id}/sign-off`, { action: 'return', comment: 'Wait for the health check first.', version: await version(t, id) });
    assert.equal(returned.statusCode, 303);
    row = await contact(t, id);
    assert.equal(row.status, 'awaiting_decision');
    assert.equal(row.returned_comment, 'Wait for the health check first.');
    const back = await sam.get(`/contacts/${id}/decision`);
    assert.match(back.body, /A manager returned the decision: Wait for the health check first./);
    assert.match(back.body, /Needs across parenting and school attendance./, 'the decision is the starting point');
    assert.equal((await morgan.post(`/contacts/${id}/sign-off`, { action: 'agree', version: await version(t, id) })).statusCode, 409, 'nothing awaiting sign-off');

    await sam.post(`/contacts/${id}/decision`, { level: '3', outcome: 'early_help', reasons: 'Health check back: needs confirmed.', version: await version(t, id) });
    const stale = await morgan.post(`/contacts/${id}/sign-off`, { action: 'agree', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this contact/);
    const agreed = await morgan.post(`/contacts/${id}/sign-off`, { action: 'agree', version: await version(t, id) });
    assert.equal(agreed.statusCode, 303);
    row = await contact(t, id);
    assert.equal(row.status, 'decided');
    assert.equal(row.signed_off_by, (await contextFor(t.db, MORGAN)).actor.id);
    assert.ok(row.signed_off_at);
    for (const child of [a, b]) {
      const entries = await t.db.selectFrom('chronology').select(['entry_type', 'summary']).where('person_id', '=', child).where('record_id', '=', id).where('entry_type', '=', 'threshold.decision').execute();
      assert.equal(entries.length, 1);
      assert.match(entries[0]!.summary, /level 3 \(Targeted multi-agency early help\), early help/);
    }
    const cases = await t.db.selectFrom('early_help_cases').select(['person_id']).where('contact_id', '=', id).execute();
    assert.ok(cases.length >= 1, 'early help opened from the decision');
    assert.equal((await morgan.post(`/contacts/${id}/sign-off`, { action: 'agree', version: await version(t, id) })).statusCode, 409, 'signing off twice');
    const decidedAgain = await sam.post(`/contacts/${id}/decision`, { level: '4', outcome: 'social_care_referral', reasons: 'x', version: await version(t, id) });
    assert.equal(decidedAgain.statusCode, 409);
    assert.match(decidedAgain.body, /already been made and signed off/);
    const partner = await (await t.signedIn(PAT)).get(`/contacts/${id}`);
    assert.match(partner.body, /Early help/);
    assert.doesNotMatch(partner.body, /Health check back/);
  });

  it('opens early help for every child on the contact, not only the first', async () => {
    const [a, b] = [children[5]!, (await someChildren(t.db, 1))[0]!];
    const id = await recordContact(await contextFor(t.db, PAT), [a, b]);
    const morgan = await t.signedIn(MORGAN);
    await morgan.post(`/contacts/${id}/decision`, { level: '2', outcome: 'early_help', reasons: 'Both children: routines and school attendance.', version: await version(t, id) });
    assert.equal((await contact(t, id)).status, 'decided');
    const cases = await t.db.selectFrom('early_help_cases').select(['person_id']).where('person_id', 'in', [a, b]).where('status', '=', 'open').execute();
    assert.deepEqual(cases.map((c) => c.person_id).sort(), [a, b].sort(), 'an early help case for each child (openCaseFromDecision is called for each)');
  });

  it('signs off a manager’s own decision as it is made, and says so', async () => {
    const id = await recordContact(await contextFor(t.db, PAT), [children[4]!]);
    const morgan = await t.signedIn(MORGAN);
    const page = await morgan.get(`/contacts/${id}/decision`);
    assert.match(page.body, /your own decision is signed off as you record it/);
    const done = await morgan.post(`/contacts/${id}/decision`, { level: '4', outcome: 'strategy_discussion', reasons: 'Injuries with no explanation.', version: await version(t, id) });
    assert.equal(done.headers.location, `/contacts/${id}?signed=1`);
    const row = await contact(t, id);
    assert.equal(row.status, 'decided');
    assert.equal(row.signed_off_by, row.decided_by);
    assert.equal((await t.db.selectFrom('early_help_cases').select('id').where('contact_id', '=', id).execute()).length, 0);
  });
});
