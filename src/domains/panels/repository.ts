import { type Kysely, sql } from 'kysely';
import type { Database, InvolvementBasis, PanelKind } from '../../db/types.ts';
import type { Role } from '../../platform/access/rules.ts';

type Db = Kysely<Database>;

/** Involvements a referral gives the chair's agency are named by it, so closing it ends exactly those. */
export const REFERRAL_SOURCE = 'panel_referral';

// ---- Panels ----------------------------------------------------------------------------------------------

export async function listPanels(db: Db) {
  return db
    .selectFrom('panels as p')
    .leftJoin('users as u', 'u.id', 'p.chair_id')
    .select((eb) => [
      'p.id', 'p.kind', 'p.name', 'p.locality', 'p.chair_id', 'p.meets_every_days', 'p.active', 'u.name as chair_name',
      eb.selectFrom('panel_referrals as r').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.panel_id', '=', 'p.id').where('r.status', '=', 'awaiting').as('awaiting'),
      eb.selectFrom('panel_referrals as r').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.panel_id', '=', 'p.id').where('r.status', '=', 'open').as('open'),
      eb.selectFrom('panel_meetings as m').select((e) => e.fn.min('m.meeting_date').as('d')).whereRef('m.panel_id', '=', 'p.id').where('m.status', '=', 'planned').as('next_meeting'),
    ])
    .orderBy('p.kind')
    .orderBy('p.name')
    .execute();
}

export async function findPanel(db: Db, id: string) {
  return db
    .selectFrom('panels as p')
    .leftJoin('users as u', 'u.id', 'p.chair_id')
    .selectAll('p')
    .select(['u.name as chair_name', 'u.agency_id as chair_agency_id'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export type PanelRow = NonNullable<Awaited<ReturnType<typeof findPanel>>>;

export async function panelNameTaken(db: Db, name: string, exceptId: string | null) {
  let q = db.selectFrom('panels').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return Boolean(await q.executeTakeFirst());
}

export async function insertPanel(db: Db, v: { id: string; kind: PanelKind; name: string; locality: string | null; chairId: string; meetsEveryDays: number; createdBy: string }) {
  await db
    .insertInto('panels')
    .values({ id: v.id, kind: v.kind, name: v.name, locality: v.locality, chair_id: v.chairId, meets_every_days: v.meetsEveryDays, created_by: v.createdBy })
    .execute();
}

export async function updatePanel(db: Db, id: string, version: number, v: { name: string; locality: string | null; chairId: string; meetsEveryDays: number; active: boolean }) {
  const row = await db
    .updateTable('panels')
    .set({ name: v.name, locality: v.locality, chair_id: v.chairId, meets_every_days: v.meetsEveryDays, active: v.active, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

// ---- Users and agencies ----------------------------------------------------------------------------------

export interface UserChoice {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  agencyKind: Database['agencies']['kind'];
  roles: Role[];
}

/** Everyone who can sign in, with their agency: for owners of actions, attendees and chairs. */
export async function activeUsers(db: Db): Promise<UserChoice[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('agencies as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.name', 'u.agency_id', 'u.roles', 'a.name as agency_name', 'a.kind as agency_kind'])
    .where('u.disabled', '=', false)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, agencyId: r.agency_id, agencyName: r.agency_name, agencyKind: r.agency_kind, roles: r.roles as Role[] }));
}

export async function findUser(db: Db, id: string): Promise<UserChoice | null> {
  return (await activeUsers(db)).find((u) => u.id === id) ?? null;
}

// ---- People (read only: names, type and expected date of delivery for lists and rules) -------------------

export async function findChild(db: Db, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'person_type', 'date_of_birth', 'expected_date_of_delivery', 'merged_into'])
    .where('id', '=', personId)
    .executeTakeFirst();
}

// ---- Involvements ----------------------------------------------------------------------------------------

export async function insertInvolvement(
  db: Db,
  v: { personId: string; agencyId: string; basis: InvolvementBasis; detail: string; startDate: string; sourceId: string; createdBy: string },
) {
  await db
    .insertInto('involvements')
    .values({ person_id: v.personId, agency_id: v.agencyId, basis: v.basis, detail: v.detail, start_date: v.startDate, source_type: REFERRAL_SOURCE, source_id: v.sourceId, created_by: v.createdBy })
    .execute();
}

/** Ends the involvements a referral created (the last day of access is `endDate`). */
export async function endReferralInvolvements(db: Db, referralId: string, endDate: string) {
  await db
    .updateTable('involvements')
    .set({ end_date: sql`GREATEST(start_date, ${endDate}::date)`, updated_at: new Date(), version: sql`version + 1` })
    .where('source_type', '=', REFERRAL_SOURCE)
    .where('source_id', '=', referralId)
    .where('end_date', 'is', null)
    .execute();
}

// ---- Referrals -------------------------------------------------------------------------------------------

