import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { PeerGroupActionsTable, PeerGroupDiscussionsTable, PeerGroupMembersTable, PeerGroupsTable } from './tables.ts';

type Db = Kysely<Database>;
export type GroupRow = Selectable<PeerGroupsTable>;
export type MemberRow = Selectable<PeerGroupMembersTable>;
export type DiscussionRow = Selectable<PeerGroupDiscussionsTable>;
export type ActionRow = Selectable<PeerGroupActionsTable>;

/** A membership counts on a day when it had started and had not yet ended. */
const currentOn = (day: string) => sql<boolean>`m.from_date <= ${day} AND (m.to_date IS NULL OR m.to_date >= ${day})`;

// ---- Groups ----------------------------------------------------------------------------------------------

export async function findGroup(db: Db, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('peer_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every group with who is a member today (ids only: the caller decides whom the user may see) and its last discussion. */
export async function listGroups(db: Db, status: 'open' | 'closed' | 'all', today: string) {
  let query = db
    .selectFrom('peer_groups as g')
    .selectAll('g')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('peer_group_members as m').select('m.person_id as id').whereRef('m.group_id', '=', 'g.id').where(currentOn(today))).as('members'),
      eb.selectFrom('peer_group_places as gp').select((e) => e.fn.countAll<string>().as('n')).whereRef('gp.group_id', '=', 'g.id').as('place_count'),
      eb.selectFrom('peer_group_discussions as d').select((e) => e.fn.max('d.discussed_on').as('d')).whereRef('d.group_id', '=', 'g.id').as('last_discussed_on'),
      eb
        .selectFrom('peer_group_discussions as d')
        .select('d.risk_level')
        .whereRef('d.group_id', '=', 'g.id')
        .orderBy('d.discussed_on', 'desc')
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('last_risk_level'),
      eb.selectFrom('peer_group_actions as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.group_id', '=', 'g.id').where('a.done_on', 'is', null).as('open_actions'),
    ]);
  if (status === 'open') query = query.where('g.closed_on', 'is', null);
  if (status === 'closed') query = query.where('g.closed_on', 'is not', null);
  return query.orderBy(sql`lower(g.name)`).execute();
}

export async function insertGroup(db: Db, row: Insertable<PeerGroupsTable> & { id: string }): Promise<void> {
  await db.insertInto('peer_groups').values(row).execute();
}

export const updateGroupAtVersion = (db: Db, id: string, version: number, changes: Updateable<PeerGroupsTable>) => updateAtVersion(db, 'peer_groups', id, version, changes);

/** Another group (open or closed) already called this, ignoring case. */
export async function groupNameTaken(db: Db, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('peer_groups').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '!=', exceptId);
  return Boolean(await query.executeTakeFirst());
}

// ---- Members ---------------------------------------------------------------------------------------------

