import type { RequestContext } from '../../platform/access/authorise.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import * as repo from './repository-met-hub.ts';

/**
 * What the MET hub's work outside the panel pages (harm outside the home) needs from panels. Names are never
 * read here: callers show only the children the user may see (`viewablePeople`).
 */

export interface MetHubReferral {
  referralId: string;
  personId: string;
  referredOn: string;
  status: 'awaiting' | 'open';
  panelName: string;
}

/** Children open to a MET hub panel: a referral awaiting its first discussion or open. */
export async function childrenOpenToMetHub(ctx: RequestContext): Promise<MetHubReferral[]> {
  const rows = await repo.openMetHubReferrals(ctx.db);
  return rows.map((r) => ({ referralId: r.id, personId: r.person_id, referredOn: r.referred_on, status: r.status as 'awaiting' | 'open', panelName: r.panel_name }));
}

export interface MetHubMeeting {
  id: string;
  meetingDate: string;
  status: 'planned' | 'held' | 'cancelled';
  panelName: string;
}

/** MET hub meetings a group discussion may be recorded against: the last 90 days and the next 30. */
export async function metHubMeetingChoices(ctx: RequestContext, today = ukToday()): Promise<MetHubMeeting[]> {
  const rows = await repo.metHubMeetingsBetween(ctx.db, addCalendarDays(today, -90), addCalendarDays(today, 30));
  return rows.map((r) => ({ id: r.id, meetingDate: r.meeting_date, status: r.status, panelName: r.panel_name }));
}

/** MET hub meetings by id (other kinds of panel are left out). */
export async function metHubMeetings(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, MetHubMeeting>> {
  const rows = await repo.metHubMeetingsById(ctx.db, [...new Set(ids)]);
  return new Map(rows.filter((r) => r.kind === 'met_hub').map((r) => [r.id, { id: r.id, meetingDate: r.meeting_date, status: r.status, panelName: r.panel_name }]));
}
