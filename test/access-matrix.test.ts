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
import { DEMO_AGENCIES, DEMO_USERS } from '../src/demo/organisation.ts';
import { loadPersonScopes } from '../src/platform/access/authorise.ts';
import { can } from '../src/platform/access/rules.ts';
import { loadCurrentUser } from '../src/platform/auth/users.ts';
import { CARE_LEAVER_ROUTES } from './access-routes/care-leavers.ts';
import { CASEWORK_ROUTES } from './access-routes/casework.ts';
import { CHILD_PROTECTION_ROUTES } from './access-routes/child-protection.ts';
import { CHILDREN_IN_CARE_ROUTES } from './access-routes/children-in-care.ts';
import { EARLY_HELP_ROUTES } from './access-routes/early-help.ts';
import { FOUNDATION_ROUTES } from './access-routes/foundation.ts';
import { FORECAST_ROUTES } from './access-routes/forecast.ts';
import { FORECAST_SETTINGS_ROUTES } from './access-routes/forecast-settings.ts';
import { GOVERNANCE_SAR_ROUTES } from './access-routes/governance-sar.ts';
import { GOVERNANCE_RETENTION_ROUTES } from './access-routes/governance-retention.ts';
import { SINGLE_SIGN_ON_ROUTES } from './access-routes/single-sign-on.ts';
import { FRONT_DOOR_ROUTES } from './access-routes/front-door.ts';
import { INBOX_ROUTES } from './access-routes/inbox.ts';
import { LADO_ROUTES } from './access-routes/lado.ts';
import { MARAC_ROUTES } from './access-routes/marac.ts';
import { CDOP_ROUTES } from './access-routes/cdop.ts';
import { DISAGREEMENT_ROUTES } from './access-routes/disagreements.ts';
import { MISSING_ROUTES } from './access-routes/missing.ts';
import { OUTSIDE_PLACES_ROUTES } from './access-routes/outside-places.ts';
import { OUTSIDE_ASSOCIATION_ROUTES } from './access-routes/outside-associations.ts';
import { OUTSIDE_GROUP_ROUTES } from './access-routes/outside-groups.ts';
import { PARTNER_API_ROUTES } from './access-routes/partner-api.ts';
import { DOCUMENT_ROUTES } from './access-routes/documents.ts';
import { LETTER_ROUTES } from './access-routes/letters.ts';
import { NOTIFICATION_ROUTES } from './access-routes/notifications.ts';
import { PANEL_ROUTES } from './access-routes/panels.ts';
import { PRACTICE_REVIEW_ROUTES } from './access-routes/practice-reviews.ts';
import { PRIVATE_FOSTERING_ROUTES } from './access-routes/private-fostering.ts';
import { REFERRAL_ROUTES } from './access-routes/referrals.ts';
import { RETURNS_ROUTES } from './access-routes/returns.ts';
import { CASE_AUDIT_ROUTES } from './access-routes/case-audits.ts';
import { SECTION11_ROUTES } from './access-routes/section11.ts';
import { BOARD_ROUTES } from './access-routes/board.ts';
import { TRAINING_ROUTES } from './access-routes/training.ts';
import { SURVEY_ROUTES } from './access-routes/surveys.ts';
import { DATASET_DASHBOARD_ROUTES } from './access-routes/dataset-dashboards.ts';
import { DATASET_SETTINGS_ROUTES } from './access-routes/dataset-settings.ts';
import { ANNUAL_REPORT_ROUTES } from './access-routes/annual-report.ts';
import { CHILDS_VOICE_ROUTES } from './access-routes/childs-voice.ts';
import { PRACTICE_TOOL_ROUTES } from './access-routes/practice-tools.ts';
import { PARTNERSHIP_ROUTES } from './access-routes/partnership.ts';
import type { Rule } from './access-routes/rules.ts';
import { type TestApp, type TestClient, testApp } from './support/app.ts';