export async function membersOf(db: Db, groupId: string) {
  return db
    .selectFrom('peer_group_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('m')
    .select(['p.given_name', 'p.family_name', 'p.date_of_birth'])
    .where('m.group_id', '=', groupId)
    .orderBy('m.from_date')
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}
export type MemberWithName = Awaited<ReturnType<typeof membersOf>>[number];

export async function findMember(db: Db, id: string): Promise<MemberRow | undefined> {
  return db.selectFrom('peer_group_members').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A membership of this person in this group that has not ended (or ends on or after the day). */
export async function openMembership(db: Db, groupId: string, personId: string, day: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('peer_group_members as m')
    .selectAll('m')
    .where('m.group_id', '=', groupId)
    .where('m.person_id', '=', personId)
    .where((eb) => eb.or([eb('m.to_date', 'is', null), eb('m.to_date', '>=', day)]))
    .executeTakeFirst();
}

export async function insertMember(db: Db, row: Insertable<PeerGroupMembersTable> & { id: string }): Promise<void> {
  await db.insertInto('peer_group_members').values(row).execute();
}

export const updateMemberAtVersion = (db: Db, id: string, version: number, changes: Updateable<PeerGroupMembersTable>) => updateAtVersion(db, 'peer_group_members', id, version, changes);

/** Members of the group on a day (for the discussion's chronology entries). */
export async function memberIdsOn(db: Db, groupId: string, day: string): Promise<string[]> {
  const rows = await db.selectFrom('peer_group_members as m').select('m.person_id').distinct().where('m.group_id', '=', groupId).where(currentOn(day)).execute();
  return rows.map((r) => r.person_id);
}

/** The groups a person belongs to or belonged to, newest membership first. */
export async function membershipsOf(db: Db, personId: string) {
  return db
    .selectFrom('peer_group_members as m')
    .innerJoin('peer_groups as g', 'g.id', 'm.group_id')
    .select(['g.id as group_id', 'g.name', 'g.locality', 'g.closed_on', 'm.from_date', 'm.to_date'])
    .where('m.person_id', '=', personId)
    .orderBy('m.from_date', 'desc')
    .execute();
}

/** Who belongs today to each of these open groups (group, person pairs). */
export async function currentMembersOfGroups(db: Db, groupIds: readonly string[], today: string) {
  if (!groupIds.length) return [];
  return db
    .selectFrom('peer_group_members as m')
    .select(['m.group_id', 'm.person_id'])
    .distinct()
    .where('m.group_id', 'in', [...groupIds])
    .where(currentOn(today))
    .execute();
}

/** The open groups these people belong to today (group, person pairs), for grouping children on the MET hub page. */
export async function currentMembershipsOf(db: Db, personIds: readonly string[], today: string) {
  if (!personIds.length) return [];
  return db
    .selectFrom('peer_group_members as m')
    .innerJoin('peer_groups as g', 'g.id', 'm.group_id')
    .select(['m.group_id', 'm.person_id', 'g.name'])
    .distinct()
    .where('m.person_id', 'in', [...personIds])
    .where('g.closed_on', 'is', null)
    .where(currentOn(today))
    .execute();
}

// ---- Places ----------------------------------------------------------------------------------------------

export async function placesOfGroup(db: Db, groupId: string) {
  return db
    .selectFrom('peer_group_places as gp')
    .innerJoin('places as p', 'p.id', 'gp.place_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.locality', 'p.closed_on'])
    .where('gp.group_id', '=', groupId)
    .orderBy(sql`lower(p.name)`)
    .execute();
}

/** Links a place to the group; false when it was already linked. */
export async function insertGroupPlace(db: Db, groupId: string, placeId: string): Promise<boolean> {
  const row = await db.insertInto('peer_group_places').values({ group_id: groupId, place_id: placeId }).onConflict((oc) => oc.doNothing()).returning('place_id').executeTakeFirst();
  return Boolean(row);
}

/** Unlinks a place from the group (the place and its history stay); false when it was not linked. */
export async function deleteGroupPlace(db: Db, groupId: string, placeId: string): Promise<boolean> {
  const row = await db.deleteFrom('peer_group_places').where('group_id', '=', groupId).where('place_id', '=', placeId).returning('place_id').executeTakeFirst();
  return Boolean(row);
}

// ---- Discussions and actions -----------------------------------------------------------------------------

export async function discussionsOf(db: Db, groupId: string) {
  return db
    .selectFrom('peer_group_discussions as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .selectAll('d')
    .select('u.name as recorded_by')
    .where('d.group_id', '=', groupId)
    .orderBy('d.discussed_on', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute();
}

export async function actionsOf(db: Db, groupId: string) {
  return db
    .selectFrom('peer_group_actions as a')
    .innerJoin('agencies as ag', 'ag.id', 'a.agency_id')
    .leftJoin('places as p', 'p.id', 'a.place_id')
    .selectAll('a')
    .select(['ag.name as agency_name', 'p.name as place_name'])
    .where('a.group_id', '=', groupId)
    .orderBy('a.due_on')
    .orderBy('a.created_at')
    .execute();
}

export async function insertDiscussion(db: Db, discussion: Insertable<PeerGroupDiscussionsTable> & { id: string }, actions: readonly Insertable<PeerGroupActionsTable>[]): Promise<void> {
  await db.insertInto('peer_group_discussions').values(discussion).execute();
  if (actions.length) await db.insertInto('peer_group_actions').values([...actions]).execute();
}

export async function findAction(db: Db, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('peer_group_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export const updateActionAtVersion = (db: Db, id: string, version: number, changes: Updateable<PeerGroupActionsTable>) => updateAtVersion(db, 'peer_group_actions', id, version, changes);

/** Every agency, for who does an action. */
export async function agencies(db: Db) {
  return db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
}
