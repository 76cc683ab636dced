import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestApp, TestClient, TestResponse } from '../../../test/support/app.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { insertTestPerson, userId } from '../people/fixtures.test-support.ts';

export const CHRIS = 'chris.varley@cairn.example';
export const KIT = 'kit.ellery@cairn.example';
export const PAT = 'pat.quinn@cairn.example';
export const MORGAN = 'morgan.hale@cairn.example';
export const SAM = 'sam.rowe@cairn.example';

export const agencyOf = async (t: TestApp, email: string) =>
  (await t.db.selectFrom('users').select('agency_id').where('email', '=', email).executeTakeFirstOrThrow()).agency_id;

/** The id in a redirect to `/prefix/<id>`. */
export function redirectedId(response: TestResponse, prefix: string): string {
  assert.equal(response.statusCode, 303, `expected a redirect, got ${response.statusCode}: ${response.body.slice(0, 2000)}`);
  const match = new RegExp(`^${prefix}/([0-9a-f-]{36})`).exec(String(response.headers.location));
  assert.ok(match, `redirected to ${String(response.headers.location)}`);
  return match[1]!;
}

/** Sets up a panel through the form, as a chair would. */
export async function createPanel(t: TestApp, chair: TestClient, v: { name: string; kind: 'masg' | 'unborn_baby' | 'met_hub'; locality?: string }) {
  const response = await chair.post('/panels/new', {
    name: v.name, kind: v.kind, locality: v.locality ?? '', chairId: await userId(t.db, CHRIS), meetsEveryDays: '14', idempotencyKey: randomUUID(),
  });
  return redirectedId(response, '/panels');
}

/** A child known to the early help service (so early help staff, and the chair, can see it). */
export async function earlyHelpChild(t: TestApp, givenName: string, v: { personType?: 'child' | 'unborn'; shareWith?: string[] } = {}) {
  const id = await insertTestPerson(t.db, { givenName, familyName: 'Panelwick', personType: v.personType ?? 'child', postcode: 'ZZ99 2AB' });
  if (v.personType === 'unborn') await t.db.updateTable('people').set({ date_of_birth: null, expected_date_of_delivery: '2027-02-14' }).where('id', '=', id).execute();
  for (const email of [KIT, ...(v.shareWith ?? [])]) {
    await t.db.insertInto('involvements').values({ person_id: id, agency_id: await agencyOf(t, email), basis: 'consent', detail: 'test' }).execute();
  }
  return id;
}

export const masgReferral = (panelId: string, overrides: Record<string, string | string[]> = {}) => ({
  panelId, route: 'caf', presentingIssues: ['challenging_behaviour', 'housing'], reason: 'The TAC has made little progress on school attendance.', idempotencyKey: randomUUID(), ...overrides,
});

export async function refer(client: TestClient, personId: string, form: Record<string, string | string[]>) {
  return client.post(`/people/${personId}/panel-referrals/new`, form);
}

const parts = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
};
export const dateForm = (name: string, iso: string) => {
  const p = parts(iso);
  return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year };
};

export async function createMeeting(client: TestClient, panelId: string, date = ukToday()) {
  return redirectedId(await client.post(`/panels/${panelId}/meetings/new`, { ...dateForm('meetingDate', date), location: 'Room 4', idempotencyKey: randomUUID() }), '/panels/meetings');
}

export async function agenda(t: TestApp, meetingId: string) {
  return t.db
    .selectFrom('panel_agenda_items as i')
    .innerJoin('panel_referrals as r', 'r.id', 'i.referral_id')
    .select(['i.id', 'i.referral_id', 'i.item_type', 'i.position', 'i.version', 'i.status', 'r.person_id'])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .execute();
}

export async function meetingVersion(t: TestApp, meetingId: string) {
  return String((await t.db.selectFrom('panel_meetings').select('version').where('id', '=', meetingId).executeTakeFirstOrThrow()).version);
}

/** Records the chair as present, through the attendance form. */
export async function recordChairPresent(t: TestApp, chair: TestClient, meetingId: string) {
  const chairId = await userId(t.db, CHRIS);
  const response = await chair.post(`/panels/meetings/${meetingId}/attendance`, { [`u:${chairId}`]: 'present', version: await meetingVersion(t, meetingId) });
  assert.equal(response.statusCode, 303, response.body.slice(0, 1500));
}

export const decision = (version: number, overrides: Record<string, string | string[]> = {}) => ({
  outcome: 'continue', discussion: 'The referrer presented the case.', decision: 'Housing to visit; school to review attendance.', distanceScore: '4',
  servicesOffered: ['housing_advice', 'school'], ...dateForm('nextReviewDue', ukToday()), version: String(version), ...overrides,
});
