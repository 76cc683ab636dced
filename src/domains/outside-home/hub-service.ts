import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { recentScreeningsOfConcern, type ScreeningOfConcern } from '../missing/service-exploitation.ts';
import { childrenOpenToMetHub } from '../panels/service-met-hub.ts';
import { personNames } from '../people/service.ts';
import { CONFIDENCE, NATURES } from './associations-labels.ts';
import { associationsAmong } from './associations-service.ts';
import * as groupsRepo from './groups-repository.ts';
import { groupList } from './groups-page.ts';
import { groupChildren, type HubLink, namesInWords } from './hub-grouping.ts';
import * as repo from './hub-repository.ts';
import { incidentsForPeople } from './places-incidents.ts';
import { repeatPlaces } from './places-service.ts';

/** Places and found-when-missing patterns look back this many days; screenings this many months. */
export const HUB_DAYS = 90;
export const SCREENING_MONTHS = 6;

export interface HubChild {
  id: string;
  name: string;
  /** Why the child is on the agenda, in words. */
  reasons: string[];
}

const LEVELS = { none: 'none', low: 'low', medium: 'medium', high: 'high' } as const;

function screeningWords(s: ScreeningOfConcern): string {
  const found = [['sexual exploitation', s.sexual], ['criminal exploitation', s.criminal], ['trafficking', s.trafficking]]
    .filter(([, level]) => level === 'medium' || level === 'high')
    .map(([what, level]) => `${what} ${LEVELS[level as keyof typeof LEVELS]}`);
  return `Exploitation screening ${formatDate(s.screenedOn)}: ${found.join(', ')}`;
}

/**
 * The MET hub agenda: children open to the MET hub and children screened at medium or high risk of exploitation
 * in the last 6 months, shown only when the user may see them, grouped by what links them (associations both of
 * whose ends the user may see, current peer groups, places shared in the last 90 days); the patterns beside it.
 */
