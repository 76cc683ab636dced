import { clockStatus } from '../../platform/calendar/clocks.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { WorkItem, WorkSource } from '../inbox/work-item.ts';
import { STAGES, TOP_STAGE } from './labels.ts';
import * as repo from './repository.ts';

/**
 * Professional disagreements waiting for an answer. The managers of the agency a disagreement is about answer for
 * it at stages 1 to 3, and the business unit at stage 4; when a stage runs late the person who raised it is told
 * (they may escalate) and so is the business unit, which oversees them all; an answer at stage 1 goes back to the
 * raiser, who decides what follows. Items name the agencies and the date, never a child or what was disputed: the
 * inbox can be a manager's view of a whole team.
 */
export const disagreementWork: WorkSource = async (query) => {
  const { db, today } = query;
  if (!query.userIds.length) return [];
  const all = await repo.openDisagreements(db);
  const open = all.filter((d) => !d.stage_responded_on);
  if (!all.length) return [];
  const [managers, chairs, agencies] = await Promise.all([repo.usersWithRole(db, query.userIds, 'manager'), repo.usersWithRole(db, query.userIds, 'review_chair'), repo.agencies(db)]);
  const name = new Map(agencies.map((a) => [a.id, a.name]));
  const wanted = new Set(query.userIds);
  const items: WorkItem[] = [];
  // At stage 1 the raiser decides what follows an answer: accept it, take it to their manager, or withdraw.
  for (const d of all) {
    if (d.stage !== 1 || !d.stage_responded_on || !wanted.has(d.raised_by)) continue;
    items.push({ kind: 'disagreements.answered', title: 'Disagreement answered: resolve, escalate or withdraw', subject: `Your disagreement with ${name.get(d.about_agency) ?? 'an agency'}, raised ${formatDate(d.raised_on)}`, personId: null, href: `/disagreements/${d.id}`, due: null, status: 'info', assigneeId: d.raised_by });
  }
  for (const d of open) {
    const status = clockStatus(d.stage_due, today);
    const late = status === 'overdue';
    const stage = STAGES[d.stage]!.short;
    const item = (assigneeId: string, title: string, subject: string, href = `/disagreements/${d.id}`): WorkItem => ({ kind: 'disagreements.response', title, subject, personId: null, href, due: d.stage_due, status, assigneeId });
    const subject = `Disagreement from ${name.get(d.raised_by_agency) ?? 'another agency'}, raised ${formatDate(d.raised_on)}`;
    if (d.stage < TOP_STAGE) {
      for (const m of managers) if (m.agency_id === d.about_agency) items.push(item(m.id, `${stage} response ${late ? 'overdue' : 'due'}`, subject, `/disagreements/${d.id}/respond`));
    }
    for (const c of chairs) {
      if (d.stage >= TOP_STAGE) items.push(item(c.id, `Stage 4 response ${late ? 'overdue' : 'due'}`, subject, `/disagreements/${d.id}/respond`));
      else if (late) items.push({ ...item(c.id, `${stage} response overdue`, `Disagreement with ${name.get(d.about_agency) ?? 'an agency'}, raised ${formatDate(d.raised_on)}`), kind: 'disagreements.overdue' });
    }
    if (late && wanted.has(d.raised_by)) {
      items.push({ ...item(d.raised_by, `${stage} response overdue: consider escalating`, `Your disagreement with ${name.get(d.about_agency) ?? 'an agency'}, raised ${formatDate(d.raised_on)}`), kind: 'disagreements.overdue' });
    }
  }
  return items;
};
