import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type FakeClamd, EICAR, startFakeClamd } from '../../../test/support/fake-clamd.ts';
import { type FakeS3, startFakeS3 } from '../../../test/support/fake-s3.ts';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { samplePdf } from '../../domains/documents/samples.ts';
import { readDocumentConfig } from './config.ts';
import { ClamAvScanner, interpret } from './scan.ts';
import { DatabaseStore, documentStores, MissingBlobError, newStorageKey, S3Store } from './store.ts';

describe('document stores', () => {
  let database: Connection;
  let s3: FakeS3;
  before(async () => {
    database = await testDatabase();
    s3 = await startFakeS3();
  });
  after(async () => {
    await database?.close();
    await s3?.close();
  });

  it('keeps file contents in the database and gives back exactly the bytes stored', async () => {
    const store = new DatabaseStore();
    const key = newStorageKey();
    const bytes = Buffer.concat([samplePdf(['Round trip']), Buffer.from([0, 255, 1, 254])]);
    await database.db.transaction().execute((trx) => store.put(trx, key, bytes, 'application/pdf'));
    const back = await store.get(database.db, key);
    assert.equal(createHash('sha256').update(back).digest('hex'), createHash('sha256').update(bytes).digest('hex'));
    await store.delete(database.db, key);
    await assert.rejects(store.get(database.db, key), MissingBlobError);
  });

  it('writes nothing when the transaction that stores it rolls back', async () => {
    const store = new DatabaseStore();
    const key = newStorageKey();
    await assert.rejects(database.db.transaction().execute(async (trx) => {
      await store.put(trx, key, Buffer.from('x'), 'text/plain');
      throw new Error('the record failed');
    }));
    await assert.rejects(store.get(database.db, key), MissingBlobError);
  });

  it('refuses keys it did not make, so a key cannot reach another object or a path', async () => {
    const store = new DatabaseStore();
    for (const key of ['../etc/passwd', 'documents/../../x', 'other/1', 'documents/not-a-uuid']) {
      await assert.rejects(store.get(database.db, key), /Not a document storage key/);
    }
  });

  it('puts, gets and deletes objects in an S3-compatible store, signed with SigV4, under the random key', async () => {
    const store = new S3Store({ bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }, forcePathStyle: true });
    const key = newStorageKey();
    const bytes = samplePdf(['Kept in the object store']);
    await store.put(database.db, key, bytes, 'application/pdf');
    const put = s3.requests.at(-1)!;
    assert.equal(put.method, 'PUT');
    assert.equal(put.path, `/${s3.bucket}/${key}`);
    assert.match(put.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDCAIRNTEST\/\d{8}\/eu-west-2\/s3\/aws4_request/);
    assert.ok(put.verified, 'the signature is valid for the request as sent');
    assert.deepEqual(s3.objects.get(key)?.bytes, bytes);
    assert.equal(s3.objects.get(key)?.contentType, 'application/pdf');
    assert.deepEqual(await store.get(database.db, key), bytes);
    assert.equal(s3.requests.at(-1)!.method, 'GET');
    await store.delete(database.db, key);
    assert.equal(s3.objects.has(key), false);
    await assert.rejects(store.get(database.db, key), MissingBlobError);
    store.destroy();
  });

  it('fails when the credentials are wrong (the server checks the signature)', async () => {
    const store = new S3Store({ bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: 'wrong-secret' }, forcePathStyle: true });
    await assert.rejects(store.put(database.db, newStorageKey(), Buffer.from('x'), 'text/plain'), /SignatureDoesNotMatch/);
    assert.equal(s3.requests.at(-1)!.verified, false);
    store.destroy();
  });

  it('reads each version from the store it was written to, and writes new files to S3 once configured', () => {
    const withS3 = documentStores({ bucket: 'b-1', endpoint: s3.endpoint, region: 'eu-west-2', credentials: null, forcePathStyle: true });
    assert.equal(withS3.write.kind, 's3');
    assert.equal(withS3.read('database')?.kind, 'database');
    const without = documentStores(null);
    assert.equal(without.write.kind, 'database');
    assert.equal(without.read('s3'), null);
  });

  it('reads its configuration with every problem listed', () => {
    assert.equal(readDocumentConfig({}).config?.maxBytes, 20 * 1024 * 1024);
    assert.equal(readDocumentConfig({}).config?.s3, null);
    assert.deepEqual(readDocumentConfig({ CAIRN_S3_BUCKET: 'docs', CAIRN_S3_ACCESS_KEY_ID: 'a' }).problems, ['CAIRN_S3_ACCESS_KEY_ID and CAIRN_S3_SECRET_ACCESS_KEY: set both or neither']);
    assert.match(readDocumentConfig({ CAIRN_S3_BUCKET: 'Not_A_Bucket' }).problems.join(), /S3 bucket name/);
    assert.match(readDocumentConfig({ CAIRN_UPLOAD_MAX_MB: '0' }).problems.join(), /CAIRN_UPLOAD_MAX_MB/);
    const full = readDocumentConfig({ CAIRN_S3_BUCKET: 'docs', CAIRN_S3_FORCE_PATH_STYLE: 'true', CAIRN_CLAMAV_HOST: 'clamd', CAIRN_UPLOAD_MAX_MB: '5' }).config!;
    assert.deepEqual(full.s3, { bucket: 'docs', endpoint: null, region: 'eu-west-2', credentials: null, forcePathStyle: true });
    assert.deepEqual(full.clamav, { host: 'clamd', port: 3310, timeoutMs: 30_000 });
    assert.equal(full.maxBytes, 5 * 1024 * 1024);
  });
});

describe('the ClamAV scanner', () => {
  let clamd: FakeClamd;
  before(async () => {
    clamd = await startFakeClamd();
  });
  after(() => clamd?.close());
  const scanner = () => new ClamAvScanner({ host: clamd.host, port: clamd.port, timeoutMs: 500 });

  it('streams the file in chunks and reads a clean answer', async () => {
    clamd.mode = 'normal';
    const big = Buffer.alloc(200 * 1024, 7);
    assert.deepEqual(await scanner().scan(big), { status: 'clean' });
    assert.deepEqual(clamd.scanned.at(-1), big, 'every byte arrived, in order');
  });

  it('reports the EICAR test file as infected, by name', async () => {
    clamd.mode = 'normal';
    assert.deepEqual(await scanner().scan(Buffer.from(`note\n${EICAR}\n`)), { status: 'infected', signature: 'Eicar-Test-Signature' });
  });

  it('fails closed: an error answer, silence past the timeout, or nobody listening is an error', async () => {
    clamd.mode = 'error';
    assert.deepEqual(await scanner().scan(Buffer.from('x')), { status: 'error', reason: 'The file is larger than the virus scanner accepts.' });
    clamd.mode = 'silent';
    assert.deepEqual(await scanner().scan(Buffer.from('x')), { status: 'error', reason: 'The virus scanner did not answer in time.' });
    const nobody = new ClamAvScanner({ host: '127.0.0.1', port: 1, timeoutMs: 500 });
    assert.deepEqual(await nobody.scan(Buffer.from('x')), { status: 'error', reason: 'The virus scanner could not be reached.' });
  });

  it('understands only clamd’s own answers', () => {
    assert.deepEqual(interpret('stream: OK\0'), { status: 'clean' });
    assert.deepEqual(interpret('stream: Win.Test.EICAR_HDB-1 FOUND\0'), { status: 'infected', signature: 'Win.Test.EICAR_HDB-1' });
    assert.equal(interpret('').status, 'error');
    assert.equal(interpret('PONG').status, 'error');
  });
});
