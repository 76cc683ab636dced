import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { allocations, heldBy } from '../casework/service.ts';
import type { WorkItem, WorkQuery, WorkSource } from '../inbox/work-item.ts';
import { CHECK_KINDS, periodHref } from './labels.ts';
import * as repo from './repository.ts';
import { type Clock, summarise } from './summary.ts';

/** Health and education checks enter the inbox a month before they fall due (reviews and visits always show). */
export const CHECK_NOTICE_DAYS = 28;

const title = (what: string, c: Clock) => `${what} ${c.status === 'overdue' ? 'overdue' : 'due'}`;

/**
 * Children in care's work: for the allocated social worker, the next review, the next statutory visit, and the
 * health assessments, PEPs and other checks coming due; for the independent reviewing officer, the reviews they
 * chair. Every status is worked out from the due date today.
 */
export const childrenInCareWork: WorkSource = async (query: WorkQuery) => {
  const { db, userIds, today } = query;
  if (!userIds.length) return [];
  // Only the children these users hold, and the periods they review as IRO: never every child in care (nor, for a
  // manager, their team's: this work goes to the worker or the IRO only).
  const open = await repo.openPeriodsWithin(db, await heldBy(db, userIds, query), userIds);
  if (!open.length) return [];
  const held = await allocations(
    db,
    open.map((p) => p.person_id),
  );
  const users = new Set(userIds);
  const mine = open.filter((p) => users.has(held.get(p.person_id)?.workerId ?? '') || (p.iro_id !== null && users.has(p.iro_id)));
  const summaries = await summarise(db, mine, today);
  const names = new Map(open.map((p) => [p.id, `${p.given_name} ${p.family_name}`]));
  const items: WorkItem[] = [];
  const soon = addCalendarDays(today, CHECK_NOTICE_DAYS);
  for (const s of summaries) {
    const { period } = s;
    const about = { subject: names.get(period.id)!, personId: period.person_id };
    const href = periodHref(period.id);
    const worker = held.get(period.person_id)?.workerId;
    if (worker && userIds.includes(worker)) {
      if (s.review) items.push({ ...about, kind: 'care.review', title: title('Looked-after review', s.review), href: `${href}#reviews`, due: s.review.due, status: s.review.status, assigneeId: worker });
      if (s.visit) items.push({ ...about, kind: 'care.visit', title: title('Looked-after visit', s.visit), href: `${href}#visits`, due: s.visit.due, status: s.visit.status, assigneeId: worker });
      for (const c of s.checks.filter((k) => k.due <= soon)) {
        items.push({ ...about, kind: `care.${c.kind}`, title: title(CHECK_KINDS[c.kind], c), href: `${href}#health`, due: c.due, status: c.status, assigneeId: worker });
      }
    }
    if (period.iro_id && userIds.includes(period.iro_id) && s.review) {
      items.push({ ...about, kind: 'care.review_chair', title: `${title('Looked-after review', s.review)} (as IRO)`, href: `${href}/reviews/new`, due: s.review.due, status: s.review.status, assigneeId: period.iro_id });
    }
  }
  return items;
};