/**
 * Each capability classifies its own routes in test/access-routes/<capability>.ts: a route is `signedIn` (anyone
 * signed in), `system(action)` (403 exactly when can() refuses the action), `person(action)` (under /people/:id,
 * checked against a shared, an unshared and a restricted record) or `unchecked` with the reason.
 */
const ROUTES: Record<string, Rule> = { ...FOUNDATION_ROUTES, ...SINGLE_SIGN_ON_ROUTES, ...FRONT_DOOR_ROUTES, ...EARLY_HELP_ROUTES, ...PANEL_ROUTES, ...INBOX_ROUTES,
  ...REFERRAL_ROUTES, ...CHILD_PROTECTION_ROUTES, ...CHILDREN_IN_CARE_ROUTES, ...CARE_LEAVER_ROUTES, ...MISSING_ROUTES, ...CASEWORK_ROUTES,
  ...PRIVATE_FOSTERING_ROUTES, ...LADO_ROUTES, ...MARAC_ROUTES, ...CDOP_ROUTES, ...DISAGREEMENT_ROUTES, ...PRACTICE_REVIEW_ROUTES, ...FORECAST_SETTINGS_ROUTES, ...FORECAST_ROUTES, ...OUTSIDE_PLACES_ROUTES, ...OUTSIDE_ASSOCIATION_ROUTES, ...OUTSIDE_GROUP_ROUTES, ...PARTNER_API_ROUTES, ...DOCUMENT_ROUTES, ...LETTER_ROUTES, ...GOVERNANCE_SAR_ROUTES, ...GOVERNANCE_RETENTION_ROUTES, ...NOTIFICATION_ROUTES, ...RETURNS_ROUTES,
  ...PARTNERSHIP_ROUTES, ...CASE_AUDIT_ROUTES, ...SECTION11_ROUTES, ...BOARD_ROUTES, ...TRAINING_ROUTES, ...SURVEY_ROUTES, ...CHILDS_VOICE_ROUTES, ...PRACTICE_TOOL_ROUTES,
  ...DATASET_DASHBOARD_ROUTES, ...DATASET_SETTINGS_ROUTES, ...ANNUAL_REPORT_ROUTES };

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

  // can() decides by role and agency, so one user for each role in each kind of agency covers every demo user.
  const seen = new Set<string>();
  const kinds = Object.fromEntries(DEMO_AGENCIES.map((a) => [a.key, a.kind]));
  const oneOfEach = DEMO_USERS.filter((u) => {
    const key = `${u.roles.join(',')}|${kinds[u.agency]}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  for (const demoUser of oneOfEach) {
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
            const scope = (await loadPersonScopes(t.db, [personId!])).get(personId!)!;
            const decision = can(actor, rule.kind === 'person' ? rule.action : 'person.view', { kind: 'person', person: scope });
            expectForbidden = rule.kind === 'person' ? !decision.allowed : !decision.allowed && !decision.breakGlass;
          }
          const url = pattern
            .replace('/people/:id', `/people/${personId || randomUUID()}`)
            .replace(':duplicateId', records['not shared'])
            .replace('/admin/users/:id', `/admin/users/${someUserId}`)
            .replace('/admin/agencies/:id', `/admin/agencies/${someAgencyId}`)
            .replace(/:[a-zA-Z]+/g, () => randomUUID());
          const body = rule.body ?? API_BODIES[route];
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
      const response = await request(client, method, url, rule.body ?? API_BODIES[route]);
      const refused = response.statusCode === 401 || (response.statusCode === 302 && String(response.headers.location).startsWith('/sign-in'));
      assert.ok(refused, `${route} answered ${response.statusCode} to someone not signed in`);
    }
  });
});

function request(client: TestClient, method: string, url: string, body: unknown) {
  if (url.startsWith('/api/')) return client.api(method as 'GET' | 'POST' | 'PATCH', url, method === 'GET' ? undefined : (body ?? {}));
  return method === 'GET' ? client.get(url) : client.post(url);
}
