import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

// ---- Meetings --------------------------------------------------------------------------------------------

export async function insertMeeting(db: Db, v: { id: string; panelId: string; meetingDate: string; location: string | null; createdBy: string }) {
  await db.insertInto('panel_meetings').values({ id: v.id, panel_id: v.panelId, meeting_date: v.meetingDate, location: v.location, created_by: v.createdBy }).execute();
}

export async function findMeeting(db: Db, id: string) {
  return db
    .selectFrom('panel_meetings as m')
    .innerJoin('panels as p', 'p.id', 'm.panel_id')
    .select(['m.id', 'm.panel_id', 'm.meeting_date', 'm.location', 'm.status', 'm.notes', 'm.version'])
    .select(['p.kind', 'p.name as panel_name', 'p.chair_id', 'p.meets_every_days'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export async function listMeetings(db: Db, panelId: string) {
  return db
    .selectFrom('panel_meetings as m')
    .select(['m.id', 'm.meeting_date', 'm.location', 'm.status', 'm.notes'])
    .select((eb) => eb.selectFrom('panel_agenda_items as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').as('items'))
    .where('m.panel_id', '=', panelId)
    .orderBy('m.meeting_date', 'desc')
    .orderBy('m.created_at', 'desc')
    .execute();
}

/** The next meeting still to be held after a date (where deferred items go, and the default review date). */
export async function nextPlannedMeeting(db: Db, panelId: string, after: string, exceptId: string) {
  return db
    .selectFrom('panel_meetings')
    .select(['id', 'meeting_date'])
    .where('panel_id', '=', panelId)
    .where('status', '=', 'planned')
    .where('meeting_date', '>', after)
    .where('id', '!=', exceptId)
    .orderBy('meeting_date')
    .executeTakeFirst();
}

export async function updateMeeting(db: Db, id: string, version: number, v: { meetingDate?: string; location?: string | null; status?: 'held' | 'cancelled'; notes?: string | null }) {
  const row = await db
    .updateTable('panel_meetings')
    .set({ meeting_date: v.meetingDate, location: v.location, status: v.status, notes: v.notes, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'planned')
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

// ---- Agenda ----------------------------------------------------------------------------------------------

/**
 * The cases due at a meeting of this panel on `date`: referrals awaiting their first discussion, and open
 * referrals whose review is due by then, that are not already on the agenda of a meeting still to be held.
 * Items deferred or left on a cancelled meeting are due again by the same rule, so they roll over by themselves.
 */
export async function dueReferrals(db: Db, panelId: string, date: string) {
  return db
    .selectFrom('panel_referrals as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.person_id', 'r.status', 'r.referred_on', 'r.next_review_due', 'p.given_name', 'p.family_name', 'p.expected_date_of_delivery', 'p.person_type', 'p.date_of_birth'])
    .where('r.panel_id', '=', panelId)
    .where((eb) => eb.or([eb('r.status', '=', 'awaiting'), eb.and([eb('r.status', '=', 'open'), eb('r.next_review_due', '<=', date)])]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('panel_agenda_items as i')
            .innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id')
            .select('i.id')
            .whereRef('i.referral_id', '=', 'r.id')
            .where('m.status', '=', 'planned'),
        ),
      ),
    )
    .orderBy('r.referred_on')
    .orderBy('r.id')
    .execute();
}
export type DueReferral = Awaited<ReturnType<typeof dueReferrals>>[number];

export async function agendaItems(db: Db, meetingId: string) {
  return db
    .selectFrom('panel_agenda_items as i')
    .innerJoin('panel_referrals as r', 'r.id', 'i.referral_id')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'i.id', 'i.referral_id', 'i.item_type', 'i.position', 'i.discussion', 'i.decision', 'i.distance_score', 'i.status', 'i.next_review_due',
      'i.services_offered', 'i.closure_outcome', 'i.version',
      'r.person_id', 'r.status as referral_status', 'r.referred_on', 'r.next_review_due as review_due', 'r.route', 'r.presenting_issues', 'r.services_offered as referral_services',
      'p.given_name', 'p.family_name', 'p.expected_date_of_delivery', 'p.person_type', 'p.date_of_birth',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .execute();
}
export type AgendaItemRow = Awaited<ReturnType<typeof agendaItems>>[number];

export async function insertAgendaItems(db: Db, rows: { meetingId: string; referralId: string; itemType: 'new' | 'review'; position: number; createdBy: string }[]) {
  if (!rows.length) return;
  await db
    .insertInto('panel_agenda_items')
    .values(rows.map((r) => ({ meeting_id: r.meetingId, referral_id: r.referralId, item_type: r.itemType, position: r.position, created_by: r.createdBy })))
    .onConflict((oc) => oc.columns(['meeting_id', 'referral_id']).doNothing())
    .execute();
}

export async function setPositions(db: Db, positions: { id: string; position: number }[]) {
  for (const p of positions) await db.updateTable('panel_agenda_items').set({ position: p.position }).where('id', '=', p.id).execute();
}

export async function deletePendingItem(db: Db, meetingId: string, itemId: string) {
  const row = await db.deleteFrom('panel_agenda_items').where('id', '=', itemId).where('meeting_id', '=', meetingId).where('status', '=', 'pending').returning('id').executeTakeFirst();
  return Boolean(row);
}

/** Undecided items of a referral on meetings still to be held (taken off when the referral closes). */
export async function deletePendingItemsOf(db: Db, referralId: string) {
  await db
    .deleteFrom('panel_agenda_items')
    .where('referral_id', '=', referralId)
    .where('status', '=', 'pending')
    .where('meeting_id', 'in', (eb) => eb.selectFrom('panel_meetings').select('id').where('status', '=', 'planned'))
    .execute();
}

export async function decidedPlannedItemOf(db: Db, referralId: string) {
  return db
    .selectFrom('panel_agenda_items as i')
    .innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id')
    .select(['i.id', 'm.meeting_date'])
    .where('i.referral_id', '=', referralId)
    .where('m.status', '=', 'planned')
    .where('i.status', '!=', 'pending')
    .executeTakeFirst();
}

export async function findItem(db: Db, id: string) {
  return db
    .selectFrom('panel_agenda_items as i')
    .innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id')
    .select(['i.id', 'i.meeting_id', 'i.referral_id', 'i.version', 'i.status', 'm.status as meeting_status', 'm.meeting_date', 'm.panel_id'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export async function updateItem(
  db: Db,
  id: string,
  version: number,
  v: {
    status: 'decided' | 'deferred'; discussion: string | null; decision: string | null; distanceScore: number | null;
    nextReviewDue: string | null; servicesOffered: string[]; closureOutcome: string | null;
  },
) {
  const row = await db
    .updateTable('panel_agenda_items')
    .set({
      status: v.status, discussion: v.discussion, decision: v.decision, distance_score: v.distanceScore, next_review_due: v.nextReviewDue,
      services_offered: v.servicesOffered, closure_outcome: v.closureOutcome, updated_at: new Date(), version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Items left on a cancelled meeting: not discussed, so due again at the next one. */
export async function deferAll(db: Db, meetingId: string) {
  await db.updateTable('panel_agenda_items').set({ status: 'deferred', updated_at: new Date(), version: sql`version + 1` }).where('meeting_id', '=', meetingId).execute();
}

/** Every discussion of a referral, oldest first, with the meeting it was at. */
export async function itemsOfReferral(db: Db, referralId: string) {
  return db
    .selectFrom('panel_agenda_items as i')
    .innerJoin('panel_meetings as m', 'm.id', 'i.meeting_id')
    .select([
      'i.id', 'i.item_type', 'i.discussion', 'i.decision', 'i.distance_score', 'i.status', 'i.next_review_due', 'i.services_offered', 'i.closure_outcome',
      'm.id as meeting_id', 'm.meeting_date', 'm.status as meeting_status',
    ])
    .where('i.referral_id', '=', referralId)
    .orderBy('m.meeting_date')
    .orderBy('i.created_at')
    .execute();
}

// ---- Attendance ------------------------------------------------------------------------------------------

export async function attendance(db: Db, meetingId: string) {
  return db
    .selectFrom('panel_attendance as a')
    .leftJoin('agencies as ag', 'ag.id', 'a.agency_id')
    .select(['a.id', 'a.user_id', 'a.name', 'a.agency_id', 'a.organisation', 'a.attendance', 'ag.name as agency_name'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}
export type AttendanceRow = Awaited<ReturnType<typeof attendance>>[number];

/** Who was on the list at this panel's last meeting that was held: the usual members, for the next list. */
export async function lastAttendance(db: Db, panelId: string, beforeMeetingId: string) {
  const last = await db
    .selectFrom('panel_meetings')
    .select('id')
    .where('panel_id', '=', panelId)
    .where('status', '=', 'held')
    .where('id', '!=', beforeMeetingId)
    .orderBy('meeting_date', 'desc')
    .executeTakeFirst();
  return last ? attendance(db, last.id) : [];
}

export async function insertAttendee(
  db: Db,
  v: { id?: string; meetingId: string; userId: string | null; name: string; agencyId: string | null; organisation: string | null; attendance: 'present' | 'apologies' | 'absent'; createdBy: string },
) {
  await db
    .insertInto('panel_attendance')
    .values({ id: v.id, meeting_id: v.meetingId, user_id: v.userId, name: v.name, agency_id: v.agencyId, organisation: v.organisation, attendance: v.attendance, created_by: v.createdBy })
    .execute();
}

export async function setAttendance(db: Db, meetingId: string, id: string, value: 'present' | 'apologies' | 'absent') {
  await db.updateTable('panel_attendance').set({ attendance: value, updated_at: new Date(), version: sql`version + 1` }).where('id', '=', id).where('meeting_id', '=', meetingId).execute();
}

export async function deleteAttendee(db: Db, meetingId: string, id: string) {
  const row = await db.deleteFrom('panel_attendance').where('id', '=', id).where('meeting_id', '=', meetingId).returning('id').executeTakeFirst();
  return Boolean(row);
}

/** Bumps the meeting's version so that two people saving its attendance at once cannot both win. */
export async function touchMeeting(db: Db, id: string, version: number) {
  const row = await db
    .updateTable('panel_meetings')
    .set({ updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}
