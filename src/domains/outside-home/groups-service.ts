import { uuidv7 } from 'uuidv7';
import { auditChange, authorise, authorisePerson, mayViewPerson, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ConflictError, FieldProblem, NotFoundError, StateError } from '../../platform/http/errors.ts';
import { findIdempotentResource, once } from '../../platform/http/idempotency.ts';
import { chronicle, personHeading, personNames } from '../people/service.ts';
import { GROUP_CHRONOLOGY, GROUP_RECORD } from './groups-labels.ts';
import * as repo from './groups-repository.ts';
import type { GroupEdit, GroupInput, MemberInput } from './groups-schema.ts';
import { placeChoices } from './places-service.ts';

/** One peer group a person belongs to (or belonged to), with the other current members the user may see. */
export interface PersonGroup {
  id: string;
  name: string;
  locality: string | null;
  closedOn: string | null;
  fromDate: string;
  toDate: string | null;
  /** A member today of a group that is still open. */
  current: boolean;
  /** The group's other members today whom the user may see; nobody else is named or counted. */
  otherMembers: { id: string; name: string }[];
}

/**
 * The peer groups a person belongs to or belonged to, newest first, for their network page. The caller must already
 * have authorised the user for this person (authorisePerson); the other members are filtered here.
 */
export async function groupsForPerson(ctx: RequestContext, personId: string): Promise<PersonGroup[]> {
  authorise(ctx, 'outside.view');
  const today = ukToday();
  const memberships = await repo.membershipsOf(ctx.db, personId);
  const current = (m: (typeof memberships)[number]) => !m.closed_on && m.from_date <= today && (!m.to_date || m.to_date >= today);
  const pairs = await repo.currentMembersOfGroups(ctx.db, memberships.filter(current).map((m) => m.group_id), today);
  const others = pairs.filter((p) => p.person_id !== personId);
  const visible = await viewablePeople(ctx, others.map((p) => p.person_id));
  const names = await personNames(ctx.db, [...visible]);
  return memberships.map((m) => ({
    id: m.group_id,
    name: m.name,
    locality: m.locality,
    closedOn: m.closed_on,
    fromDate: m.from_date,
    toDate: m.to_date,
    current: current(m),
    otherMembers: current(m)
      ? others
          .filter((p) => p.group_id === m.group_id && visible.has(p.person_id))
          .map((p) => ({ id: p.person_id, name: names.get(p.person_id) ?? '' }))
          .sort((a, b) => a.name.localeCompare(b.name))
      : [],
  }));
}

/** A group for a page or form: the role is checked before anything is read, so a refused role learns nothing. */
export async function groupFor(ctx: RequestContext, id: string, action: 'outside.view' | 'outside.groups' = 'outside.view'): Promise<repo.GroupRow> {
  authorise(ctx, action);
  const group = await repo.findGroup(ctx.db, id);
  if (!group) throw new NotFoundError();
  return group;
}

async function openGroupFor(ctx: RequestContext, id: string): Promise<repo.GroupRow> {
  const group = await groupFor(ctx, id, 'outside.groups');
  if (group.closed_on) throw new StateError('This peer group is closed, so its members and places can no longer be changed.');
  return group;
}

const stale = (what: string) => new ConflictError(`Someone else changed this ${what} after you opened it. Your changes have not been saved: look at the group as it is now and try again.`);

const notFuture = (date: string, field: string, what: string, today = ukToday()) => {
  if (date > today) throw new FieldProblem(field, `${what} must be today or in the past`);
};

/** Starts a peer group. A repeated submission (the same key) is the one group. */
export async function createGroup(ctx: RequestContext, input: GroupInput & { idempotencyKey: string }): Promise<string> {
  authorise(ctx, 'outside.groups');
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: GROUP_RECORD };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (await repo.groupNameTaken(ctx.db, input.name, null)) throw new FieldProblem('name', 'There is already a peer group with this name: choose another');
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, (trx) =>
    repo.insertGroup(trx, { id, name: input.name, description: input.description, locality: input.locality, created_by: ctx.actor.id }),
  );
  return result.id;
}

/** Changes a group's details at the version read; a closing date closes it (its history stays). */
export async function editGroup(ctx: RequestContext, id: string, input: GroupEdit): Promise<void> {
  const group = await groupFor(ctx, id, 'outside.groups');
  if (input.closedOn && input.closedOn !== group.closed_on) notFuture(input.closedOn, 'closedOn', 'The date the group closed');
  if (await repo.groupNameTaken(ctx.db, input.name, id)) throw new FieldProblem('name', 'There is already a peer group with this name: choose another');
  const saved = await repo.updateGroupAtVersion(ctx.db, id, input.version, { name: input.name, description: input.description, locality: input.locality, closed_on: input.closedOn });
  if (!saved) throw stale('group');
}

