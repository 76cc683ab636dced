import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type NotificationSettings, readNotificationConfig } from './platform/notifications/config.ts';
import { type OidcConfig, readOidcConfig } from './platform/auth/oidc/config.ts';
import { type DocumentSettings, readDocumentConfig } from './platform/storage/config.ts';
import { type Branding, readBrandingConfig } from './domains/letters/branding.ts';
import { type ReturnsSettings, readReturnsConfig } from './domains/returns/settings.ts';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  CAIRN_DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  BREAK_GLASS_HOURS: z.coerce.number().int().min(1).max(72).default(8),
  DEMO: flag.optional(),
  TRUST_PROXY: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CARED_FOR_LABEL: z.string().default('child in care'),
  CAIRN_METRICS_TOKEN: z.string().trim().min(32, 'CAIRN_METRICS_TOKEN must be at least 32 characters').optional(),
  CAIRN_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  CAIRN_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  CAIRN_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  CAIRN_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
});

export type Config = {
  port: number;
  host: string;
  database: { engine: 'postgres'; url: string } | { engine: 'embedded'; dataDir: string | null };
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  signInRateLimitPerMinute: number;
  breakGlassHours: number;
  demo: boolean;
  trustProxy: boolean;
  logLevel: string;
  caredForLabel: string;
  /** The bearer token a Prometheus scraper presents; null means /metrics answers only on a loopback address. */
  metricsToken: string | null;
  /** How long requests in flight have to finish when the process is asked to stop. */
  shutdownTimeoutMs: number;
  /** Email and text messages: the channels configured (none: messages wait in the outbox), links, the dispatcher. */
  notifications: NotificationSettings;
  /** Single sign-on with OpenID Connect; null when not configured (password sign-in only). */
  oidc: OidcConfig | null;
  /** Documents: the upload size limit, the object store (null: the database), the malware scanner (null: none). */
  documents: DocumentSettings;
  /** Requests a minute each API token may make (partner systems). */
  apiRateLimitPerMinute: number;
  /** PostgreSQL, while serving: how long one statement may run (0: no limit). See `openDatabase`. */
  statementTimeoutMs: number;
  /** The Chromium that prints PDFs (subject access bundles; letters and reports later). */
  chromiumPath: string;
  /** The council's letterhead on generated letters: name, address, contact details, logo. */
  branding: Branding;
  /** The header of the statutory returns (CIN census, SSDA903): the LA number, the software's name and release. */
  returns: ReturnsSettings;
};

export class ConfigError extends Error {}

/** Reads the environment once, at start-up, and fails with every problem listed rather than one at a time. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Cairn cannot start: the environment is not valid\n${problems}`);
  }
  const e = parsed.data;
  const notifications = required('notifications are', readNotificationConfig(env));
  const oidc = readOidcConfig(env);
  const documents = required('documents are', readDocumentConfig(env));
  if (oidc.problems.length) throw notConfigured('single sign-on is', oidc.problems);
  const branding = required('the letterhead is', readBrandingConfig(env));
  const returns = required('the statutory returns are', readReturnsConfig(env));
  const database: Config['database'] = e.DATABASE_URL
    ? { engine: 'postgres', url: e.DATABASE_URL }
    : { engine: 'embedded', dataDir: e.CAIRN_DATA_DIR === ':memory:' ? null : e.CAIRN_DATA_DIR };
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(database),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    lockoutAttempts: e.LOCKOUT_ATTEMPTS,
    lockoutMinutes: e.LOCKOUT_MINUTES,
    signInRateLimitPerMinute: e.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    breakGlassHours: e.BREAK_GLASS_HOURS,
    // Demo sign-ins are only ever created on the embedded database unless asked for explicitly.
    demo: e.DEMO ?? database.engine === 'embedded',
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    caredForLabel: e.CARED_FOR_LABEL,
    metricsToken: e.CAIRN_METRICS_TOKEN ?? null,
    shutdownTimeoutMs: e.CAIRN_SHUTDOWN_TIMEOUT_MS,
    notifications,
    oidc: oidc.config,
    documents,
    apiRateLimitPerMinute: e.CAIRN_API_RATE_LIMIT_PER_MINUTE,
    statementTimeoutMs: e.CAIRN_DB_STATEMENT_TIMEOUT_MS,
    chromiumPath: e.CAIRN_CHROMIUM_PATH,
    branding,
    returns,
  };
}

const notConfigured = (what: string, problems: string[]) =>
  new ConfigError(`Cairn cannot start: ${what} not configured correctly\n${problems.map((p) => `  ${p}`).join('\n')}`);

/** A capability's settings, read by its own schema; start-up stops with every problem listed. */
function required<T>(what: string, result: { config: T | null; problems: string[] }): T {
  if (!result.config) throw notConfigured(what, result.problems);
  return result.config;
}

/** A development secret, generated once and kept beside the embedded data so sessions survive restarts. */
function localSessionSecret(database: Config['database']): string {
  if (database.engine === 'postgres' || database.dataDir === null) return randomBytes(32).toString('hex');
  mkdirSync(database.dataDir, { recursive: true });
  const file = join(database.dataDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
