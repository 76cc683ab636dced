import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { TestClient } from '../../../test/support/app.ts';
import type { Database } from '../../db/types.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { thresholdFramework } from '../front-door/service.ts';

export const KIT = 'kit.ellery@cairn.example';
export const SAM = 'sam.rowe@cairn.example';
export const MORGAN = 'morgan.hale@cairn.example';
export const PAT = 'pat.quinn@cairn.example';
export const JO = 'jo.nyland@cairn.example';
export const CHRIS = 'chris.varley@cairn.example';
export const ALEX = 'alex.brent@cairn.example';
export const BEA = 'bea.tollard@cairn.example';

export const userIdOf = async (db: Kysely<Database>, email: string) =>
  (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

export const agencyOf = async (db: Kysely<Database>, kind: 'education' | 'health' | 'social_care' | 'early_help' | 'voluntary') =>
  (await db.selectFrom('agencies').select('id').where('kind', '=', kind).executeTakeFirstOrThrow()).id;

let counter = 0;

/** A child in the South locality, shared (by consent) with the agencies of the given kinds. */
export async function childSharedWith(db: Kysely<Database>, kinds: ('education' | 'health' | 'early_help' | 'voluntary')[], extra: { dateOfBirth?: string } = {}) {
  counter += 1;
  const id = await insertTestPerson(db, { givenName: `Robin${counter}`, familyName: 'Ashgrove', postcode: 'ZZ99 7AB', dateOfBirth: extra.dateOfBirth ?? '2016-05-04' });
  for (const kind of kinds) {
    await db.insertInto('involvements').values({ person_id: id, agency_id: await agencyOf(db, kind), basis: 'consent', detail: 'test' }).execute();
  }
  return id;
}

/** The case id a 303 after creating a case points at. */
export function caseIdFrom(response: { statusCode: number; headers: Record<string, unknown>; body: string }): string {
  assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
  const match = /\/early-help\/cases\/([0-9a-f-]{36})/.exec(String(response.headers.location));
  assert.ok(match, `redirected to a case: ${String(response.headers.location)}`);
  return match[1]!;
}

/** Starts a case as the signed-in user, leading it themselves unless told otherwise. */
export async function openCase(client: TestClient, personId: string, lead: 'yes' | 'no' = 'yes') {
  return caseIdFrom(await client.post(`/people/${personId}/early-help/new`, { locality: 'south', lead, idempotencyKey: uuidv7() }));
}

export const caseVersion = async (db: Kysely<Database>, caseId: string) =>
  (await db.selectFrom('early_help_cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;

/** A complete assessment form: every section filled, consent given, as if typed into the page. */
export async function assessmentForm(db: Kysely<Database>, overrides: Record<string, string> = {}) {
  const framework = await thresholdFramework(db);
  const consentOn = addCalendarDays(ukToday(), -3);
  const form: Record<string, string> = {
    version: '0',
    childViews: 'Likes school, worries about home',
    familyViews: 'Mum wants help with routines',
    summary: 'Needs support with attendance and routines',
    consentGiven: 'yes',
    consentBy: 'Jane Ashgrove (mother)',
    'consentOn-day': String(Number(consentOn.slice(8, 10))),
    'consentOn-month': String(Number(consentOn.slice(5, 7))),
    'consentOn-year': consentOn.slice(0, 4),
    intent: 'register',
  };
  for (const d of framework.domains) {
    form[`strengths-${d.id}`] = `Strengths in ${d.name}`;
    form[`needs-${d.id}`] = `Needs in ${d.name}`;
    form[`level-${d.id}`] = '2';
  }
  return { form: { ...form, ...overrides }, framework };
}

/** Registers a complete assessment on the case through the page. */
export async function registerAssessment(client: TestClient, db: Kysely<Database>, caseId: string) {
  const { form } = await assessmentForm(db);
  const existing = await db.selectFrom('early_help_assessments').select('version').where('case_id', '=', caseId).executeTakeFirst();
  const response = await client.post(`/early-help/cases/${caseId}/assessment`, { ...form, version: String(existing?.version ?? 0) });
  assert.equal(response.statusCode, 303, response.body.slice(0, 3000));
}

/** Adds a member to the Team Around the Child through the page; returns their membership id. */
export async function addMember(client: TestClient, db: Kysely<Database>, caseId: string, email: string, role: string) {
  const user = await db.selectFrom('users').select(['id', 'agency_id']).where('email', '=', email).executeTakeFirstOrThrow();
  const response = await client.post(`/early-help/cases/${caseId}/team/new`, { agencyId: user.agency_id, userId: user.id, role, idempotencyKey: uuidv7() });
  assert.equal(response.statusCode, 303, response.body.slice(0, 3000));
  return (await db.selectFrom('tac_members').select('id').where('case_id', '=', caseId).where('user_id', '=', user.id).where('ended_on', 'is', null).executeTakeFirstOrThrow()).id;
}