const referralColumns = [
  'r.id', 'r.panel_id', 'r.person_id', 'r.route', 'r.presenting_issues', 'r.reason', 'r.referred_on', 'r.referred_by', 'r.referring_agency_id',
  'r.early_help_case_id', 'r.contact_id', 'r.status', 'r.next_review_due', 'r.services_offered', 'r.closed_on', 'r.outcome', 'r.version',
  'p.given_name', 'p.family_name', 'p.person_type', 'p.date_of_birth', 'p.expected_date_of_delivery',
] as const;

export async function findReferral(db: Db, id: string) {
  return db
    .selectFrom('panel_referrals as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('panels as pn', 'pn.id', 'r.panel_id')
    .innerJoin('users as u', 'u.id', 'r.referred_by')
    .innerJoin('agencies as a', 'a.id', 'r.referring_agency_id')
    .select(referralColumns)
    .select(['pn.kind', 'pn.name as panel_name', 'pn.chair_id', 'pn.meets_every_days', 'u.name as referrer_name', 'a.name as referring_agency_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

export async function currentReferral(db: Db, panelId: string, personId: string) {
  return db
    .selectFrom('panel_referrals')
    .select(['id', 'status'])
    .where('panel_id', '=', panelId)
    .where('person_id', '=', personId)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
}

export async function insertReferral(
  db: Db,
  v: {
    id: string; panelId: string; personId: string; route: string; presentingIssues: string[]; reason: string; referredOn: string;
    referredBy: string; agencyId: string; earlyHelpCaseId: string | null; contactId: string | null;
  },
) {
  await db
    .insertInto('panel_referrals')
    .values({
      id: v.id, panel_id: v.panelId, person_id: v.personId, route: v.route, presenting_issues: v.presentingIssues, reason: v.reason,
      referred_on: v.referredOn, referred_by: v.referredBy, referring_agency_id: v.agencyId, early_help_case_id: v.earlyHelpCaseId,
      contact_id: v.contactId, created_by: v.referredBy,
    })
    .execute();
}

/** Referrals of one panel in the given states, with the child's name and expected date of delivery. */
export async function panelReferrals(db: Db, panelId: string, statuses: ('awaiting' | 'open' | 'closed')[]) {
  return db
    .selectFrom('panel_referrals as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(referralColumns)
    .select((eb) =>
      eb
        .selectFrom('panel_agenda_items as i')
        .innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id')
        .select((e) => e.fn.min('m.meeting_date').as('d'))
        .whereRef('i.referral_id', '=', 'r.id')
        .where('m.status', '=', 'planned')
        .as('planned_for'),
    )
    .where('r.panel_id', '=', panelId)
    .where('r.status', 'in', statuses)
    .orderBy('r.referred_on')
    .orderBy('r.id')
    .execute();
}
export type PanelReferralRow = Awaited<ReturnType<typeof panelReferrals>>[number];

/** A child's referrals to any panel, newest first (for the referral form: what is already open). */
export async function referralsOfPerson(db: Db, personId: string) {
  return db
    .selectFrom('panel_referrals as r')
    .innerJoin('panels as pn', 'pn.id', 'r.panel_id')
    .select(['r.id', 'r.panel_id', 'r.status', 'r.referred_on', 'pn.name as panel_name'])
    .where('r.person_id', '=', personId)
    .orderBy('r.referred_on', 'desc')
    .execute();
}

export async function updateReferral(
  db: Db,
  id: string,
  v: { status: 'open' | 'closed'; nextReviewDue: string | null; servicesOffered: string[]; closedOn: string | null; outcome: string | null },
  version?: number,
) {
  let q = db
    .updateTable('panel_referrals')
    .set({
      status: v.status, next_review_due: v.nextReviewDue, services_offered: v.servicesOffered, closed_on: v.closedOn, outcome: v.outcome,
      updated_at: new Date(), version: sql`version + 1`,
    })
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  return Boolean(await q.returning('id').executeTakeFirst());
}

// ---- Actions ---------------------------------------------------------------------------------------------

export async function insertAction(db: Db, v: { id: string; referralId: string; meetingId: string | null; action: string; ownerId: string; dueOn: string; createdBy: string }) {
  await db
    .insertInto('panel_actions')
    .values({ id: v.id, referral_id: v.referralId, meeting_id: v.meetingId, action: v.action, owner_id: v.ownerId, due_on: v.dueOn, created_by: v.createdBy })
    .execute();
}

export async function findAction(db: Db, id: string) {
  return db
    .selectFrom('panel_actions as ac')
    .innerJoin('panel_referrals as r', 'r.id', 'ac.referral_id')
    .innerJoin('panels as pn', 'pn.id', 'r.panel_id')
    .select(['ac.id', 'ac.referral_id', 'ac.action', 'ac.owner_id', 'ac.due_on', 'ac.completed_on', 'ac.version', 'r.person_id', 'pn.chair_id'])
    .where('ac.id', '=', id)
    .executeTakeFirst();
}

export async function completeAction(db: Db, id: string, version: number, on: string) {
  const row = await db
    .updateTable('panel_actions')
    .set({ completed_on: on, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('completed_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Actions with their owners' names: for one referral, or the open ones of a whole panel. */
export async function listActions(db: Db, where: { referralId: string } | { panelId: string; openOnly: true }) {
  let q = db
    .selectFrom('panel_actions as ac')
    .innerJoin('panel_referrals as r', 'r.id', 'ac.referral_id')
    .innerJoin('users as u', 'u.id', 'ac.owner_id')
    .leftJoin('panel_meetings as m', 'm.id', 'ac.meeting_id')
    .select(['ac.id', 'ac.referral_id', 'ac.action', 'ac.owner_id', 'ac.due_on', 'ac.completed_on', 'ac.version', 'u.name as owner_name', 'r.person_id', 'm.meeting_date']);
  if ('referralId' in where) q = q.where('ac.referral_id', '=', where.referralId);
  else q = q.where('r.panel_id', '=', where.panelId).where('ac.completed_on', 'is', null);
  return q.orderBy('ac.due_on').orderBy('ac.id').execute();
}

// ---- Figures ---------------------------------------------------------------------------------------------

export async function routeCounts(db: Db, panelId: string) {
  return db
    .selectFrom('panel_referrals')
    .select(['route as code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('panel_id', '=', panelId)
    .groupBy('route')
    .execute();
}

/** How many referrals name each code in a list column (presenting issues or services offered). */
export async function listCounts(db: Db, panelId: string, column: 'presenting_issues' | 'services_offered') {
  const result = await sql<{ code: string; n: number }>`
    SELECT code, count(*)::int AS n FROM panel_referrals, unnest(${sql.ref(column)}) AS code
    WHERE panel_id = ${panelId} GROUP BY code ORDER BY n DESC, code`.execute(db);
  return result.rows;
}

/** Every distance travelled score recorded at a meeting that was held, in meeting order, per referral. */
export async function distanceScores(db: Db, where: { panelId: string } | { referralId: string }) {
  let q = db
    .selectFrom('panel_agenda_items as i')
    .innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id')
    .innerJoin('panel_referrals as r', 'r.id', 'i.referral_id')
    .select(['i.referral_id', 'm.meeting_date', 'i.distance_score'])
    .where('m.status', '=', 'held')
    .where('i.status', '=', 'decided')
    .where('i.distance_score', 'is not', null);
  q = 'panelId' in where ? q.where('r.panel_id', '=', where.panelId) : q.where('i.referral_id', '=', where.referralId);
  return q.orderBy('m.meeting_date').orderBy('i.created_at').execute();
}

// ---- Work inbox ------------------------------------------------------------------------------------------

/** Open actions owned by these users, with the child they are about. */
export async function openActionsOwnedBy(db: Db, userIds: readonly string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('panel_actions as ac')
    .innerJoin('panel_referrals as r', 'r.id', 'ac.referral_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['ac.id', 'ac.referral_id', 'ac.action', 'ac.owner_id', 'ac.due_on', 'r.person_id', 'p.given_name', 'p.family_name'])
    .where('ac.owner_id', 'in', userIds)
    .where('ac.completed_on', 'is', null)
    .execute();
}

/**
 * For the chairs among these users: referrals not yet on any agenda still to be held, either awaiting their first
 * discussion or with a review already overdue.
 */
export async function chairsUnplannedReferrals(db: Db, chairIds: readonly string[], today: string) {
  if (!chairIds.length) return [];
  return db
    .selectFrom('panel_referrals as r')
    .innerJoin('panels as pn', 'pn.id', 'r.panel_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.person_id', 'r.status', 'r.referred_on', 'r.next_review_due', 'pn.name as panel_name', 'pn.chair_id', 'p.given_name', 'p.family_name'])
    .where('pn.chair_id', 'in', chairIds)
    .where((eb) => eb.or([eb('r.status', '=', 'awaiting'), eb.and([eb('r.status', '=', 'open'), eb('r.next_review_due', '<', today)])]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('panel_agenda_items as i').innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id').select('i.id').whereRef('i.referral_id', '=', 'r.id').where('m.status', '=', 'planned'))),
    )
    .execute();
}

/** Meetings still to be held, up to `until` (those already past are waiting to be finished), of these chairs' panels. */
export async function chairsPlannedMeetings(db: Db, chairIds: readonly string[], until: string) {
  if (!chairIds.length) return [];
  return db
    .selectFrom('panel_meetings as m')
    .innerJoin('panels as pn', 'pn.id', 'm.panel_id')
    .select(['m.id', 'm.meeting_date', 'pn.name as panel_name', 'pn.chair_id'])
    .select((eb) => eb.selectFrom('panel_agenda_items as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').as('items'))
    .where('pn.chair_id', 'in', chairIds)
    .where('m.status', '=', 'planned')
    .where('m.meeting_date', '<=', until)
    .execute();
}
