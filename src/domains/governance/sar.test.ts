import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp, type TestClient } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { disclosureHtml } from './sar-disclose.ts';
import { findRequest } from './sar-repository.ts';

const DPO = 'gwen.ashdown@cairn.example';
let t: TestApp;
let dpo: TestClient;
let subject: { id: string; given_name: string; family_name: string };

const [year, month, day] = ukToday().split('-');
const requester = (over: Record<string, string> = {}) => ({
  step: 'requester',
  idempotencyKey: '0190f0a0-0000-7000-8000-000000000001',
  requesterKind: 'parent',
  requesterName: 'Pat Example',
  requesterContact: '1 Test Street, Brackenshire',
  requesterRelationship: 'Mother',
  identityCheck: 'Passport seen at the contact centre',
  authorityCheck: 'Named as mother on the birth certificate; child too young to make the request',
  'receivedOn-day': day!,
  'receivedOn-month': month!,
  'receivedOn-year': year!,
  ...over,
});
const idOf = (location: unknown) => /\/governance\/sars\/([0-9a-f-]{36})/.exec(String(location))![1]!;

before(async () => {
  t = await testApp();
  dpo = await t.signedIn(DPO);
  // The child with the most on record: they have rows in several capabilities to compile.
  const busiest = await t.db
    .selectFrom('chronology as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['p.id', 'p.given_name', 'p.family_name'])
    .where('p.person_type', '=', 'child')
    .where('p.restricted', '=', false)
    .groupBy(['p.id', 'p.given_name', 'p.family_name'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  subject = busiest;
});
after(() => t.close());

describe('subject access requests: who may', () => {
  it('is the data protection officer’s alone', async () => {
    for (const email of ['sam.rowe@cairn.example', 'ada.kerr@cairn.example', 'morgan.hale@cairn.example']) {
      const client = await t.signedIn(email);
      assert.equal((await client.get('/governance/sars')).statusCode, 403, email);
      assert.equal((await client.get('/governance')).statusCode, 403, email);
      assert.equal((await client.post('/governance/sars/new', requester({ step: 'search', searchName: subject.family_name }))).statusCode, 403, email);
    }
    const home = await dpo.get('/governance');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /href="\/governance\/sars"/);
    assert.match((await dpo.get('/governance/sars')).body, /Information governance/);
  });
});

describe('subject access requests: the journey', () => {
  let id: string;

  it('checks the requester’s details, keeping what was typed', async () => {
    const res = await dpo.post('/governance/sars/new', requester({ identityCheck: '', authorityCheck: '' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /Enter how you confirmed the requester’s identity/);
    assert.match(res.body, /Enter how you confirmed they may act for the person/);
    assert.match(res.body, /value="Pat Example"/);
  });

  it('finds a restricted record when its date of birth is given, never by name alone, and records the search against it', async () => {
    const hidden = await t.db
      .selectFrom('people')
      .select(['id', 'given_name', 'family_name', 'date_of_birth'])
      .where('restricted', '=', true)
      .where('date_of_birth', 'is not', null)
      .where('merged_into', 'is', null)
      .where('destroyed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const [year, month, day] = hidden.date_of_birth!.split('-');
    const byName = await dpo.post('/governance/sars/new', requester({ step: 'search', searchName: `${hidden.given_name} ${hidden.family_name}` }));
    assert.ok(!byName.body.includes(`value="${hidden.id}"`), 'not found by name alone');
    const byBirth = await dpo.post(
      '/governance/sars/new',
      requester({ step: 'search', searchName: hidden.family_name, 'searchDateOfBirth-day': day!, 'searchDateOfBirth-month': month!, 'searchDateOfBirth-year': year! }),
    );
    assert.equal(byBirth.statusCode, 200);
    assert.ok(byBirth.body.includes(`value="${hidden.id}"`), 'found with the date of birth');
    assert.match(byBirth.body, /Restricted record: found because the date of birth matches/);
    const audit = await t.db.selectFrom('access_audit').select(['person_id', 'reason']).where('action', '=', 'sar.search').where('person_id', '=', hidden.id).execute();
    assert.deepEqual(audit, [{ person_id: hidden.id, reason: 'restricted record found by date of birth' }]);
  });

  it('searches the person index (audited, the query not logged) and logs the request once however often it is submitted', async () => {
    const step2 = await dpo.post('/governance/sars/new', requester());
    assert.equal(step2.statusCode, 200);
    assert.match(step2.body, /Who is the request about\?/);
    const search = await dpo.post('/governance/sars/new', requester({ step: 'search', searchName: `${subject.given_name} ${subject.family_name}` }));
    assert.equal(search.statusCode, 200);
    assert.ok(search.body.includes(`value="${subject.id}"`), 'the subject is in the results');
    const audit = await t.db.selectFrom('access_audit').selectAll().where('action', '=', 'sar.search').orderBy('at', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.person_id, null);
    assert.ok(!JSON.stringify(audit).includes(subject.family_name));

    const none = await dpo.post('/governance/sars/new', requester({ step: 'create', searchName: subject.family_name }));
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose the person the request is about/);

    const first = await dpo.post('/governance/sars/new', requester({ step: 'create', personId: subject.id }));
    const second = await dpo.post('/governance/sars/new', requester({ step: 'create', personId: subject.id }));
    assert.equal(first.statusCode, 303);
    assert.equal(idOf(first.headers.location), idOf(second.headers.location));
    id = idOf(first.headers.location);
    const rows = await t.db.selectFrom('sar_requests').select('id').where('person_id', '=', subject.id).execute();
    assert.equal(rows.length, 1);
    const page = await dpo.get(`/governance/sars/${id}`);
    assert.match(page.body, /Compile the bundle/);
    assert.match(page.body, /On track/);
  });

  it('extends the clock with a reason, refusing a stale version (409)', async () => {
    const before = (await findRequest(t.db, id))!;
    const missing = await dpo.post(`/governance/sars/${id}/extend`, { version: String(before.version), extensionMonths: '2', extensionReason: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter why the request is complex or numerous/);
    const ok = await dpo.post(`/governance/sars/${id}/extend`, { version: String(before.version), extensionMonths: '2', extensionReason: 'Records held by six services over twelve years' });
    assert.equal(ok.statusCode, 303);
    const after = (await findRequest(t.db, id))!;
    assert.equal(after.extension_months, 2);
    assert.ok(after.due_on > before.due_on);
    const stale = await dpo.post(`/governance/sars/${id}/extend`, { version: String(before.version), extensionMonths: '2', extensionReason: 'Again' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed by someone else/);
  });

  it('compiles the bundle across capabilities, with the access audit, and audits the read for the subject', async () => {
    const r = (await findRequest(t.db, id))!;
    const res = await dpo.post(`/governance/sars/${id}/compile`, { version: String(r.version) });
    assert.equal(res.statusCode, 303);
    const items = await t.db.selectFrom('sar_items').select(['source_table', 'capability', 'fields']).where('request_id', '=', id).execute();
    assert.ok(items.length > 5);
    const tables = new Set(items.map((i) => i.source_table));
    for (const table of ['people', 'chronology', 'access_audit', 'relationships']) assert.ok(tables.has(table), `${table} in the bundle`);
    // Ids and versions never reach the bundle.
    for (const i of items) for (const f of i.fields as unknown as { column: string }[]) assert.ok(!['id', 'version', 'search_name'].includes(f.column));
    const audit = await t.db.selectFrom('access_audit').selectAll().where('action', '=', 'sar.compile').where('resource_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(audit.person_id, subject.id);
    const bundle = await dpo.get(`/governance/sars/${id}/bundle`);
    assert.equal(bundle.statusCode, 200);
    assert.match(bundle.body, /Person index/);
  });

  it('redacts a field only with a reason, then discloses a PDF without the redacted text', async () => {
    let r = (await findRequest(t.db, id))!;
    assert.equal((await dpo.post(`/governance/sars/${id}/start-review`, { version: String(r.version) })).statusCode, 303);
    // Every relationship names another person: one side or the other is suggested for redaction.
    const relationships = await t.db.selectFrom('sar_items').selectAll().where('request_id', '=', id).where('source_table', '=', 'relationships').orderBy('position').execute();
    for (const rel of relationships) assert.equal((rel.suggestions as unknown as unknown[]).length, 1, 'one side of each relationship is suggested');
    const item = relationships[0]!;
    const column = (item.suggestions as unknown as { field: string }[])[0]!.field;
    const named = (item.fields as unknown as { column: string; value: string }[]).find((f) => f.column === column)!;
    assert.notEqual(named.value, `${subject.given_name} ${subject.family_name}`);

    const noReason = await dpo.post(`/governance/sars/${id}/items/${item.id}/redact`, { field: column, reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Select the reason for the redaction/);
    const ok = await dpo.post(`/governance/sars/${id}/items/${item.id}/redact`, { field: column, reason: 'third_party_family', note: 'Relative' });
    assert.equal(ok.statusCode, 303);
    const twice = await dpo.post(`/governance/sars/${id}/items/${item.id}/redact`, { field: column, reason: 'third_party_family' });
    assert.equal(twice.statusCode, 409);

    r = (await findRequest(t.db, id))!;
    const early = await dpo.post(`/governance/sars/${id}/disclose`, { version: String(r.version), coverLetter: 'Dear Pat' });
    assert.equal(early.statusCode, 400);
    assert.equal((await dpo.post(`/governance/sars/${id}/complete-review`, { version: String(r.version) })).statusCode, 303);
    r = (await findRequest(t.db, id))!;

    const ctx = { db: t.db, actor: { id: r.created_by! } as never, requestId: 'test' };
    const html = await disclosureHtml(ctx, r, 'Dear Pat');
    // The item as printed: its heading up to the next item. The name may appear elsewhere, unredacted (another record).
    const start = html.indexOf(`<h3>${item.position + 1}. `);
    const block = html.slice(start, html.indexOf('<div class="item">', start));
    assert.ok(start > 0 && block.includes('Relationship'));
    assert.ok(!block.includes(named.value), 'the redacted name is not in the item');
    assert.match(block, /\[Redacted: Third party — a family member\]/);
    assert.match(html, /Redaction log/);
    assert.ok(!html.includes('Relative'), 'the reviewer’s note is not disclosed');

    const disclosed = await dpo.post(`/governance/sars/${id}/disclose`, { version: String(r.version), coverLetter: 'Dear Pat,\n\nYour records are enclosed.' });
    assert.equal(disclosed.statusCode, 303);
    const done = (await findRequest(t.db, id))!;
    assert.equal(done.status, 'disclosed');
    assert.match(done.pdf_sha256!, /^[0-9a-f]{64}$/);
    const download = await dpo.get(`/governance/sars/${id}/disclosure.pdf`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['x-content-sha256'], done.pdf_sha256);
    assert.ok(download.body.startsWith('%PDF-'));
    const stored = await t.db.selectFrom('sar_requests').select('pdf').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(createHash('sha256').update(stored.pdf!).digest('hex'), done.pdf_sha256);
    const downloads = await t.db.selectFrom('access_audit').select('person_id').where('action', '=', 'sar.download').where('resource_id', '=', id).execute();
    assert.deepEqual(downloads.map((d) => d.person_id), [subject.id]);
    // Disclosed: nothing more changes.
    const late = await dpo.post(`/governance/sars/${id}/compile`, { version: String(done.version) });
    assert.equal(late.statusCode, 409);
  });
});

describe('subject access requests: the demo', () => {
  it('has requests in three states, open ones listed first with their clocks', async () => {
    const rows = await t.db.selectFrom('sar_requests').select(['status', 'paused_on', 'extension_months']).where('created_by', 'is not', null).execute();
    const states = new Set(rows.map((r) => r.status));
    for (const s of ['received', 'compiling', 'in_review']) assert.ok(states.has(s as never), `a demo request ${s}`);
    const list = await dpo.get('/governance/sars');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Clock paused since/);
    assert.match(list.body, /extended by 1 month/);
    const inReview = await t.db.selectFrom('sar_requests').select('id').where('status', '=', 'in_review').executeTakeFirstOrThrow();
    const bundle = await dpo.get(`/governance/sars/${inReview.id}/bundle`);
    assert.equal(bundle.statusCode, 200);
    assert.match(bundle.body, /redacted\)/);
  });

  it('pauses and restarts the clock, adding the days paused; withdraws with a reason', async () => {
    const demo = await t.db.selectFrom('sar_requests').selectAll().where('status', '=', 'compiling').executeTakeFirstOrThrow();
    const pausedOn = demo.received_on;
    const [y, m, d] = pausedOn.split('-');
    const paused = await dpo.post(`/governance/sars/${demo.id}/pause`, { version: String(demo.version), 'pausedOn-day': d!, 'pausedOn-month': m!, 'pausedOn-year': y!, pauseReason: 'Asked which years the request covers' });
    assert.equal(paused.statusCode, 303);
    const page = await dpo.get(`/governance/sars/${demo.id}`);
    assert.match(page.body, /Clock paused since/);
    const p = (await findRequest(t.db, demo.id))!;
    const resumed = await dpo.post(`/governance/sars/${demo.id}/resume`, { version: String(p.version), 'resumedOn-day': day!, 'resumedOn-month': month!, 'resumedOn-year': year! });
    assert.equal(resumed.statusCode, 303);
    const r = (await findRequest(t.db, demo.id))!;
    assert.ok(r.due_on > demo.due_on, 'the days paused are added');
    const noReason = await dpo.post(`/governance/sars/${demo.id}/close`, { version: String(r.version), outcome: 'withdrawn', closureReason: '' });
    assert.equal(noReason.statusCode, 400);
    const closed = await dpo.post(`/governance/sars/${demo.id}/close`, { version: String(r.version), outcome: 'withdrawn', closureReason: 'The requester wrote to withdraw it' });
    assert.equal(closed.statusCode, 303);
    assert.equal((await findRequest(t.db, demo.id))!.status, 'withdrawn');
  });
});

describe('subject access requests: compiling again', () => {
  it('carries redactions over to the same records and fields, and asks for the review to be completed again', async () => {
    const demo = await t.db.selectFrom('sar_requests').selectAll().where('status', '=', 'in_review').executeTakeFirstOrThrow();
    const before = await t.db.selectFrom('sar_redactions as d').innerJoin('sar_items as i', 'i.id', 'd.item_id').select(['i.source_table', 'i.source_id', 'd.field', 'd.reason']).where('d.request_id', '=', demo.id).where('d.removed_at', 'is', null).orderBy('i.source_id').orderBy('d.field').execute();
    assert.ok(before.length > 0);
    await t.db.updateTable('sar_requests').set({ review_completed_at: new Date(), review_completed_by: demo.created_by }).where('id', '=', demo.id).execute();
    const res = await dpo.post(`/governance/sars/${demo.id}/compile`, { version: String(demo.version) });
    assert.equal(res.statusCode, 303);
    const page = await dpo.get(String(res.headers.location));
    assert.match(page.body, new RegExp(`${before.length} redactions? carried over to the same records; 0 dropped`));
    const after = await t.db.selectFrom('sar_redactions as d').innerJoin('sar_items as i', 'i.id', 'd.item_id').select(['i.source_table', 'i.source_id', 'd.field', 'd.reason']).where('d.request_id', '=', demo.id).where('d.removed_at', 'is', null).orderBy('i.source_id').orderBy('d.field').execute();
    assert.deepEqual(after, before);
    const r = (await findRequest(t.db, demo.id))!;
    assert.equal(r.review_completed_at, null);
    assert.equal(r.status, 'in_review');
  });
});
