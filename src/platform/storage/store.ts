import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { S3Settings } from './config.ts';

export type StoreKind = 'database' | 's3';

/**
 * Where file contents live. Keys are random ids chosen here, never a name a user gave, so nothing uploaded can name
 * a path or another object. `put` takes the transaction saving the file's record: the database store writes in it
 * (both saved or neither); an object store writes at once, and the caller deletes the object if the record fails.
 */
export interface BlobStore {
  readonly kind: StoreKind;
  put(trx: Kysely<Database>, key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(db: Kysely<Database>, key: string): Promise<Buffer>;
  delete(db: Kysely<Database>, key: string): Promise<void>;
}

/** A fresh storage key: a random id under a fixed prefix. */
export const newStorageKey = () => `documents/${randomUUID()}`;

const KEY = /^documents\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Refuses any key this module did not make, so a stored key changed by hand cannot reach elsewhere in a bucket. */
function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error('Not a document storage key');
  return key;
}

export class MissingBlobError extends Error {
  constructor() {
    super('The file’s contents are missing from the document store');
  }
}

/** File contents in the database itself (`document_blobs`, bytea): the default, backed up with everything else. */
export class DatabaseStore implements BlobStore {
  readonly kind = 'database' as const;

  async put(trx: Kysely<Database>, key: string, bytes: Uint8Array, _contentType?: string): Promise<void> {
    await trx.insertInto('document_blobs').values({ key: checkKey(key), bytes: Buffer.from(bytes) }).execute();
  }

  async get(db: Kysely<Database>, key: string): Promise<Buffer> {
    const row = await db.selectFrom('document_blobs').select('bytes').where('key', '=', checkKey(key)).executeTakeFirst();
    if (!row) throw new MissingBlobError();
    return Buffer.from(row.bytes);
  }

  async delete(db: Kysely<Database>, key: string): Promise<void> {
    await db.deleteFrom('document_blobs').where('key', '=', checkKey(key)).execute();
  }
}

/** File contents in an S3-compatible object store (AWS S3, MinIO, Ceph): PUT, GET and DELETE of one object each. */
export class S3Store implements BlobStore {
  readonly kind = 's3' as const;
  /** The AWS SDK is large and most installations keep files in the database: it is loaded at the first use. */
  private client: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }> | null = null;

  constructor(private readonly settings: S3Settings) {}

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: this.settings.region,
        ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
        ...(this.settings.credentials ? { credentials: this.settings.credentials } : {}),
        forcePathStyle: this.settings.forcePathStyle,
        // Only the checksums S3 requires: many S3-compatible stores do not understand the newer optional ones.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
      }),
    }));
    return this.client;
  }

  async put(_trx: Kysely<Database>, key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.settings.bucket, Key: checkKey(key), Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
  }

  async get(_db: Kysely<Database>, key: string): Promise<Buffer> {
    const { sdk, client } = await this.connect();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: checkKey(key) }));
      if (!object.Body) throw new MissingBlobError();
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') throw new MissingBlobError();
      throw error;
    }
  }

  async delete(_db: Kysely<Database>, key: string): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: checkKey(key) }));
  }

  destroy(): void {
    void this.client?.then(({ client }) => client.destroy());
  }
}

/**
 * The stores this configuration can read, and the one new files go to: a version is read from the store it was
 * written to, so turning S3 on later leaves earlier files readable from the database.
 */
export function documentStores(s3: S3Settings | null): { write: BlobStore; read: (kind: string) => BlobStore | null } {
  const database = new DatabaseStore();
  const object = s3 ? new S3Store(s3) : null;
  return {
    write: object ?? database,
    read: (kind) => (kind === 'database' ? database : kind === 's3' ? object : null),
  };
}
