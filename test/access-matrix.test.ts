/**
 * The access matrix: every role × every route × a record shared with the user's agency, one shared with nobody,
 * and a restricted one. Each route is classified below by the permission it needs; a route added without a
 * classification fails this test, so nothing reaches users unchecked. The expected answer comes from can(),
 * whose decisions are pinned literally in src/platform/access/rules.test.ts; this test proves that each route
 * asks the right question and answers 403 exactly when it should.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { RouteOptions } from 'fastify';
import { DEMO_USERS } from '../src/demo/organisation.ts';
import { loadPersonScope } from '../src/platform/access/authorise.ts';
import { type Action, can } from '../src/platform/access/rules.ts';
import { loadCurrentUser } from '../src/platform/auth/users.ts';
import { type TestApp, type TestClient, testApp } from './support/app.ts';

type Rule =
  | { kind: 'unchecked'; why: string }
  | { kind: 'signed-in' }
  | { kind: 'system'; action: Action }
  | { kind: 'person'; action: Action; body?: unknown }
  /** Offered only to those refused a record who may break glass; those who can already see it are sent to it. */
  | { kind: 'break-glass'; body?: unknown };

const person = (action: Action, body?: unknown): Rule => ({ kind: 'person', action, body });
const system = (action: Action): Rule => ({ kind: 'system', action });
const signedIn: Rule = { kind: 'signed-in' };

const ROUTES: Record<string, Rule> = {
  'GET /sign-in': { kind: 'unchecked', why: 'public' },
  'POST /sign-in': { kind: 'unchecked', why: 'public' },
  'POST /sign-out': { kind: 'unchecked', why: 'ends the session the matrix is using' },
  'GET /health': { kind: 'unchecked', why: 'public' },
  'GET /assets/*': { kind: 'unchecked', why: 'public static files' },
  'GET /api/docs': signedIn,
  'GET /api/docs/openapi.json': signedIn,
  'GET /': signedIn,
  'GET /account/password': signedIn,
  'POST /account/password': signedIn,
  'GET /alerts': signedIn,
  'POST /alerts/:id/read': signedIn,
  'POST /alerts/read': signedIn,
  'GET /api/v1/csrf-token': signedIn,
  'GET /figures': system('aggregates.view'),
  'GET /admin/users': system('users.manage'),
  'GET /admin/users/new': system('users.manage'),
  'POST /admin/users/new': system('users.manage'),
  'GET /admin/users/:id/edit': system('users.manage'),
  'POST /admin/users/:id/edit': system('users.manage'),
  'GET /admin/users/:id/reset-password': system('users.manage'),
  'POST /admin/users/:id/reset-password': system('users.manage'),
  'POST /admin/users/:id/unlock': system('users.manage'),
  'GET /admin/agencies': system('users.manage'),
  'GET /admin/agencies/new': system('users.manage'),
  'POST /admin/agencies/new': system('users.manage'),
  'GET /admin/agencies/:id/teams/new': system('users.manage'),
  'POST /admin/agencies/:id/teams/new': system('users.manage'),
  'GET /admin/audit': system('audit.search'),
  'GET /admin/audit.csv': system('audit.search'),
  'GET /people': system('person.search'),
  'POST /people/search': system('person.search'),
  'GET /people/new': system('person.create'),
  'POST /people/new': system('person.create'),
  'POST /api/v1/people/search': { kind: 'system', action: 'person.search' },
  'POST /api/v1/people': system('person.create'),
  'GET /people/:id': person('person.view'),
  'GET /people/:id/chronology': person('person.view'),
  'GET /api/v1/people/:id': person('person.view'),
  'GET /api/v1/people/:id/chronology': person('person.view'),
  'GET /people/:id/edit': person('person.edit'),
  'POST /people/:id/edit': person('person.edit'),
  // A well-formed edit naming a version that never existed: allowed callers get 409, and nothing changes.
  'PATCH /api/v1/people/:id': person('person.edit', {
    version: 1_000_000,
    personType: 'child',
    givenName: 'Matrix',
    familyName: 'Check',
    dateOfBirth: '2015-06-01',
    sex: 'F',
  }),
  'GET /people/:id/names/new': person('person.edit'),
  'POST /people/:id/names/new': person('person.edit'),
  'GET /people/:id/addresses/new': person('person.edit'),
  'POST /people/:id/addresses/new': person('person.edit'),
  'GET /people/:id/relationships/new': person('person.edit'),
  'POST /people/:id/relationships/search': person('person.edit'),
  'POST /people/:id/relationships/new': person('person.edit'),
  'GET /people/:id/sharing/new': person('person.share'),
  'POST /people/:id/sharing/new': person('person.share'),
  'POST /people/:id/sharing/:involvementId/end': person('person.share'),
  'GET /people/:id/restrict': person('person.restrict'),
  'POST /people/:id/restrict': person('person.restrict'),
  'GET /people/:id/merge': person('person.merge'),
  'POST /people/:id/merge/search': person('person.merge'),
  'GET /people/:id/merge/:duplicateId': person('person.merge'),
  'POST /people/:id/merge/:duplicateId': person('person.merge'),
  'GET /people/:id/viewers': person('person.viewers'),
  'GET /people/:id/break-glass': { kind: 'break-glass' },
  'POST /people/:id/break-glass': { kind: 'break-glass' },
  'POST /api/v1/people/:id/break-glass': { kind: 'break-glass', body: { reason: 'Access matrix check of emergency access' } },
};

const API_BODIES: Record<string, unknown> = {
  'POST /api/v1/people/search': { name: 'matrix' },
  'POST /api/v1/people': { personType: 'adult', givenName: 'Matrix', familyName: 'Check', dateOfBirth: '1980-01-01', sex: 'M' },
};

