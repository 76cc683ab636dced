import type { RequestContext } from '../../platform/access/authorise.ts';
import { authorise } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personHeading, personNames } from '../people/service.ts';
import { actionClock, considerationClock, durationOf } from './clocks.ts';
import { CATEGORIES, DECISIONS, LADO_MACHINE, OUTCOMES, REGULATORS, SANCTIONS, stateOf } from './labels.ts';
import * as repo from './repository.ts';
import { auditRead, caseFor, peopleOf } from './service.ts';

export interface HistoryEntry {
  on: string;
  text: string;
  by: string | null;
}

/** The case page: the adult, the children, the clock, meetings with actions, and its history. Audited as a read of each. */
export async function casePage(ctx: RequestContext, id: string) {
  const row = await caseFor(ctx, id);
  const { adultId, childIds } = await peopleOf(ctx, row);
  await auditRead(ctx, [adultId, ...childIds]);
  const today = ukToday();
  const adult = await personHeading(ctx, adultId);
  const children = await Promise.all(childIds.map((c) => personHeading(ctx, c)));
  const meetings = await repo.meetingsOf(ctx.db, id);
  const attendees = await repo.attendeesOf(ctx.db, meetings.map((m) => m.id));
  const actions = await repo.actionsOf(ctx.db, id);
  const names = await repo.userNames(ctx.db, [row.created_by, row.decided_by].filter((u): u is string => Boolean(u)));
  return {
    row,
    state: stateOf(row),
    stateLabel: LADO_MACHINE.labels[stateOf(row)],
    adult,
    children,
    consideration: considerationClock(row, today),
    duration: durationOf(row, today),
    openActions: actions.filter((a) => !a.done_on).length,
    meetings: meetings.map((m) => ({
      ...m,
      attendees: attendees.filter((a) => a.meeting_id === m.id),
      actions: actions.filter((a) => a.meeting_id === m.id).map((a) => ({ ...a, clock: actionClock(a, today) })),
    })),
    history: historyOf(row, meetings, actions, names),
  };
}

/** What happened on the case, oldest first, from its own records (nothing is deleted, so nothing is lost). */
function historyOf(row: repo.CaseRow, meetings: Awaited<ReturnType<typeof repo.meetingsOf>>, actions: repo.ActionRow[], names: Map<string, string>): HistoryEntry[] {
  const by = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const entries: HistoryEntry[] = [{ on: row.received_on, text: `Concern received (${CATEGORIES[row.category as keyof typeof CATEGORIES] ?? row.category})`, by: by(row.created_by) }];
  if (row.decided_on) entries.push({ on: row.decided_on, text: `Initial consideration: ${DECISIONS[row.decision!]}`, by: by(row.decided_by) });
  if (row.police_informed_on) entries.push({ on: row.police_informed_on, text: 'Police informed', by: null });
  if (row.employer_informed_on) entries.push({ on: row.employer_informed_on, text: 'Employer informed', by: null });
  if (row.dbs_referred_on) entries.push({ on: row.dbs_referred_on, text: 'Referred to the DBS', by: null });
  if (row.regulator_informed_on) entries.push({ on: row.regulator_informed_on, text: `${REGULATORS[row.regulator as keyof typeof REGULATORS] ?? 'Regulator'} informed`, by: null });
  meetings.forEach((m, i) => entries.push({ on: m.held_on, text: `Allegation management meeting ${i + 1}`, by: m.recorded_by }));
  for (const a of actions) if (a.done_on) entries.push({ on: a.done_on, text: `Action done: ${a.what}`, by: null });
  if (row.closed_on) {
    const outcome = row.outcome ? `: ${OUTCOMES[row.outcome as keyof typeof OUTCOMES]}` : '';
    const sanctions = row.sanctions.length ? ` (${row.sanctions.map((s) => SANCTIONS[s as keyof typeof SANCTIONS] ?? s).join(', ')})` : '';
    entries.push({ on: row.closed_on, text: `Case closed${outcome}${sanctions}`, by: null });
  }
  return entries.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

export type ListFilter = { status: 'open' | 'closed' | 'all'; category: string | null };

/** The LADO's list: cases with their clocks, filtered by status and category. Names only: not audited as reads. */
export async function caseList(ctx: RequestContext, filter: ListFilter) {
  authorise(ctx, 'lado.work');
  const today = ukToday();
  const rows = await repo.casesWithAdults(ctx.db, filter);
  const children = await repo.childrenOf(ctx.db, rows.map((r) => r.id));
  const childNames = await personNames(ctx.db, children.map((c) => c.person_id));
  return rows.map((r) => ({
    id: r.id,
    adult: `${r.given_name} ${r.family_name}`,
    adultRole: r.adult_role,
    employer: r.employer,
    category: r.category,
    receivedOn: r.received_on,
    state: stateOf(r),
    stateLabel: LADO_MACHINE.labels[stateOf(r)],
    children: children.filter((c) => c.case_id === r.id).map((c) => childNames.get(c.person_id) ?? ''),
    consideration: considerationClock(r, today),
    duration: durationOf(r, today),
    closedOn: r.closed_on,
    outcome: r.outcome,
  }));
}

/** A case for a form: its adult's name heads the page, so it is audited as a read of the adult's record. */
export async function formCase(ctx: RequestContext, id: string) {
  const row = await caseFor(ctx, id);
  await auditRead(ctx, [row.adult_id]);
  const adult = await personHeading(ctx, row.adult_id);
  return { row, adult, state: stateOf(row), actions: (await repo.actionsOf(ctx.db, id)).filter((a) => !a.done_on) };
}
