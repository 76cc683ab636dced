import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { clamdEnv, EICAR, type FakeClamd, startFakeClamd } from '../../../test/support/fake-clamd.ts';
import { type FakeS3, s3Env, startFakeS3 } from '../../../test/support/fake-s3.ts';
import { samplePdf, samplePng } from './samples.ts';

const details = (extra: Record<string, string> = {}) => ({
  title: 'School attendance letter', documentType: 'letter', 'documentDate-day': '3', 'documentDate-month': '11', 'documentDate-year': '2026', description: 'From the academy', ...extra,
});
const locationOf = (r: { headers: Record<string, unknown> }) => String(r.headers.location);
const documentIdOf = (r: { headers: Record<string, unknown> }) => /\/documents\/([0-9a-f-]{36})/.exec(locationOf(r))![1]!;

async function newChild(t: TestApp, family: string): Promise<string> {
  const row = await t.db.insertInto('people').values({ person_type: 'child', given_name: 'Test', family_name: family, date_of_birth: '2016-05-01', search_name: `test ${family.toLowerCase()}` }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const counts = async (t: TestApp, personId: string) => ({
  documents: Number((await t.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).executeTakeFirstOrThrow()).n),
  blobs: Number((await t.db.selectFrom('document_blobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});

describe('documents on a person’s record (database store, no scanner)', () => {
  let t: TestApp;
  let sam: TestClient;
  let child: string;
  let unshared: string;

  before(async () => {
    t = await testApp({ children: 5 });
    child = await newChild(t, 'Documents');
    unshared = await newChild(t, 'Unshared');
    sam = await t.signedIn('sam.rowe@cairn.example');
  });
  after(() => t.close());

  it('uploads a PDF: stored in the database with its hash, listed, audited and on the chronology by type only', async () => {
    const pdf = samplePdf(['Attendance letter', 'Synthetic test document']);
    const form = await sam.get(`/people/${child}/documents/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const response = await sam.upload(`/people/${child}/documents/new`, { ...details(), idempotencyKey: key }, { name: 'attendance.pdf', bytes: pdf, type: 'application/pdf' });
    assert.equal(response.statusCode, 303, response.body.slice(0, 500));
    const id = documentIdOf(response);
    const version = await t.db.selectFrom('document_versions').selectAll().where('document_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(version.storage, 'database');
    assert.match(version.storage_key, /^documents\/[0-9a-f-]{36}$/);
    assert.equal(version.sha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(version.content_type, 'application/pdf');
    assert.equal(version.scan_status, 'not_scanned');
    assert.equal(version.file_name, 'attendance.pdf');

    const list = await sam.get(`/people/${child}/documents`);
    assert.match(list.body, /School attendance letter/);
    assert.match(list.body, /Not virus checked/);
    const chronology = await t.db.selectFrom('chronology').select(['summary', 'record_type']).where('person_id', '=', child).where('entry_type', '=', 'document.added').execute();
    assert.deepEqual(chronology, [{ summary: 'Document added: Letter', record_type: 'document' }]);
    const audit = await t.db.selectFrom('access_audit').select('action').where('person_id', '=', child).where('action', '=', 'document.upload').execute();
    assert.equal(audit.length, 1);

    // The same form sent twice (a double click) makes one document.
    const again = await sam.upload(`/people/${child}/documents/new`, { ...details(), idempotencyKey: key }, { name: 'attendance.pdf', bytes: pdf });
    assert.equal(documentIdOf(again), id);
    assert.equal((await counts(t, child)).documents, 1);
  });

  it('serves a download as an inert attachment, with the sniffed type, and audits it', async () => {
    const id = (await t.db.selectFrom('documents').select('id').where('person_id', '=', child).executeTakeFirstOrThrow()).id;
    const download = await sam.get(`/people/${child}/documents/${id}/versions/1/download`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="attendance\.pdf"; filename\*=UTF-8''attendance\.pdf$/);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-security-policy']), /sandbox/);
    assert.match(String(download.headers['content-security-policy']), /default-src 'none'/);
    assert.match(download.body, /^%PDF-1\.4/);
    const preview = await sam.get(`/people/${child}/documents/${id}/versions/1/preview`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<iframe class="cairn-document-preview" src="[^"]+\/versions\/1\/inline"/);
    const inline = await sam.get(`/people/${child}/documents/${id}/versions/1/inline`);
    assert.match(String(inline.headers['content-disposition']), /^inline;/);
    assert.match(String(inline.headers['content-security-policy']), /sandbox; frame-ancestors 'self'/);
    assert.equal(inline.headers['x-frame-options'], 'SAMEORIGIN');
    const audit = await t.db.selectFrom('access_audit').select(['action', 'resource_type', 'resource_id']).where('person_id', '=', child).where('action', 'in', ['document.download', 'document.view']).orderBy('at').execute();
    assert.deepEqual(audit, [
      { action: 'document.download', resource_type: 'document', resource_id: id },
      { action: 'document.view', resource_type: 'document', resource_id: id },
    ]);
    assert.equal((await sam.get(`/people/${child}/documents/${id}/versions/9/download`)).statusCode, 404);
    assert.equal((await sam.get(`/people/${child}/documents/${id}/versions/x/download`)).statusCode, 404);
  });

  it('refuses a web page named .pdf, a program renamed .pdf and SVG, keeping what was typed but not the file', async () => {
    const before = await counts(t, child);
    const cases: [string, Buffer, RegExp][] = [
      ['letter.pdf', Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'), /a web page, which cannot be uploaded/],
      ['setup.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00PE\x00\x00', 'latin1'), /must be a PDF, Word document/],
      ['drawing.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /a web page/],
    ];
    for (const [name, bytes, message] of cases) {
      const response = await sam.upload(`/people/${child}/documents/new`, details({ title: 'Kept title' }), { name, bytes });
      assert.equal(response.statusCode, 400, name);
      assert.match(response.body, /There is a problem/);
      assert.match(response.body, message);
      assert.match(response.body, /value="Kept title"/);
    }
    assert.deepEqual(await counts(t, child), before);
  });

  it('lists every problem with the form at once, asking for the file again', async () => {
    const response = await sam.upload(`/people/${child}/documents/new`, details({ title: '', documentType: '' }), { name: 'a.pdf', bytes: samplePdf(['x']) });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Enter a title/);
    assert.match(response.body, /Select the type of document/);
    assert.match(response.body, /Select the file again/);
    const noFile = await sam.upload(`/people/${child}/documents/new`, details());
    assert.match(noFile.body, /Select a file/);
    // A plain form post (no file at all) is answered the same way.
    assert.match((await sam.post(`/people/${child}/documents/new`, details())).body, /Select a file/);
  });

  it('keeps harmless names: a path sent as the name is reduced to its last part', async () => {
    const response = await sam.upload(`/people/${child}/documents/new`, details({ title: 'Traversal' }), { name: '..\\..\\../etc/cron.d/evil\t\u0001.txt', bytes: Buffer.from('Plain notes.\n') });
    assert.equal(response.statusCode, 303);
    const version = await t.db.selectFrom('document_versions').select(['file_name', 'storage_key', 'content_type']).where('document_id', '=', documentIdOf(response)).executeTakeFirstOrThrow();
    assert.equal(version.file_name, 'evil.txt');
    assert.match(version.storage_key, /^documents\/[0-9a-f-]{36}$/);
    assert.equal(version.content_type, 'text/plain; charset=utf-8');
    const download = await sam.get(`${locationOf(response).split('?')[0]}/versions/1/download`);
    assert.equal(download.headers['content-type'], 'text/plain; charset=utf-8');
    assert.doesNotMatch(String(download.headers['content-disposition']), /[\r\n/]/);
    // Text is never shown inline.
    assert.equal((await sam.get(`${locationOf(response).split('?')[0]}/versions/1/inline`)).statusCode, 404);
  });

  it('keeps every version: a new file becomes version 2 and both stay downloadable', async () => {
    const id = (await t.db.selectFrom('documents').select('id').where('person_id', '=', child).where('title', '=', 'School attendance letter').executeTakeFirstOrThrow()).id;
    const png = samplePng(8, 8, [0, 94, 165]);
    const form = await sam.get(`/people/${child}/documents/${id}/versions/new`);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const response = await sam.upload(`/people/${child}/documents/${id}/versions/new`, { idempotencyKey: key }, { name: 'scan.png', bytes: png });
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    await sam.upload(`/people/${child}/documents/${id}/versions/new`, { idempotencyKey: key }, { name: 'scan.png', bytes: png });
    const versions = await t.db.selectFrom('document_versions').select(['number', 'content_type']).where('document_id', '=', id).orderBy('number').execute();
    assert.deepEqual(versions, [{ number: 1, content_type: 'application/pdf' }, { number: 2, content_type: 'image/png' }]);
    const page = await sam.get(`/people/${child}/documents/${id}`);
    assert.match(page.body, /Version 2 \(current\)/);
    const list = await sam.get(`/people/${child}/documents`);
    assert.match(list.body, /version 2 \(<a class="govuk-link" href="[^"]+#versions">earlier versions<\/a>\)/);
    assert.equal((await sam.get(`/people/${child}/documents/${id}/versions/1/download`)).statusCode, 200);
    const image = await sam.get(`/people/${child}/documents/${id}/versions/2/inline`);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.match((await sam.get(`/people/${child}/documents/${id}/versions/2/preview`)).body, /<img class="cairn-document-preview" src="[^"]+\/versions\/2\/inline" alt="Letter: School attendance letter/);
    const chronology = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', child).where('entry_type', '=', 'document.version_added').execute();
    assert.deepEqual(chronology, [{ summary: 'New version of a document: Letter' }]);
  });

  it('changes details at the version read, and answers 409 keeping what was typed when someone changed them first', async () => {
    const doc = await t.db.selectFrom('documents').select(['id', 'version']).where('person_id', '=', child).where('title', '=', 'School attendance letter').executeTakeFirstOrThrow();
    const edit = await sam.get(`/people/${child}/documents/${doc.id}/edit`);
    assert.match(edit.body, new RegExp(`name="version" value="${doc.version}"`));
    const first = await sam.post(`/people/${child}/documents/${doc.id}/edit`, { ...details({ title: 'Attendance letter (autumn)', documentType: 'report' }), version: String(doc.version) });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(`/people/${child}/documents/${doc.id}/edit`, { ...details({ title: 'My stale title' }), version: String(doc.version) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /My stale title/);
    const row = await t.db.selectFrom('documents').select(['title', 'version']).where('id', '=', doc.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { title: 'Attendance letter (autumn)', version: doc.version + 1 });
    const invalid = await sam.post(`/people/${child}/documents/${doc.id}/edit`, { ...details({ 'documentDate-day': '31', 'documentDate-month': '2' }), version: String(row.version) });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /must be a real date/);
  });

  it('lets only a social care manager remove a document, with a reason; it is kept and listed as removed', async () => {
    const doc = await t.db.selectFrom('documents').select(['id', 'version']).where('person_id', '=', child).where('title', '=', 'Traversal').executeTakeFirstOrThrow();
    assert.equal((await sam.get(`/people/${child}/documents/${doc.id}/remove`)).statusCode, 403);
    assert.equal((await sam.post(`/people/${child}/documents/${doc.id}/remove`, { reason: 'x', version: String(doc.version) })).statusCode, 403);
    const morgan = await t.signedIn('morgan.hale@cairn.example');
    assert.match((await morgan.get(`/people/${child}/documents/${doc.id}`)).body, /Remove from the record/);
    const empty = await morgan.post(`/people/${child}/documents/${doc.id}/remove`, { reason: '', version: String(doc.version) });
    assert.match(empty.body, /Enter why the document is being removed/);
    const removed = await morgan.post(`/people/${child}/documents/${doc.id}/remove`, { reason: 'Added to the wrong record', version: String(doc.version) });
    assert.equal(removed.statusCode, 303);
    assert.ok(await t.db.selectFrom('document_versions').select('id').where('document_id', '=', doc.id).executeTakeFirst(), 'nothing is destroyed');
    const list = await sam.get(`/people/${child}/documents`);
    assert.match(list.body, /Removed from the record/);
    assert.match(list.body, /Added to the wrong record/);
    assert.equal((await sam.get(`/people/${child}/documents/${doc.id}/versions/1/download`)).statusCode, 404);
    const audit = await t.db.selectFrom('access_audit').select('reason').where('person_id', '=', child).where('action', '=', 'document.remove').executeTakeFirstOrThrow();
    assert.equal(audit.reason, 'Added to the wrong record');
  });

  it('is refused (403, audited) to those who may not see the record, and to roles that never see records', async () => {
    const doc = await t.db.selectFrom('documents').select('id').where('person_id', '=', child).executeTakeFirstOrThrow();
    const pat = await t.signedIn('pat.quinn@cairn.example');
    assert.equal((await pat.get(`/people/${unshared}/documents`)).statusCode, 403);
    assert.equal((await pat.upload(`/people/${unshared}/documents/new`, details(), { name: 'a.pdf', bytes: samplePdf(['x']) })).statusCode, 403);
    assert.equal((await pat.get(`/people/${child}/documents/${doc.id}/versions/1/download`)).statusCode, 403);
    const alex = await t.signedIn('alex.brent@cairn.example');
    assert.equal((await alex.get(`/people/${child}/documents/${doc.id}/versions/1/download`)).statusCode, 403);
    const denied = await t.db.selectFrom('access_audit').select('outcome').where('person_id', '=', child).where('outcome', '=', 'denied').execute();
    assert.ok(denied.length >= 2);
    // A document is reached only through its own person: another person's id in the path finds nothing.
    assert.equal((await sam.get(`/people/${unshared}/documents/${doc.id}/versions/1/download`)).statusCode, 404);
  });

  it('lets a partner whose agency is involved upload (a school adds a letter)', async () => {
    const school = await t.db.selectFrom('users').select('agency_id').where('email', '=', 'pat.quinn@cairn.example').executeTakeFirstOrThrow();
    await t.db.insertInto('involvements').values({ person_id: unshared, agency_id: school.agency_id, basis: 'consent', start_date: '2026-01-01' }).execute();
    const pat = await t.signedIn('pat.quinn@cairn.example');
    const response = await pat.upload(`/people/${unshared}/documents/new`, details({ title: 'Letter from school' }), { name: 'letter.pdf', bytes: samplePdf(['Letter']) });
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  });
});

describe('documents with a size limit, a virus scanner and an S3-compatible store', () => {
  let t: TestApp;
  let sam: TestClient;
  let child: string;
  let s3: FakeS3;
  let clamd: FakeClamd;

  before(async () => {
    s3 = await startFakeS3();
    clamd = await startFakeClamd();
    t = await testApp({ children: 5, env: { ...s3Env(s3), ...clamdEnv(clamd), CAIRN_UPLOAD_MAX_MB: '1' } });
    child = await newChild(t, 'Scanned');
    sam = await t.signedIn('sam.rowe@cairn.example');
  });
  after(async () => {
    await t?.close();
    await s3?.close();
    await clamd?.close();
  });

  it('stores a clean file in the object store under its random key, and serves it back', async () => {
    clamd.mode = 'normal';
    const pdf = samplePdf(['Court order', 'Synthetic']);
    const response = await sam.upload(`/people/${child}/documents/new`, details({ documentType: 'court' }), { name: 'order.pdf', bytes: pdf });
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    const version = await t.db.selectFrom('document_versions').selectAll().where('document_id', '=', documentIdOf(response)).executeTakeFirstOrThrow();
    assert.equal(version.storage, 's3');
    assert.equal(version.scan_status, 'clean');
    assert.equal(version.scanned_by, 'ClamAV');
    assert.deepEqual(s3.objects.get(version.storage_key)?.bytes, pdf);
    assert.ok(s3.requests.every((r) => r.verified));
    assert.equal((await counts(t, child)).blobs, 0, 'nothing kept in the database');
    const download = await sam.get(`${locationOf(response).split('?')[0]}/versions/1/download`);
    assert.equal(download.statusCode, 200);
    assert.equal(createHash('sha256').update(Buffer.from(download.body, 'latin1')).digest('hex').length, 64);
    assert.match(download.body, /Court order/);
    assert.match((await sam.get(`/people/${child}/documents`)).body, /Virus checked/);
  });

  it('refuses a file containing the EICAR test string: nothing stored anywhere, audited without the content', async () => {
    clamd.mode = 'normal';
    const objects = s3.objects.size;
    const response = await sam.upload(`/people/${child}/documents/new`, details({ title: 'Infected' }), { name: 'notes.txt', bytes: Buffer.from(`Notes\n${EICAR}\n`) });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /contains a virus or malware and has not been uploaded/);
    assert.equal(s3.objects.size, objects);
    assert.equal(await t.db.selectFrom('documents').select('id').where('title', '=', 'Infected').executeTakeFirst(), undefined);
    const audit = await t.db.selectFrom('access_audit').select(['reason', 'action']).where('person_id', '=', child).where('action', '=', 'document.refused_malware').executeTakeFirstOrThrow();
    assert.equal(audit.reason, 'Malware found: Eicar-Test-Signature');
  });

  it('fails closed when the scanner fails: refused, nothing stored, and told to try again', async () => {
    clamd.mode = 'silent';
    const objects = s3.objects.size;
    const response = await sam.upload(`/people/${child}/documents/new`, details({ title: 'Unchecked' }), { name: 'a.pdf', bytes: samplePdf(['x']) });
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /could not be checked for viruses, so it has not been uploaded. Try again in a few minutes/);
    assert.match(response.body, /value="Unchecked"/);
    assert.equal(s3.objects.size, objects);
    clamd.mode = 'normal';
  });

  it('answers a file over the limit with 413 and a friendly error, keeping what was typed', async () => {
    const big = Buffer.concat([samplePdf(['x']), Buffer.alloc(1024 * 1024 + 10, 32)]);
    const response = await sam.upload(`/people/${child}/documents/new`, details({ title: 'Too big' }), { name: 'big.pdf', bytes: big });
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /The selected file must be smaller than 1MB/);
    assert.match(response.body, /value="Too big"/);
  });

  it('refuses to serve a file whose stored bytes no longer match the hash taken at upload', async () => {
    const version = await t.db.selectFrom('document_versions as v').innerJoin('documents as d', 'd.id', 'v.document_id').select(['v.storage_key', 'd.id']).where('d.person_id', '=', child).executeTakeFirstOrThrow();
    s3.objects.get(version.storage_key)!.bytes = Buffer.from('%PDF-1.4 tampered');
    const response = await sam.get(`/people/${child}/documents/${version.id}/versions/1/download`);
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /not the one that was uploaded/);
  });
});
