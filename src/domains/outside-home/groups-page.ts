import { type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { metHubMeetings } from '../panels/service-met-hub.ts';
import * as repo from './groups-repository.ts';
import { groupFor } from './groups-service.ts';
import { incidentsForPeople, placePage } from './places-incidents.ts';
import type { IncidentKind, InformationSource } from './tables.ts';

/** The group timeline covers this many months, newest first, up to this many entries. */
export const TIMELINE_MONTHS = 12;
export const TIMELINE_LIMIT = 100;

const isCurrent = (m: { from_date: string; to_date: string | null }, today: string) => m.from_date <= today && (!m.to_date || m.to_date >= today);

/** The groups, each with how many of its members today the user may see (nobody else is counted). */
export async function groupList(ctx: RequestContext, status: 'open' | 'closed' | 'all') {
  const rows = await repo.listGroups(ctx.db, status, ukToday());
  const visible = await viewablePeople(ctx, rows.flatMap((r) => r.members.map((m) => m.id)));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      locality: r.locality,
      closedOn: r.closed_on,
      members: new Set(r.members.map((m) => m.id).filter((id) => visible.has(id))).size,
      places: Number(r.place_count ?? 0),
      lastDiscussedOn: r.last_discussed_on as string | null,
      lastRiskLevel: r.last_risk_level,
      openActions: Number(r.open_actions ?? 0),
    })),
    mayManage: can(ctx.actor, 'outside.groups').allowed,
  };
}

export interface TimelineEntry {
  id: string;
  kind: IncidentKind;
  occurredAt: Date;
  source: InformationSource;
  summary: string;
  place: { id: string; name: string } | null;
  /** The people involved whom the user may see. */
  people: { id: string; name: string }[];
}

/**
 * The group page: its members the user may see (today's and earlier ones), its places, a timeline of incidents of
 * those members and at its places over the last year, and its discussions with their actions.
 */
export async function groupPage(ctx: RequestContext, id: string) {
  const group = await groupFor(ctx, id);
  const today = ukToday();
  const [allMembers, places, discussions, actions] = await Promise.all([repo.membersOf(ctx.db, id), repo.placesOfGroup(ctx.db, id), repo.discussionsOf(ctx.db, id), repo.actionsOf(ctx.db, id)]);
  const visible = await viewablePeople(ctx, allMembers.map((m) => m.person_id));
  const members = allMembers.filter((m) => visible.has(m.person_id)).map((m) => ({ ...m, name: `${m.given_name} ${m.family_name}`, current: isCurrent(m, today) }));
  const since = addMonths(today, -TIMELINE_MONTHS);
  const timeline = await groupTimeline(ctx, [...new Set(members.map((m) => m.person_id))], places, since);
  const meetings = await metHubMeetings(ctx, discussions.flatMap((d) => (d.panel_meeting_id ? [d.panel_meeting_id] : [])));
  return {
    group,
    currentMembers: members.filter((m) => m.current),
    pastMembers: members.filter((m) => !m.current),
    places,
    timeline: timeline.slice(0, TIMELINE_LIMIT),
    timelineMore: timeline.length > TIMELINE_LIMIT,
    timelineSince: since,
    discussions: discussions.map((d) => ({
      ...d,
      meeting: d.panel_meeting_id ? (meetings.get(d.panel_meeting_id) ?? null) : null,
      actions: actions.filter((a) => a.discussion_id === d.id),
    })),
    openActions: actions.filter((a) => !a.done_on).length,
    mayManage: can(ctx.actor, 'outside.groups').allowed,
    today,
  };
}

async function groupTimeline(ctx: RequestContext, memberIds: string[], places: { id: string; name: string }[], since: string): Promise<TimelineEntry[]> {
  const entries = new Map<string, TimelineEntry>();
  for (const i of await incidentsForPeople(ctx, memberIds, startOfUkDay(since))) {
    entries.set(i.id, { id: i.id, kind: i.kind, occurredAt: i.occurredAt, source: i.source, summary: i.summary, place: i.place ? { id: i.place.id, name: i.place.name } : null, people: i.people.map((p) => ({ id: p.id, name: p.name })) });
  }
  for (const place of places) {
    const page = await placePage(ctx, place.id, { from: since, to: null });
    for (const i of page.incidents) {
      if (entries.has(i.id)) continue;
      entries.set(i.id, { id: i.id, kind: i.kind, occurredAt: i.occurred_at, source: i.source, summary: i.summary, place: { id: place.id, name: place.name }, people: i.people.map((p) => ({ id: p.id, name: p.name })) });
    }
  }
  return [...entries.values()].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || a.id.localeCompare(b.id));
}
