import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personNames } from '../people/service.ts';
import * as repo from './groups-repository.ts';

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