/**
 * Adds a child the user may see to the group from a day. Their chronology says only that they were recorded as
 * part of a peer group. A repeated submission (the same key) adds them once.
 */
export async function addMember(ctx: RequestContext, groupId: string, input: MemberInput & { idempotencyKey: string }): Promise<string> {
  await openGroupFor(ctx, groupId);
  const claim = { key: input.idempotencyKey, userId: ctx.actor.id, resourceType: 'peer_group_member' };
  const earlier = await findIdempotentResource(ctx.db, claim);
  if (earlier) return earlier;
  if (!(await mayViewPerson(ctx, input.personId))) throw new FieldProblem('personId', 'Choose a young person from the search results');
  const person = await personHeading(ctx, input.personId);
  if (person.personType !== 'child') throw new FieldProblem('personId', 'Peer groups are of children and young people: link an adult of concern as an association on a child’s record');
  notFuture(input.fromDate, 'fromDate', 'The date they were first known to be part of the group');
  if (await repo.openMembership(ctx.db, groupId, input.personId, input.fromDate)) {
    throw new FieldProblem('personId', `${person.givenName} ${person.familyName} is already a member of this group`);
  }
  const decision = await authorisePerson(ctx, input.personId, 'person.view', { audit: false });
  const id = uuidv7();
  const result = await once(ctx.db, { ...claim, resourceId: id }, async (trx) => {
    await repo.insertMember(trx, { id, group_id: groupId, person_id: input.personId, from_date: input.fromDate, created_by: ctx.actor.id });
    await chronicle(trx, ctx, input.personId, GROUP_CHRONOLOGY.joined.type, GROUP_CHRONOLOGY.joined.summary, { type: GROUP_RECORD, id: groupId });
    await auditChange(trx, ctx, 'outside.group_member_added', input.personId, decision);
  });
  return result.id;
}

/** A membership of this group whose child the user may see; anyone else's is not found. */
export async function memberFor(ctx: RequestContext, groupId: string, memberId: string, action: 'outside.view' | 'outside.groups' = 'outside.view') {
  const group = await groupFor(ctx, groupId, action);
  const member = await repo.findMember(ctx.db, memberId);
  if (!member || member.group_id !== groupId || !(await mayViewPerson(ctx, member.person_id))) throw new NotFoundError();
  return { group, member, person: await personHeading(ctx, member.person_id) };
}

/** Ends a membership on a day, at the version read. */
export async function endMember(ctx: RequestContext, groupId: string, memberId: string, input: { toDate: string; version: number }): Promise<void> {
  const { member } = await memberFor(ctx, groupId, memberId, 'outside.groups');
  if (member.to_date) throw new StateError('This membership has already ended.');
  notFuture(input.toDate, 'toDate', 'The date they stopped being part of the group');
  if (input.toDate < member.from_date) throw new FieldProblem('toDate', 'The date they stopped cannot be before they joined');
  const decision = await authorisePerson(ctx, member.person_id, 'person.view', { audit: false });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateMemberAtVersion(trx, memberId, input.version, { to_date: input.toDate }))) throw stale('membership');
    await chronicle(trx, ctx, member.person_id, GROUP_CHRONOLOGY.left.type, GROUP_CHRONOLOGY.left.summary, { type: GROUP_RECORD, id: groupId });
    await auditChange(trx, ctx, 'outside.group_member_ended', member.person_id, decision);
  });
}

/** Places that may be linked to the group: open places not already linked. */
export async function placesToAdd(ctx: RequestContext, groupId: string) {
  const linked = new Set((await repo.placesOfGroup(ctx.db, groupId)).map((p) => p.id));
  return (await placeChoices(ctx)).filter((p) => !linked.has(p.id));
}

/** Links an open place to the group; linking it again changes nothing. */
export async function addPlace(ctx: RequestContext, groupId: string, placeId: string): Promise<void> {
  await openGroupFor(ctx, groupId);
  if (!(await placeChoices(ctx)).some((p) => p.id === placeId)) throw new FieldProblem('placeId', 'Select a place from the list');
  await repo.insertGroupPlace(ctx.db, groupId, placeId);
}

/** Unlinks a place from the group; the place and everything recorded there stay. */
export async function removePlace(ctx: RequestContext, groupId: string, placeId: string): Promise<void> {
  await openGroupFor(ctx, groupId);
  if (!(await repo.deleteGroupPlace(ctx.db, groupId, placeId))) throw new NotFoundError();
}
