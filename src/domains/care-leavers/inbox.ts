import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { managedTeams } from '../casework/service.ts';
import { fullName } from '../people/names.ts';
import { contactClock, pathwayPlanClock } from './clocks.ts';
import { birthdayWindows } from './oc3.ts';
import * as repo from './repository.ts';

/**
 * Care leavers' work, for the personal adviser: keeping-in-touch contacts, pathway plan reviews (or the first
 * plan), and OC3 birthday information due. Records with no adviser go to the managers of the young person's team.
 * Only clocks within a month are listed, so the inbox is what needs doing soon.
 */
export const careLeaverWork: WorkSource = async (query) => {
  const { db, userIds, today } = query;
  if (!userIds.length) return [];
  // Only the records these users advise, and for managers the unadvised ones of their teams: never every care leaver.
  const rows = await repo.leaversWithPeople(db, { openOnly: true, heldBy: { adviserIds: userIds, teamIds: await managedTeams(db, userIds, query) } });
  if (!rows.length) return [];
  const wanted = new Set(userIds);
  const unassigned = rows.filter((r) => !r.personal_adviser_id).map((r) => r.allocated_team_id).filter((t): t is string => Boolean(t));
  const managers = unassigned.length ? await repo.managersOfTeams(db, unassigned) : new Map<string, string[]>();
  const mine = rows
    .map((r) => ({ r, owners: (r.personal_adviser_id ? [r.personal_adviser_id] : (managers.get(r.allocated_team_id ?? '') ?? [])).filter((u) => wanted.has(u)) }))
    .filter((x) => x.owners.length);
  if (!mine.length) return [];
  const ids = mine.map((x) => x.r.id);
  const [contacts, plans] = await Promise.all([repo.contactsOf(db, ids), repo.plansOf(db, ids)]);
  const horizon = addCalendarDays(today, 31);
  const items: WorkItem[] = [];
  for (const { r, owners } of mine) {
    const theirs = contacts.filter((c) => c.care_leaver_id === r.id);
    const plan = plans.find((p) => p.care_leaver_id === r.id) ?? null;
    const rec = { eligibility: r.eligibility, openedOn: r.opened_on, closedOn: r.closed_on, dateOfBirth: r.date_of_birth };
    const about = { subject: fullName(r), personId: r.person_id };
    const href = `/care-leavers/${r.id}`;
    const due: Omit<WorkItem, 'assigneeId'>[] = [];
    const contact = contactClock(rec, theirs[0] ?? null, today);
    if (contact && contact.due <= horizon) due.push({ ...about, kind: 'care_leaver.contact', title: contact.status === 'overdue' ? 'Keeping in touch overdue' : 'Keeping in touch due', href: `${href}/contacts/new`, ...contact });
    const planClock = pathwayPlanClock(rec, plan, today);
    if (planClock && planClock.due <= horizon) due.push({ ...about, kind: 'care_leaver.pathway_plan', title: plan ? 'Pathway plan review due' : 'First pathway plan due', href: `${href}/plans/new`, ...planClock });
    for (const w of birthdayWindows(rec, theirs, today)) {
      if (w.status === 'due' && w.clock) due.push({ ...about, kind: 'care_leaver.oc3', title: `OC3 information due (${w.age}th birthday)`, href: `${href}#oc3`, ...w.clock });
    }
    for (const item of due) for (const assigneeId of owners) items.push({ ...item, assigneeId });
  }
  return items;
};
