import { sql } from 'kysely';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { addWorkingDays, ukDate } from '../../platform/calendar/working-days.ts';
import type { WorkItem, WorkQuery, WorkSource } from '../inbox/work-item.ts';

/**
 * The front door's work: threshold decisions due from the people they are allocated to (returned ones said so),
 * unallocated contacts for the front door, decisions waiting for a manager's sign-off, and multi-agency checks
 * waiting for an answer from the users' agencies. Due dates come from the 1-working-day clocks.
 */
export const frontDoorWork: WorkSource = async (query: WorkQuery) => {
  const { db, userIds, agencyIds, today } = query;
  if (!userIds.length) return [];
  const users = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.agency_id', 'agencies.kind', sql<boolean>`'manager' = ANY(users.roles)`.as('manager')])
    .where('users.id', 'in', userIds)
    .execute();
  const managerId = query.frontDoor ? userIds.find((id) => users.some((u) => u.id === id && u.manager && u.kind === 'social_care')) : undefined;

  const contacts = query.frontDoor
    ? await db
        .selectFrom('contacts')
        .select(['id', 'status', 'allocated_to', 'decision_due', 'returned_comment'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'awaiting_decision'), eb.or([eb('allocated_to', 'in', userIds), eb('allocated_to', 'is', null)])]),
            ...(managerId ? [eb('status', '=', 'awaiting_sign_off')] : []),
          ]),
        )
        .orderBy('decision_due')
        .limit(500)
        .execute()
    : [];
  const checks = agencyIds.length
    ? await db
        .selectFrom('contact_checks')
        .select(['id', 'contact_id', 'agency_id', 'requested_at'])
        .where('agency_id', 'in', agencyIds)
        .where('status', '=', 'requested')
        .orderBy('requested_at')
        .limit(500)
        .execute()
    : [];

  const contactIds = [...new Set([...contacts.map((c) => c.id), ...checks.map((c) => c.contact_id)])];
  const children = contactIds.length && !query.countOnly
    ? await db
        .selectFrom('contact_people')
        .innerJoin('people', 'people.id', 'contact_people.person_id')
        .select(['contact_people.contact_id', 'people.id', 'people.given_name', 'people.family_name'])
        .where('contact_people.contact_id', 'in', contactIds)
        .where('contact_people.role', '=', 'child')
        .orderBy('people.family_name')
        .orderBy('people.given_name')
        .execute()
    : [];
  const about = (contactId: string) => {
    const list = children.filter((c) => c.contact_id === contactId);
    const first = list[0];
    const subject = first ? `${first.given_name} ${first.family_name}${list.length > 1 ? ` and ${list.length - 1} other${list.length > 2 ? 's' : ''}` : ''}` : 'A contact';
    return { subject, personId: first?.id ?? null };
  };

  const items: WorkItem[] = [];
  for (const c of contacts) {
    const base = { ...about(c.id), href: `/contacts/${c.id}`, due: c.decision_due, status: clockStatus(c.decision_due, today) };
    if (c.status === 'awaiting_sign_off') items.push({ ...base, kind: 'contact.sign_off', title: 'Threshold decision to sign off', href: `/contacts/${c.id}/sign-off`, assigneeId: managerId! });
    else if (!c.allocated_to) items.push({ ...base, kind: 'contact.unallocated', title: 'Unallocated contact', assigneeId: userIds[0]! });
    else if (c.returned_comment) items.push({ ...base, kind: 'contact.returned', title: 'Threshold decision returned by a manager', href: `/contacts/${c.id}/decision`, assigneeId: c.allocated_to });
    else items.push({ ...base, kind: 'contact.decision', title: 'Threshold decision due', href: `/contacts/${c.id}/decision`, assigneeId: c.allocated_to });
  }
  for (const k of checks) {
    const assignee = userIds.find((id) => users.some((u) => u.id === id && u.agency_id === k.agency_id)) ?? userIds[0]!;
    const due = addWorkingDays(ukDate(new Date(k.requested_at)), 1);
    items.push({ ...about(k.contact_id), kind: 'contact.check', title: 'Multi-agency check requested', href: `/contacts/checks/${k.id}`, due, status: clockStatus(due, today), assigneeId: assignee });
  }
  return items;
};
