import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { TestClient } from '../../../test/support/app.ts';
import type { Database } from '../../db/types.ts';
import { addMonths, ukToday } from '../../platform/calendar/working-days.ts';

export const ADA = 'ada.kerr@cairn.example';

export const agencyId = async (db: Kysely<Database>, name: string) => (await db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

const dateParts = (date: string, name: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

/** Creates a token through the administrator's form, as a person would, and reads the secret off the page. */
export async function createTokenAs(admin: TestClient, input: { name: string; agencyId: string; scopes: string[]; expiresOn?: string; idempotencyKey?: string }) {
  const response = await admin.post('/admin/api-tokens/new', {
    name: input.name,
    agencyId: input.agencyId,
    scopes: input.scopes,
    ...dateParts(input.expiresOn ?? addMonths(ukToday(), 3), 'expiresOn'),
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  });
  const secret = /id="api-token"[^>]*value="(cairn_pat_[^"]+)"/.exec(response.body)?.[1] ?? null;
  return { response, secret };
}

/** An API call with a bearer token and no cookie: what a partner system sends. */
export async function bearer(app: FastifyInstance, token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { statusCode: r.statusCode, headers: r.headers, body: r.body, json: <T>() => r.json() as T };
}

export const schoolContact = (children: unknown[]) => ({
  children,
  source: 'school',
  referrer: { name: 'Pat Quinn', role: 'Designated safeguarding lead', email: 'pat.quinn@cairn.example' },
  reason: 'Said she is frightened of going home because of shouting and hitting at night.',
  presentingNeeds: ['physical_abuse'],
  consent: 'given',
  urgency: 'same_day',
});
