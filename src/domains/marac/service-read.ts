import type { RequestContext } from '../../platform/access/authorise.ts';
import { authorise } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { personHeading, personNames } from '../people/service.ts';
import { CLOSURE_REASONS, label, OUTCOMES, REFERRING_AGENCIES } from './labels.ts';
import * as repo from './repository.ts';
import { auditRead, caseFor, peopleOf } from './service.ts';
import { meetingFor } from './service-work.ts';

export interface HistoryEntry {
  on: string;
  text: string;
}

/** The case page: the people, the referral and risk, each discussion with its actions, and the history. Audited as a read of each person. */
export async function casePage(ctx: RequestContext, id: string) {
  const row = await caseFor(ctx, id);
  await auditRead(ctx, await peopleOf(ctx, row));
  const children = await repo.childrenOf(ctx.db, [id]);
  const victim = await personHeading(ctx, row.victim_id);
  const perpetrator = row.perpetrator_id ? await personHeading(ctx, row.perpetrator_id) : null;
  const kids = await Promise.all(children.map((c) => personHeading(ctx, c.person_id)));
  const discussions = await repo.discussionsOf(ctx.db, { caseId: id });
  const actions = await repo.actionsOf(ctx.db, id);
  const previous = row.repeat_of ? await repo.findCase(ctx.db, row.repeat_of) : null;
  const today = ukToday();
  return {
    row,
    victim,
    perpetrator,
    children: kids,
    previous,
    discussions: discussions.map((d) => ({ ...d, actions: actions.filter((a) => a.discussion_id === d.id) })),
    actions: actions.map((a) => ({ ...a, overdue: !a.done_on && a.due_on < today })),
    history: historyOf(row, discussions, actions),
  };
}

function historyOf(row: repo.CaseRow, discussions: Awaited<ReturnType<typeof repo.discussionsOf>>, actions: repo.ActionRow[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [{ on: row.referred_on, text: `Referred by ${label(REFERRING_AGENCIES, row.referring_agency)}${row.repeat_of ? ' (repeat)' : ''}` }];
  for (const d of discussions) entries.push({ on: d.held_on, text: d.outcome ? `Discussed at MARAC: ${label(OUTCOMES, d.outcome).toLowerCase()}` : 'On the agenda of a MARAC meeting' });
  for (const a of actions) if (a.done_on) entries.push({ on: a.done_on, text: `Action done (${label(REFERRING_AGENCIES, a.agency)}): ${a.what}` });
  if (row.closed_on) entries.push({ on: row.closed_on, text: `Case closed: ${label(CLOSURE_REASONS, row.closure_reason)}` });
  return entries.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** A case for a form: the victim's name heads the page, so it is audited as a read of the victim's record. */
export async function formCase(ctx: RequestContext, id: string) {
  const row = await caseFor(ctx, id);
  await auditRead(ctx, [row.victim_id]);
  return { row, victim: await personHeading(ctx, row.victim_id) };
}

/** The coordinator's list: cases with the victim's name, the repeat flag and the next meeting. Names only: not audited as reads. */
export async function caseList(ctx: RequestContext, status: 'open' | 'closed' | 'all') {
  authorise(ctx, 'marac.work');
  const today = ukToday();
  const rows = await repo.casesWithVictims(ctx.db, status);
  const children = await repo.childrenOf(ctx.db, rows.map((r) => r.id));
  const meetings = await repo.meetings(ctx.db);
  const nextMeeting = meetings.filter((m) => m.held_on >= today).at(-1) ?? null;
  const agenda = nextMeeting ? await repo.discussionsOf(ctx.db, { meetingId: nextMeeting.id }) : [];
  return {
    nextMeeting,
    rows: rows.map((r) => ({
      id: r.id,
      victim: `${r.given_name} ${r.family_name}`,
      referredOn: r.referred_on,
      agency: r.referring_agency,
      dashScore: r.dash_score,
      riskBasis: r.risk_basis,
      repeat: Boolean(r.repeat_of),
      children: children.filter((c) => c.case_id === r.id).length,
      onNextAgenda: agenda.some((d) => d.case_id === r.id),
      closedOn: r.closed_on,
    })),
  };
}

/** Every meeting, upcoming first, with how many cases are on each agenda. */
export async function meetingList(ctx: RequestContext) {
  authorise(ctx, 'marac.work');
  const meetings = await repo.meetings(ctx.db);
  const counts = await Promise.all(meetings.map((m) => repo.discussionsOf(ctx.db, { meetingId: m.id })));
  return meetings.map((m, i) => ({ ...m, cases: counts[i]!.length, recorded: counts[i]!.filter((d) => d.outcome).length }));
}

/**
 * A meeting's page: its agenda (each case with the victim's name, audited as a read of the victim) and the open
 * cases not yet on it, to add.
 */
export async function meetingPage(ctx: RequestContext, id: string) {
  const meeting = await meetingFor(ctx, id);
  const discussions = await repo.discussionsOf(ctx.db, { meetingId: id });
  const cases = await Promise.all(discussions.map((d) => caseFor(ctx, d.case_id)));
  await auditRead(ctx, cases.map((c) => c.victim_id));
  const open = (await repo.casesWithVictims(ctx.db, 'open')).filter((c) => !discussions.some((d) => d.case_id === c.id) && c.referred_on <= meeting.held_on);
  const names = await personNames(ctx.db, cases.map((c) => c.victim_id));
  const actions = await Promise.all(cases.map((c) => repo.actionsOf(ctx.db, c.id)));
  return {
    meeting,
    held: meeting.held_on <= ukToday(),
    agenda: discussions.map((d, i) => ({
      ...d,
      victim: names.get(cases[i]!.victim_id) ?? '',
      repeat: Boolean(cases[i]!.repeat_of),
      actions: actions[i]!.filter((a) => a.discussion_id === d.id),
    })),
    available: open.map((c) => ({ id: c.id, victim: `${c.given_name} ${c.family_name}`, referredOn: c.referred_on, repeat: Boolean(c.repeat_of) })),
  };
}