describe('access matrix: every role × every route × shared, unshared and restricted records', () => {
  let t: TestApp;
  const routes: string[] = [];
  const records: Record<'shared' | 'not shared' | 'restricted', string> = { shared: '', 'not shared': '', restricted: '' };
  let someUserId = '';
  let someAgencyId = '';

  before(async () => {
    t = await testApp({
      children: 30,
      onRoute: (route: RouteOptions) => {
        for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
      },
    });
    const children = await t.db.selectFrom('people').select('id').where('person_type', '=', 'child').orderBy('id').limit(3).execute();
    const [shared, unshared, restricted] = children.map((c) => c.id) as [string, string, string];
    const agencies = await t.db.selectFrom('agencies').select('id').execute();
    // Start from a clean slate for these three children, then set up exactly the situation each column names.
    await t.db.deleteFrom('involvements').where('person_id', 'in', [shared, unshared, restricted]).execute();
    await t.db.deleteFrom('restricted_access').where('person_id', 'in', [shared, unshared, restricted]).execute();
    await t.db.updateTable('people').set({ restricted: false }).where('id', 'in', [shared, unshared]).execute();
    await t.db.updateTable('people').set({ restricted: true }).where('id', '=', restricted).execute();
    for (const { id } of agencies) {
      for (const personId of [shared, restricted]) {
        await t.db.insertInto('involvements').values({ person_id: personId, agency_id: id, basis: 'consent', detail: 'matrix' }).execute();
      }
    }
    Object.assign(records, { shared, 'not shared': unshared, restricted });
    someUserId = (await t.db.selectFrom('users').select('id').where('email', '=', 'sam.rowe@cairn.example').executeTakeFirstOrThrow()).id;
    someAgencyId = agencies[0]!.id;
  });
  after(() => t.close());

  it('classifies every route the app serves', () => {
    const unclassified = routes.filter((r) => !(r in ROUTES));
    assert.deepEqual(unclassified, [], 'add each new route to ROUTES with the permission it needs');
    const stale = Object.keys(ROUTES).filter((r) => !routes.includes(r));
    assert.deepEqual(stale, [], 'these classified routes no longer exist');
  });

  for (const demoUser of DEMO_USERS) {
    it(`${demoUser.roles.join(', ')} (${demoUser.email}) gets 403 exactly where can() refuses`, async () => {
      const client = await t.client();
      assert.equal((await client.signIn(demoUser.email)).statusCode, 302);
      const userId = (await t.db.selectFrom('users').select('id').where('email', '=', demoUser.email).executeTakeFirstOrThrow()).id;
      const actor = (await loadCurrentUser(t.db, userId))!;
      const mismatches: string[] = [];

      for (const route of routes) {
        const rule = ROUTES[route];
        if (!rule || rule.kind === 'unchecked') continue;
        const [method, pattern] = route.split(' ') as [string, string];
        const columns = rule.kind === 'person' || rule.kind === 'break-glass' ? Object.entries(records) : [['none', '']];
        for (const [column, personId] of columns) {
          let expectForbidden: boolean;
          if (rule.kind === 'signed-in') expectForbidden = false;
          else if (rule.kind === 'system') expectForbidden = !can(actor, rule.action).allowed;
          else {
            // Read the scope now, not once: break-glass grants made earlier in this loop widen it.
            const scope = (await loadPersonScope(t.db, personId!))!;
            const decision = can(actor, rule.kind === 'person' ? rule.action : 'person.view', { kind: 'person', person: scope });
            expectForbidden = rule.kind === 'person' ? !decision.allowed : !decision.allowed && !decision.breakGlass;
          }
          const url = pattern
            .replace('/people/:id', `/people/${personId || randomUUID()}`)
            .replace(':duplicateId', records['not shared'])
            .replace('/admin/users/:id', `/admin/users/${someUserId}`)
            .replace('/admin/agencies/:id', `/admin/agencies/${someAgencyId}`)
            .replace(/:[a-zA-Z]+/g, () => randomUUID());
          const body = (rule.kind === 'person' || rule.kind === 'break-glass' ? rule.body : undefined) ?? API_BODIES[route];
          const response = await request(client, method, url, body);
          const forbidden = response.statusCode === 403;
          if (response.statusCode >= 500) mismatches.push(`${route} [${column}] answered ${response.statusCode}`);
          else if (forbidden !== expectForbidden) {
            mismatches.push(`${route} [${column}] answered ${response.statusCode}, expected ${expectForbidden ? '403' : 'not 403'}`);
          }
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }

  it('answers 401 or the sign-in page, never data, to someone not signed in', async () => {
    const client = await t.client();
    for (const route of routes) {
      const rule = ROUTES[route];
      if (!rule || rule.kind === 'unchecked' || route.startsWith('GET /api/docs')) continue;
      const [method, pattern] = route.split(' ') as [string, string];
      const url = pattern.replace(/:[a-zA-Z]+/g, () => records.shared);
      const response = await request(client, method, url, API_BODIES[route]);
      const refused = response.statusCode === 401 || (response.statusCode === 302 && String(response.headers.location).startsWith('/sign-in'));
      assert.ok(refused, `${route} answered ${response.statusCode} to someone not signed in`);
    }
  });
});

function request(client: TestClient, method: string, url: string, body: unknown) {
  if (url.startsWith('/api/')) return client.api(method as 'GET' | 'POST' | 'PATCH', url, method === 'GET' ? undefined : (body ?? {}));
  return method === 'GET' ? client.get(url) : client.post(url);
}
