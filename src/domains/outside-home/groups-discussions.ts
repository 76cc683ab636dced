import { uuidv7 } from 'uuidv7';
import { auditChange, authorise, loadPersonScopes, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { formatDate } from '../../platform/views/format.ts';
import { recordChronology } from '../chronology/service.ts';
import { metHubMeetingChoices, metHubMeetings } from '../panels/service-met-hub.ts';
import { GROUP_CHRONOLOGY, GROUP_RECORD } from './groups-labels.ts';
import * as repo from './groups-repository.ts';
import type { DiscussionInput } from './groups-schema.ts';
import { groupFor } from './groups-service.ts';

/** What the discussion form offers: MET hub meetings, the group's places (for actions) and agencies. */
export async function discussionChoices(ctx: RequestContext, groupId: string) {
  const group = await groupFor(ctx, groupId, 'outside.groups');
  const [meetings, places, agencies] = await Promise.all([metHubMeetingChoices(ctx), repo.placesOfGroup(ctx.db, groupId), repo.agencies(ctx.db)]);
  return { group, meetings, places, agencies };
}

/**
 * A group-level discussion (usually at the MET hub) with the actions agreed for the group and its places. Each
 * member on the day gets a chronology entry that says only that they were discussed as part of a peer group: no
 * group name, no other member, nothing of what was said. A repeated submission (the same key) records it once.
 */
export async function recordDiscussion(ctx: RequestContext, groupId: string, input: DiscussionInput & { idempotencyKey: string }): Promise<string> {
  const group = await groupFor(ctx, groupId, 'outside.groups');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'peer_group_discussion' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (group.closed_on) throw new StateError('This peer group is closed, so no more discussions can be recorded.');
  if (input.discussedOn > ukToday()) throw new FieldProblem('discussedOn', 'The date of the discussion must be today or in the past');
  if (input.panelMeetingId) {
    const meeting = (await metHubMeetings(ctx, [input.panelMeetingId])).get(input.panelMeetingId);
    if (!meeting || meeting.status === 'cancelled') throw new FieldProblem('panelMeetingId', 'Select a MET hub meeting from the list');
    if (meeting.meetingDate !== input.discussedOn) throw new FieldProblem('discussedOn', `The discussion was at the MET hub meeting, so its date is ${formatDate(meeting.meetingDate)}`);
  }
  const places = new Set((await repo.placesOfGroup(ctx.db, groupId)).map((p) => p.id));
  const agencies = new Set((await repo.agencies(ctx.db)).map((a) => a.id));
  input.actions.forEach((a, i) => {
    if (a.placeId && !places.has(a.placeId)) throw new FieldProblem(`actionPlace${i}`, 'Select the group or one of its places');
    if (!agencies.has(a.agencyId)) throw new FieldProblem(`actionAgency${i}`, 'Select the agency that will do it');
    if (a.dueOn < input.discussedOn) throw new FieldProblem(`actionDue${i}`, 'An action cannot be due before the discussion that agreed it');
  });
  const memberIds = await repo.memberIdsOn(ctx.db, groupId, input.discussedOn);
  // Every member's record says they were discussed, whoever records it; the access audit holds the change to the
  // records the recorder may open (a record they may not open is not opened by this: nothing of it is shown).
  const scopes = await loadPersonScopes(ctx.db, memberIds);
  const audited = memberIds.flatMap((id) => {
    const scope = scopes.get(id);
    const decision = scope ? can(ctx.actor, 'person.view', { kind: 'person', person: scope }) : null;
    return decision?.allowed ? [{ id, decision }] : [];
  });
  const entry = input.panelMeetingId ? GROUP_CHRONOLOGY.discussedAtHub : GROUP_CHRONOLOGY.discussed;
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertDiscussion(
      trx,
      { id, group_id: groupId, panel_meeting_id: input.panelMeetingId, discussed_on: input.discussedOn, risk_level: input.riskLevel, summary: input.summary, created_by: ctx.actor.id },
      input.actions.map((a) => ({ discussion_id: id, group_id: groupId, place_id: a.placeId, kind: a.kind, what: a.what, agency_id: a.agencyId, due_on: a.dueOn, created_by: ctx.actor.id })),
    );
    for (const personId of memberIds) {
      await recordChronology(trx, {
        personId, occurredAt: startOfUkDay(input.discussedOn), entryType: entry.type, summary: entry.summary, agencyId: ctx.actor.agencyId, recordedBy: ctx.actor.id, recordType: GROUP_RECORD, recordId: groupId,
      });
    }
    for (const { id: personId, decision } of audited) await auditChange(trx, ctx, 'outside.group_discussed', personId, decision);
  });
  return result.id;
}

/** An action of this group, for its "done" form. */
export async function actionFor(ctx: RequestContext, groupId: string, actionId: string) {
  const group = await groupFor(ctx, groupId, 'outside.groups');
  const action = (await repo.actionsOf(ctx.db, groupId)).find((a) => a.id === actionId);
  if (!action) throw new NotFoundError();
  return { group, action };
}

/** Marks an action done on a day, at the version read. */
export async function markActionDone(ctx: RequestContext, groupId: string, actionId: string, input: { doneOn: string; version: number }): Promise<void> {
  authorise(ctx, 'outside.groups');
  const { action } = await actionFor(ctx, groupId, actionId);
  if (action.done_on) throw new StateError('This action is already marked done.');
  if (input.doneOn > ukToday()) throw new FieldProblem('doneOn', 'The date it was done must be today or in the past');
  const discussion = (await repo.discussionsOf(ctx.db, groupId)).find((d) => d.id === action.discussion_id);
  if (discussion && input.doneOn < discussion.discussed_on) throw new FieldProblem('doneOn', 'The action cannot be done before the discussion that agreed it');
  if (!(await repo.updateActionAtVersion(ctx.db, actionId, input.version, { done_on: input.doneOn }))) {
    throw new ConflictError('Someone else changed this action after you opened it. Look at the group as it is now and try again.');
  }
}
