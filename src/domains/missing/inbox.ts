import { addCalendarDays, ukDate } from '../../platform/calendar/working-days.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { fullName } from '../people/names.ts';
import { allocations, heldBy, managedTeams } from '../casework/service.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { momentStatus } from './patterns.ts';
import * as repo from './repository.ts';
import { stateOf } from './machine.ts';

/** Screenings coming up for review within this many days are listed. */
const SCREENING_NOTICE_DAYS = 14;

/**
 * Missing children's work: return home interviews due or overdue (72-hour clock), screenings due for review, and
 * children missing now (for information). Each goes to the worker who holds the child's case, or, when nobody
 * does, to the managers of the child's team.
 */
export const missingWork: WorkSource = async (query) => {
  const { db, userIds, today } = query;
  if (!userIds.length) return [];
  // Only the children these users hold, and, for managers, the children of their teams (whose work is theirs while
  // nobody holds them).
  const [personIds, teamIds] = await Promise.all([heldBy(db, userIds, query), managedTeams(db, userIds, query)]);
  if (!personIds.length && !teamIds.length) return [];
  const reach = { personIds, teamIds };
  const [missing, interviews, screenings] = await Promise.all([
    repo.currentlyMissing(db, reach),
    repo.interviewsOutstanding(db, reach),
    repo.screeningsForReview(db, addCalendarDays(today, SCREENING_NOTICE_DAYS), reach),
  ]);
  const about = [...new Set([...missing, ...interviews, ...screenings].map((r) => r.person_id))];
  if (!about.length) return [];
  const [held, managers] = await Promise.all([allocations(db, about), repo.teamManagersOf(db, about)]);
  const wanted = new Set(userIds);
  const ownersOf = (personId: string) => {
    const worker = held.get(personId)?.workerId;
    return (worker ? [worker] : (managers.get(personId) ?? [])).filter((u) => wanted.has(u));
  };
  const now = new Date();
  const items: WorkItem[] = [];
  for (const e of interviews) {
    const due = e.interview_due_at!;
    const status = momentStatus(due, now);
    const stage = stateOf(e) === 'returned' ? 'to offer' : stateOf(e) === 'offered' ? 'offered, awaiting answer' : 'accepted, to hold';
    for (const assigneeId of ownersOf(e.person_id)) {
      items.push({ kind: 'missing.interview', title: `Return home interview ${status === 'overdue' ? 'overdue' : 'due'} (${stage})`, subject: fullName(e), personId: e.person_id, href: `/missing/${e.id}`, due: ukDate(due), status, assigneeId });
    }
  }
  for (const s of screenings) {
    for (const assigneeId of ownersOf(s.person_id)) {
      items.push({ kind: 'missing.screening_review', title: 'Exploitation screening review', subject: fullName(s), personId: s.person_id, href: `/people/${s.person_id}/exploitation/new`, due: s.review_due, status: clockStatus(s.review_due, today), assigneeId });
    }
  }
  for (const e of missing) {
    for (const assigneeId of ownersOf(e.person_id)) {
      items.push({ kind: 'missing.now', title: 'Missing now', subject: fullName(e), personId: e.person_id, href: `/missing/${e.id}`, due: null, status: 'info', assigneeId });
    }
  }
  return items;
};
