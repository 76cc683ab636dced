import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server speaking the part of the S3 API Cairn uses (path-style PUT, GET and DELETE of one object),
 * which refuses any request without a valid AWS Signature Version 4 for its one set of credentials: the signature is
 * recomputed here from the canonical request, and the payload hash checked against the body.
 */
export interface FakeS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { bytes: Buffer; contentType: string | undefined }>;
  requests: { method: string; path: string; authorization: string; verified: boolean }[];
  close(): Promise<void>;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function verifySignature(request: IncomingMessage, body: Buffer, secret: string, accessKeyId: string, region: string): boolean {
  const auth = String(request.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match || match[1] !== accessKeyId || match[3] !== region) return false;
  const [, , day, , signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) return false;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const query = [...url.searchParams].map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)]).sort(([a], [b]) => (a! < b! ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames.map((h) => `${h}:${String(request.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [request.method, url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  return hmac(key, toSign).toString('hex') === signature;
}

export async function startFakeS3(options: { bucket?: string } = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? 'cairn-documents';
  const region = 'eu-west-2';
  const accessKeyId = 'AKIDCAIRNTEST';
  const secretAccessKey = 'cairn-test-secret-not-real';
  const objects: FakeS3['objects'] = new Map();
  const requests: FakeS3['requests'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const verified = verifySignature(request, body, secretAccessKey, accessKeyId, region);
      requests.push({ method: request.method ?? '', path, authorization: String(request.headers.authorization ?? ''), verified });
      const xml = (status: number, code: string) => response.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
      if (!verified) return xml(403, 'SignatureDoesNotMatch');
      const prefix = `/${bucket}/`;
      if (!path.startsWith(prefix)) return xml(404, 'NoSuchBucket');
      const key = path.slice(prefix.length);
      if (request.method === 'PUT') {
        objects.set(key, { bytes: body, contentType: request.headers['content-type'] });
        return response.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      }
      const object = objects.get(key);
      if (request.method === 'GET') {
        if (!object) return xml(404, 'NoSuchKey');
        return response.writeHead(200, { 'content-type': object.contentType ?? 'application/octet-stream', 'content-length': object.bytes.length }).end(object.bytes);
      }
      if (request.method === 'DELETE') {
        objects.delete(key);
        return response.writeHead(204).end();
      }
      return xml(405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The environment that points Cairn at this server. */
export const s3Env = (s3: FakeS3): NodeJS.ProcessEnv => ({
  CAIRN_S3_BUCKET: s3.bucket,
  CAIRN_S3_ENDPOINT: s3.endpoint,
  CAIRN_S3_REGION: s3.region,
  CAIRN_S3_ACCESS_KEY_ID: s3.accessKeyId,
  CAIRN_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  CAIRN_S3_FORCE_PATH_STYLE: 'true',
});