export async function hubPage(ctx: RequestContext, today = ukToday()) {
  authorise(ctx, 'outside.view');
  const since = startOfUkDay(addCalendarDays(today, -HUB_DAYS));
  const [referrals, screenings] = await Promise.all([childrenOpenToMetHub(ctx), recentScreeningsOfConcern(ctx, SCREENING_MONTHS, today)]);
  const candidates = [...new Set([...referrals.map((r) => r.personId), ...screenings.map((s) => s.personId)])];
  const visible = await viewablePeople(ctx, candidates);
  const childIds = candidates.filter((id) => visible.has(id));
  const names = await personNames(ctx.db, childIds);
  const nameOf = (id: string) => names.get(id) ?? '';
  const children = new Map<string, HubChild>(childIds.map((id) => [id, { id, name: nameOf(id), reasons: [] }]));
  for (const r of referrals) children.get(r.personId)?.reasons.push(`Open to the MET hub (${r.panelName}, referred ${formatDate(r.referredOn)})`);
  for (const s of screenings) children.get(s.personId)?.reasons.push(screeningWords(s));

  const links = await hubLinks(ctx, childIds, nameOf, since, today);
  const byName = (a: string, b: string) => nameOf(a).localeCompare(nameOf(b));
  const { groups, alone } = groupChildren(childIds, links);
  const shownGroups = groups
    .map((g) => ({ children: g.childIds.sort(byName).map((id) => children.get(id)!), links: g.links.map((l) => l.words), places: g.places.sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => b.children.length - a.children.length || a.children[0]!.name.localeCompare(b.children[0]!.name));

  const [repeat, found, groupRows] = await Promise.all([repeatPlaces(ctx, { since }), foundMissingPatterns(ctx, since), groupList(ctx, 'open')]);
  return {
    groups: shownGroups,
    alone: alone.sort(byName).map((id) => children.get(id)!),
    childCount: childIds.length,
    foundMissing: found,
    repeatPlaces: repeat,
    peerGroups: groupRows.rows,
    mayManageGroups: can(ctx.actor, 'outside.groups').allowed,
    mayRecord: can(ctx.actor, 'outside.record').allowed,
    days: HUB_DAYS,
    months: SCREENING_MONTHS,
  };
}

/** Every link between children on the agenda, in words; only what the user may see is used. */
async function hubLinks(ctx: RequestContext, childIds: string[], nameOf: (id: string) => string, since: Date, today: string): Promise<HubLink[]> {
  if (!childIds.length) return [];
  const onAgenda = new Set(childIds);
  const links: HubLink[] = [];
  const names = (ids: Iterable<string>) => namesInWords([...ids].map(nameOf).sort((a, b) => a.localeCompare(b)));

  const associations = await associationsAmong(ctx, childIds, { on: today });
  const byOther = new Map<string, { nature: string; ids: Set<string> }>();
  for (const a of associations) {
    if (onAgenda.has(a.personId) && onAgenda.has(a.otherPersonId)) {
      links.push({ childIds: [a.personId, a.otherPersonId], words: `${names([a.personId, a.otherPersonId])}: an association (${NATURES[a.nature].toLowerCase()}, ${CONFIDENCE[a.confidence].toLowerCase()})` });
      continue;
    }
    // Linked through someone not on the agenda (an adult of concern, another young person): both ends are visible.
    const [child, other] = onAgenda.has(a.personId) ? [a.personId, a.otherPersonId] : [a.otherPersonId, a.personId];
    const entry = byOther.get(other) ?? { nature: NATURES[a.nature].toLowerCase(), ids: new Set<string>() };
    entry.ids.add(child);
    byOther.set(other, entry);
  }
  const otherNames = await personNames(ctx.db, [...byOther.keys()]);
  for (const [other, entry] of byOther) {
    if (entry.ids.size >= 2) links.push({ childIds: [...entry.ids], words: `${names(entry.ids)} are each associated with ${otherNames.get(other) ?? ''} (${entry.nature})` });
  }

  const memberships = await groupsRepo.currentMembershipsOf(ctx.db, childIds, today);
  const byGroup = new Map<string, { name: string; ids: Set<string> }>();
  for (const m of memberships) {
    const entry = byGroup.get(m.group_id) ?? { name: m.name, ids: new Set<string>() };
    entry.ids.add(m.person_id);
    byGroup.set(m.group_id, entry);
  }
  for (const entry of byGroup.values()) if (entry.ids.size >= 2) links.push({ childIds: [...entry.ids], words: `${names(entry.ids)} are in the peer group ${entry.name}` });

  const byPlace = new Map<string, { place: { id: string; name: string }; ids: Set<string> }>();
  for (const incident of await incidentsForPeople(ctx, childIds, since)) {
    if (!incident.place) continue;
    const entry = byPlace.get(incident.place.id) ?? { place: { id: incident.place.id, name: incident.place.name }, ids: new Set<string>() };
    for (const p of incident.people) if (onAgenda.has(p.id)) entry.ids.add(p.id);
    byPlace.set(incident.place.id, entry);
  }
  for (const entry of byPlace.values()) {
    if (entry.ids.size >= 2) links.push({ childIds: [...entry.ids], words: `${names(entry.ids)} were linked to ${entry.place.name} in the last ${HUB_DAYS} days`, place: entry.place });
  }
  return links;
}

/** Places where two or more children the user may see were found when missing since a moment, most children first. */
async function foundMissingPatterns(ctx: RequestContext, since: Date) {
  const rows = await repo.foundMissingSince(ctx.db, since);
  const visible = await viewablePeople(ctx, rows.map((r) => r.person_id));
  const byPlace = new Map<string, { id: string; name: string; childIds: Set<string>; episodes: number; lastAt: Date }>();
  for (const r of rows) {
    if (!visible.has(r.person_id)) continue;
    const at = new Date(r.occurred_at);
    const entry = byPlace.get(r.place_id) ?? { id: r.place_id, name: r.place_name, childIds: new Set<string>(), episodes: 0, lastAt: at };
    entry.childIds.add(r.person_id);
    entry.episodes += 1;
    if (at > entry.lastAt) entry.lastAt = at;
    byPlace.set(r.place_id, entry);
  }
  const patterns = [...byPlace.values()].filter((p) => p.childIds.size >= 2);
  const names = await personNames(ctx.db, patterns.flatMap((p) => [...p.childIds]));
  return patterns
    .map((p) => ({ place: { id: p.id, name: p.name }, children: [...p.childIds].map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)), episodes: p.episodes, lastAt: p.lastAt }))
    .sort((a, b) => b.children.length - a.children.length || b.lastAt.getTime() - a.lastAt.getTime() || a.place.name.localeCompare(b.place.name));
}
