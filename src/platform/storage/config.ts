import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The environment variables for documents (uploads, their store, the malware scanner); src/config.ts reads them at start-up. */
const documentEnv = z.object({
  CAIRN_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  CAIRN_S3_BUCKET: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)').optional(),
  CAIRN_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) address, like https://s3.eu-west-2.amazonaws.com' }).optional(),
  CAIRN_S3_REGION: z.string().trim().min(1).default('eu-west-2'),
  CAIRN_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  CAIRN_S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  CAIRN_S3_FORCE_PATH_STYLE: flag.default(false),
  CAIRN_CLAMAV_HOST: z.string().trim().min(1).optional(),
  CAIRN_CLAMAV_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  CAIRN_CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

export interface S3Settings {
  bucket: string;
  endpoint: string | null;
  region: string;
  /** Null: the SDK's own chain (an instance role, the standard AWS variables). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  forcePathStyle: boolean;
}

export interface DocumentSettings {
  maxBytes: number;
  /** Null: file contents are kept in the database (`document_blobs`). */
  s3: S3Settings | null;
  /** Null: no scanner; documents are stored and shown as not scanned. */
  clamav: { host: string; port: number; timeoutMs: number } | null;
}

/** Reads the document settings with every problem listed (a key id without its secret, and so on). */
export function readDocumentConfig(env: NodeJS.ProcessEnv): { config: DocumentSettings | null; problems: string[] } {
  const parsed = documentEnv.safeParse(env);
  if (!parsed.success) return { config: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  const problems: string[] = [];
  if (Boolean(e.CAIRN_S3_ACCESS_KEY_ID) !== Boolean(e.CAIRN_S3_SECRET_ACCESS_KEY)) {
    problems.push('CAIRN_S3_ACCESS_KEY_ID and CAIRN_S3_SECRET_ACCESS_KEY: set both or neither');
  }
  if (!e.CAIRN_S3_BUCKET && (e.CAIRN_S3_ENDPOINT || e.CAIRN_S3_ACCESS_KEY_ID)) problems.push('CAIRN_S3_BUCKET: set the bucket when other CAIRN_S3_ settings are set');
  if (problems.length) return { config: null, problems };
  return {
    problems,
    config: {
      maxBytes: e.CAIRN_UPLOAD_MAX_MB * 1024 * 1024,
      s3: e.CAIRN_S3_BUCKET
        ? {
            bucket: e.CAIRN_S3_BUCKET,
            endpoint: e.CAIRN_S3_ENDPOINT ?? null,
            region: e.CAIRN_S3_REGION,
            credentials: e.CAIRN_S3_ACCESS_KEY_ID && e.CAIRN_S3_SECRET_ACCESS_KEY ? { accessKeyId: e.CAIRN_S3_ACCESS_KEY_ID, secretAccessKey: e.CAIRN_S3_SECRET_ACCESS_KEY } : null,
            forcePathStyle: e.CAIRN_S3_FORCE_PATH_STYLE,
          }
        : null,
      clamav: e.CAIRN_CLAMAV_HOST ? { host: e.CAIRN_CLAMAV_HOST, port: e.CAIRN_CLAMAV_PORT, timeoutMs: e.CAIRN_CLAMAV_TIMEOUT_MS } : null,
    },
  };
}
