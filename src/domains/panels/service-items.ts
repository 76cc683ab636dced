import { uuidv7 } from 'uuidv7';
import { auditChange, authorise, loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { fullName } from '../people/names.ts';
import { defaultNextReview, progression, weeksToDeliveryText } from './agenda.ts';
import { PANEL_KINDS } from './codes.ts';
import * as repo from './repository.ts';
import * as meetings from './repository-meetings.ts';
import type { ActionInput, ItemInput } from './schema.ts';
import { actorOf, authoriseChairOf, chronicle, FieldError, loadReferral, NotAllowedNow, VersionConflict } from './service.ts';

/** Who may own an action about this child: anyone whose own access lets them open the child's record. */
export async function ownerChoices(ctx: RequestContext, personId: string) {
  const scope = await loadPersonScope(ctx, personId);
  if (!scope) return [];
  return (await repo.activeUsers(ctx.db)).filter((u) => can(actorOf(u), 'person.view', { kind: 'person', person: scope }).allowed);
}

/** An agenda item with its meeting and referral, for the chair (authorised on the child's record). */
async function openItem(ctx: RequestContext, itemId: string, audit: boolean) {
  authorise(ctx, 'panels.chair');
  const item = await meetings.findItem(ctx.db, itemId);
  if (!item) throw new NotFoundError();
  const referral = await loadReferral(ctx.db, item.referral_id);
  const decision = await authoriseChairOf(ctx, referral.person_id, referral.chair_id, { audit });
  const meeting = (await meetings.findMeeting(ctx.db, item.meeting_id))!;
  return { item, referral, meeting, decision };
}

/** Only a meeting still to be held is recorded, and only from its day (a decision cannot precede the meeting). */
function checkRecordable(meeting: meetings.MeetingRow, referral: repo.ReferralRow) {
  if (meeting.status !== 'planned') {
    throw new NotAllowedNow(`This meeting has been ${meeting.status === 'held' ? 'finished' : 'cancelled'}; its record can no longer be changed.`);
  }
  if (meeting.meeting_date > ukToday()) throw new NotAllowedNow(`This meeting is on ${formatDate(meeting.meeting_date)}: record the panel’s decisions on or after that day.`);
  if (referral.status === 'closed') throw new NotAllowedNow('This referral was closed after the agenda was set. Remove the child from the agenda.');
}

/** Everything the chair needs to discuss one child: the referral, earlier discussions, scores and actions. */
export async function itemPage(ctx: RequestContext, itemId: string, options: { audit?: boolean } = {}) {
  const { item, referral, meeting } = await openItem(ctx, itemId, options.audit !== false);
  const today = ukToday();
  const [row, history, scores, actions, owners, next] = await Promise.all([
    meetings.agendaItems(ctx.db, meeting.id).then((items) => items.find((i) => i.id === itemId)!),
    meetings.itemsOfReferral(ctx.db, referral.id),
    repo.distanceScores(ctx.db, { referralId: referral.id }),
    repo.listActions(ctx.db, { referralId: referral.id }),
    ownerChoices(ctx, referral.person_id),
    meetings.nextPlannedMeeting(ctx.db, meeting.panel_id, meeting.meeting_date, meeting.id),
  ]);
  return {
    item: row,
    meeting,
    referral: { ...referral, name: fullName(referral), weeksToGo: referral.person_type === 'unborn' ? weeksToDeliveryText(referral.expected_date_of_delivery, today) : '' },
    config: PANEL_KINDS[referral.kind],
    earlier: history.filter((h) => h.id !== itemId && h.meeting_status === 'held'),
    progression: progression(scores.map((s) => ({ meetingDate: s.meeting_date, score: s.distance_score! }))),
    actions: actions.filter((a) => a.meeting_date === null || a.meeting_date <= meeting.meeting_date),
    owners,
    defaultNextReview: defaultNextReview(meeting.meeting_date, meeting.meets_every_days, next?.meeting_date ?? null),
    recordable: meeting.status === 'planned' && meeting.meeting_date <= today && referral.status !== 'closed',
    version: item.version,
  };
}

/**
 * Records what the panel decided about one child (or that it was deferred). It takes effect on the referral when
 * the meeting is finished, so the chair can correct it until then.
 */
export async function recordItem(ctx: RequestContext, itemId: string, input: ItemInput) {
  const { item, referral, meeting, decision } = await openItem(ctx, itemId, false);
  checkRecordable(meeting, referral);
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await meetings.updateItem(trx, itemId, input.version, {
      status: input.outcome === 'defer' ? 'deferred' : 'decided',
      discussion: input.discussion,
      decision: input.decision,
      distanceScore: input.distanceScore,
      nextReviewDue: input.nextReviewDue,
      servicesOffered: input.servicesOffered,
      closureOutcome: input.closureOutcome,
    });
    if (!saved) throw new VersionConflict('Someone else recorded this discussion while you were working on it.', item);
    await auditChange(trx, ctx, 'panels.chair', referral.person_id, decision);
  });
}

/** Sets an action for someone who can see the child, due on or after the meeting. */
export async function addAction(ctx: RequestContext, itemId: string, input: ActionInput): Promise<string> {
  const { referral, meeting, decision } = await openItem(ctx, itemId, false);
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'panel_action' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  checkRecordable(meeting, referral);
  const owner = (await ownerChoices(ctx, referral.person_id)).find((u) => u.id === input.ownerId);
  if (!owner) throw new FieldError('ownerId', 'Select someone from the list: the owner must be able to see the child’s record');
  if (input.dueOn < meeting.meeting_date) throw new FieldError('dueOn', 'The due date must be on or after the meeting date');
  if (input.dueOn > addMonths(meeting.meeting_date, 12)) throw new FieldError('dueOn', 'The due date must be within a year of the meeting');
  const resourceId = uuidv7();
  const { id } = await once(ctx.db, { ...claim, resourceId }, async (trx) => {
    await repo.insertAction(trx, { id: resourceId, referralId: referral.id, meetingId: meeting.id, action: input.action, ownerId: owner.id, dueOn: input.dueOn, createdBy: ctx.actor.id });
    await chronicle(trx, ctx, referral.person_id, 'panel.action_set', `${referral.panel_name} action for ${owner.name} (${owner.agencyName}), due ${formatDate(input.dueOn)}: ${input.action}`, referral.id);
    await auditChange(trx, ctx, 'panels.chair', referral.person_id, decision);
  });
  return id;
}
