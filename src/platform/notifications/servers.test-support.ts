import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { NotificationSettings } from './config.ts';

/** Real local counterparts for the notification tests: an SMTP relay and an HTTP server that answers like Notify. */

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  body: string;
  raw: string;
}

/** Quoted-printable, as nodemailer writes a long plain-text body. */
const fromQuotedPrintable = (text: string) => text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * A real SMTP server on a free local port (the `smtp-server` package). `refuse` answers the first n messages with a
 * 451 temporary failure that quotes the recipient, as relays do, so tests see retries and that the address is kept out.
 */
export async function startSmtp(options: { refuse?: number } = {}) {
  const received: ReceivedMail[] = [];
  let refusals = options.refuse ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (refusals > 0) {
          refusals -= 1;
          const error = Object.assign(new Error(`Mailbox <${to[0]}> busy, try again later`), { responseCode: 451 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
        const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
        const qp = /Content-Transfer-Encoding: quoted-printable/i.test(head);
        const body = rest.join('\n\n');
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, subject, body: qp ? fromQuotedPrintable(body) : body, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const NOTIFY_SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
export const NOTIFY_SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
export const NOTIFY_KEY = `cairn_test-${NOTIFY_SERVICE_ID}-${NOTIFY_SECRET}`;
export const EMAIL_TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
export const SMS_TEMPLATE = 'a1b2c3d4-0000-4000-8000-000000000001';

export interface NotifyRequest {
  path: string;
  body: Record<string, unknown>;
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** Checks a request's token as Notify does: HS256 signed with the key's secret, issued by the service, and recent. */
function tokenProblem(request: IncomingMessage): string | null {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return 'Unauthorized, authentication token must be provided';
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return 'Invalid token: signature';
  const expected = createHmac('sha256', NOTIFY_SECRET).update(`${header}.${payload}`).digest();
  const given = b64url(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'Invalid token: API key not found';
  const claims = JSON.parse(b64url(payload).toString('utf8')) as { iss?: string; iat?: number };
  if (JSON.parse(b64url(header).toString('utf8')).alg !== 'HS256') return 'Invalid token: algorithm';
  if (claims.iss !== NOTIFY_SERVICE_ID) return 'Invalid token: service not found';
  if (!claims.iat || Math.abs(Date.now() / 1000 - claims.iat) > 30) return 'Error: Your system clock must be accurate to within 30 seconds';
  return null;
}

/**
 * An HTTP server that checks requests as GOV.UK Notify's API would (the token, the path, the template, the recipient
 * and personalisation) and answers in its shapes; `fail` answers the next n requests with a 500 error.
 */
export async function startNotify(options: { fail?: number } = {}) {
  const requests: NotifyRequest[] = [];
  let failures = options.fail ?? 0;
  const server = createServer((request, response) => {
    let data = '';
    request.on('data', (c: Buffer) => (data += c.toString('utf8')));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const error = (status: number, kind: string, message: string) => answer(status, { status_code: status, errors: [{ error: kind, message }] });
      const problem = tokenProblem(request);
      if (problem) return error(403, 'AuthError', problem);
      const body = JSON.parse(data || '{}') as Record<string, unknown>;
      const kind = request.url === '/v2/notifications/email' ? 'email' : request.url === '/v2/notifications/sms' ? 'sms' : null;
      if (request.method !== 'POST' || !kind) return error(404, 'NotFound', 'Not found');
      const personalisation = body.personalisation as Record<string, string> | undefined;
      if (kind === 'email' && (body.template_id !== EMAIL_TEMPLATE || typeof body.email_address !== 'string' || !personalisation?.subject || !personalisation.body)) {
        return error(400, 'BadRequestError', 'Missing personalisation: subject, body');
      }
      if (kind === 'sms' && (body.template_id !== SMS_TEMPLATE || !/^\+447\d{9}$/.test(String(body.phone_number)) || !personalisation?.body)) {
        return error(400, 'BadRequestError', `Missing personalisation or not a UK mobile number: ${String(body.phone_number)}`);
      }
      requests.push({ path: request.url!, body });
      if (failures > 0) {
        failures -= 1;
        return error(500, 'Exception', 'Internal server error');
      }
      const id = randomUUID();
      return answer(201, { id, reference: body.reference ?? null, uri: `/v2/notifications/${id}`, template: { id: body.template_id, version: 1, uri: '' }, content: { body: personalisation?.body } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Settings for a dispatcher under test: nothing configured unless given. */
export function settings(overrides: Partial<NotificationSettings> = {}): NotificationSettings {
  return { publicUrl: 'https://cairn.test', smtp: null, notify: null, pollSeconds: 1, maxAttempts: 3, reminderHour: 0, ...overrides };
}
