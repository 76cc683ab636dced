import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, PanelKind } from '../../db/types.ts';
import { auditChange, authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { addCalendarDays, addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { UUID } from '../../platform/http/params.ts';
import { formatDate } from '../../platform/views/format.ts';
import { fullName } from '../people/names.ts';
import { itemTypeOf, orderAgenda, weeksToDeliveryText } from './agenda.ts';
import { CLOSURE_OUTCOMES, ITEM_STATUS, kindLabel, labelOf } from './codes.ts';
import * as repo from './repository.ts';
import * as meetings from './repository-meetings.ts';
import type { MeetingInput } from './schema.ts';
import { applyClosure, authoriseChairOf, chronicle, FieldError, NotAllowedNow, VersionConflict, visibility } from './service.ts';

type Db = Kysely<Database>;

const HIDDEN_CHILD = 'A child not shared with your agency';

/** A meeting to change: the actor may run panels, and the meeting is still to be held. */
export async function plannedMeeting(ctx: RequestContext, meetingId: string) {
  authorise(ctx, 'panels.chair');
  const meeting = await meetings.findMeeting(ctx.db, meetingId);
  if (!meeting) throw new NotFoundError();
  if (meeting.status !== 'planned') {
    throw new NotAllowedNow(`This meeting has been ${meeting.status === 'held' ? 'finished' : 'cancelled'}; its record can no longer be changed.`);
  }
  return meeting;
}

/** Numbers the agenda in the order the panel takes its cases. */
export async function renumber(db: Db, meetingId: string, kind: PanelKind) {
  const items = await meetings.agendaItems(db, meetingId);
  const ordered = orderAgenda(kind, items.map((i) => ({ id: i.id, referralId: i.referral_id, itemType: i.item_type, referredOn: i.referred_on, reviewDue: i.review_due, expectedDateOfDelivery: i.expected_date_of_delivery })));
  await meetings.setPositions(db, ordered.map((item, index) => ({ id: item.id, position: index + 1 })).filter((p) => items.find((i) => i.id === p.id)?.position !== p.position));
}

/** Puts referrals on a meeting's agenda (each as new or review, by whether it has been discussed), in order. */
export async function addToAgenda(db: Db, meeting: { id: string; kind: PanelKind }, referrals: { id: string; status: 'awaiting' | 'open' | 'closed' }[], createdBy: string) {
  await meetings.insertAgendaItems(db, referrals.map((r) => ({ meetingId: meeting.id, referralId: r.id, itemType: itemTypeOf(r.status), position: 0, createdBy })));
  await renumber(db, meeting.id, meeting.kind);
}

export async function newMeetingDefaults(ctx: RequestContext, panelId: string) {
  authorise(ctx, 'panels.chair');
  const panel = await repo.findPanel(ctx.db, panelId);
  if (!panel) throw new NotFoundError();
  const last = (await meetings.listMeetings(ctx.db, panelId)).find((m) => m.status !== 'cancelled');
  const today = ukToday();
  const next = last ? addCalendarDays(last.meeting_date, panel.meets_every_days) : today;
  return { panel, suggestedDate: next < today ? today : next };
}

/** Creates a meeting with its agenda built from the cases due by its date. */
export async function createMeeting(ctx: RequestContext, panelId: string, input: MeetingInput, idempotencyKey: string): Promise<string> {
  const { panel } = await newMeetingDefaults(ctx, panelId);
  const claim = { key: idempotencyKey, userId: ctx.actor.id, resourceType: 'panel_meeting' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (!panel.active) throw new NotAllowedNow('This panel no longer meets. Reopen it from its settings first.');
  const today = ukToday();
  if (input.meetingDate < addMonths(today, -12) || input.meetingDate > addMonths(today, 12)) {
    throw new FieldError('meetingDate', 'The meeting date must be within a year of today');
  }
  const resourceId = uuidv7();
  const { id } = await once(ctx.db, { ...claim, resourceId }, async (trx) => {
    await meetings.insertMeeting(trx, { id: resourceId, panelId, meetingDate: input.meetingDate, location: input.location, createdBy: ctx.actor.id });
    await addToAgenda(trx, { id: resourceId, kind: panel.kind }, await meetings.dueReferrals(trx, panelId, input.meetingDate), ctx.actor.id);
  });
  return id;
}

export async function editMeeting(ctx: RequestContext, meetingId: string, version: number, input: MeetingInput) {
  const meeting = await plannedMeeting(ctx, meetingId);
  const today = ukToday();
  if (input.meetingDate < addMonths(today, -12) || input.meetingDate > addMonths(today, 12)) {
    throw new FieldError('meetingDate', 'The meeting date must be within a year of today');
  }
  if (!(await meetings.updateMeeting(ctx.db, meetingId, version, { meetingDate: input.meetingDate, location: input.location }))) {
    throw new VersionConflict('Someone else changed this meeting while you were editing it.', meeting);
  }
}

/** A meeting as the panel sees it: the agenda in order, attendance, and the cases that could still be added. */
export async function meetingPage(ctx: RequestContext, meetingId: string) {
  authorise(ctx, 'panels.view');
  const meeting = await meetings.findMeeting(ctx.db, meetingId);
  if (!meeting) throw new NotFoundError();
  const today = ukToday();
  const [items, attendance, candidates] = await Promise.all([
    meetings.agendaItems(ctx.db, meetingId),
    meetings.attendance(ctx.db, meetingId),
    meeting.status === 'planned' ? repo.panelReferrals(ctx.db, meeting.panel_id, ['awaiting', 'open']) : Promise.resolve([]),
  ]);
  const visible = await visibility(ctx, [...items, ...candidates].map((r) => r.person_id));
  const agenda = [];
  for (const i of items) {
    const canSee = visible(i.person_id);
    agenda.push({
      ...i,
      name: canSee ? fullName(i) : HIDDEN_CHILD,
      canSee,
      statusTag: ITEM_STATUS[i.status],
      closureLabel: i.closure_outcome ? labelOf(CLOSURE_OUTCOMES, i.closure_outcome) : null,
      weeksToGo: i.person_type === 'unborn' ? weeksToDeliveryText(i.expected_date_of_delivery, today) : '',
    });
  }
  const addable = [];
  for (const c of candidates.filter((c) => !c.planned_for)) {
    const canSee = visible(c.person_id);
    const due = c.status === 'awaiting' || (c.next_review_due !== null && c.next_review_due <= meeting.meeting_date);
    addable.push({ id: c.id, name: canSee ? fullName(c) : HIDDEN_CHILD, status: c.status, due, reviewDue: c.next_review_due, referredOn: c.referred_on });
  }
  addable.sort((a, b) => Number(b.due) - Number(a.due));
  const mayChair = can(ctx.actor, 'panels.chair').allowed;
  return {
    meeting: { ...meeting, kindLabel: kindLabel(meeting.kind) },
    agenda,
    attendance,
    addable,
    counts: { pending: items.filter((i) => i.status === 'pending').length, present: attendance.filter((a) => a.attendance === 'present').length },
    mayChair: mayChair && meeting.status === 'planned',
    inFuture: meeting.meeting_date > today,
  };
}

export async function addAgendaItem(ctx: RequestContext, meetingId: string, referralId: string) {
  const meeting = await plannedMeeting(ctx, meetingId);
  const referral = UUID.test(referralId) ? await repo.findReferral(ctx.db, referralId) : null;
  if (!referral || referral.panel_id !== meeting.panel_id || referral.status === 'closed') throw new BadRequestError('Choose a child from the list of open referrals to this panel.');
  const candidates = await repo.panelReferrals(ctx.db, meeting.panel_id, [referral.status]);
  const plannedFor = candidates.find((c) => c.id === referralId)?.planned_for;
  if (plannedFor) throw new NotAllowedNow(`This child is already on the agenda for the meeting on ${formatDate(plannedFor)}.`);
  await ctx.db.transaction().execute((trx) => addToAgenda(trx, meeting, [referral], ctx.actor.id));
}

export async function removeAgendaItem(ctx: RequestContext, meetingId: string, itemId: string) {
  const meeting = await plannedMeeting(ctx, meetingId);
  const removed = await ctx.db.transaction().execute(async (trx) => {
    if (!(await meetings.deletePendingItem(trx, meetingId, itemId))) return false;
    await renumber(trx, meetingId, meeting.kind);
    return true;
  });
  if (!removed) {
    const item = await meetings.findItem(ctx.db, itemId);
    if (!item || item.meeting_id !== meetingId) throw new NotFoundError();
    throw new NotAllowedNow('The panel has already recorded a decision about this child at this meeting, so it stays on the agenda.');
  }
}

/**
 * Finishes a meeting: every child on the agenda decided or deferred, and attendance recorded. Decisions then
 * take effect on each referral (next review, services offered, closure) with a chronology entry for each child;
 * deferred children go on to the next meeting already planned, or wait for the next agenda to be built.
 */
export async function finishMeeting(ctx: RequestContext, meetingId: string, version: number) {
  const meeting = await plannedMeeting(ctx, meetingId);
  if (meeting.meeting_date > ukToday()) throw new NotAllowedNow(`This meeting is on ${formatDate(meeting.meeting_date)}: it can be finished on or after that day.`);
  const [items, attendance] = await Promise.all([meetings.agendaItems(ctx.db, meetingId), meetings.attendance(ctx.db, meetingId)]);
  if (!attendance.some((a) => a.attendance === 'present')) throw new BadRequestError('Record who attended before finishing the meeting.');
  const pending = items.filter((i) => i.status === 'pending').length;
  if (pending) {
    throw new BadRequestError(`Record a decision, or defer, for every child on the agenda: ${pending} ${pending === 1 ? 'child is' : 'children are'} still to be discussed.`);
  }
  const decisions = new Map<string, Awaited<ReturnType<typeof authoriseChairOf>>>();
  for (const i of items) decisions.set(i.id, await authoriseChairOf(ctx, i.person_id, meeting.chair_id, { audit: false }));
  const next = await meetings.nextPlannedMeeting(ctx.db, meeting.panel_id, meeting.meeting_date, meetingId);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await meetings.updateMeeting(trx, meetingId, version, { status: 'held' }))) {
      throw new VersionConflict('Someone else changed this meeting while you were working on it.', meeting);
    }
    const deferred = [];
    for (const i of items) {
      const services = [...new Set([...i.referral_services, ...i.services_offered])];
      const r = { id: i.referral_id, person_id: i.person_id, services_offered: services };
      if (i.status === 'deferred') {
        deferred.push({ id: i.referral_id, status: i.referral_status });
        await chronicle(trx, ctx, i.person_id, 'panel.deferred', `Not discussed at ${meeting.panel_name} on ${formatDate(meeting.meeting_date)}: deferred to the next meeting`, i.referral_id);
      } else if (i.closure_outcome) {
        await applyClosure(trx, ctx, r, { outcome: i.closure_outcome, closedOn: meeting.meeting_date, panelName: meeting.panel_name, outcomeLabel: labelOf(CLOSURE_OUTCOMES, i.closure_outcome) });
      } else {
        await repo.updateReferral(trx, i.referral_id, { status: 'open', nextReviewDue: i.next_review_due, servicesOffered: services, closedOn: null, outcome: null });
        const score = i.distance_score ? `distance travelled ${i.distance_score} out of 10; ` : '';
        await chronicle(trx, ctx, i.person_id, 'panel.discussed',
          `${i.item_type === 'new' ? 'First discussed' : 'Reviewed'} at ${meeting.panel_name}: ${score}next review ${formatDate(i.next_review_due)}`, i.referral_id);
      }
      await auditChange(trx, ctx, 'panels.chair', i.person_id, decisions.get(i.id)!);
    }
    if (next && deferred.length) await addToAgenda(trx, { id: next.id, kind: meeting.kind }, deferred, ctx.actor.id);
  });
}

/** Cancels a meeting still to be held; its children are due again, and go on to the next planned meeting. */
export async function cancelMeeting(ctx: RequestContext, meetingId: string, v: { reason: string; version: number }) {
  const meeting = await plannedMeeting(ctx, meetingId);
  const items = await meetings.agendaItems(ctx.db, meetingId);
  if (items.some((i) => i.status === 'decided')) {
    throw new NotAllowedNow('Decisions are recorded at this meeting. Finish it instead, deferring the children who were not discussed.');
  }
  const next = await meetings.nextPlannedMeeting(ctx.db, meeting.panel_id, meeting.meeting_date, meetingId);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await meetings.updateMeeting(trx, meetingId, v.version, { status: 'cancelled', notes: v.reason }))) {
      throw new VersionConflict('Someone else changed this meeting while you were working on it.', meeting);
    }
    await meetings.deferAll(trx, meetingId);
    if (next && items.length) await addToAgenda(trx, { id: next.id, kind: meeting.kind }, items.map((i) => ({ id: i.referral_id, status: i.referral_status })), ctx.actor.id);
  });
}
