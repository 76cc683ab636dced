import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { ChronologyTable, Database } from '../../db/types.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { searchKey } from '../people/names.ts';
import { ADULTS_OF_CONCERN, ASSOCIATIONS, DEMO_PLACES, DISCUSSION, FOUND_AT, GROUPS, INCIDENTS, type PlaceKey } from './demo-stories.ts';
import { associationSummary, CHRONOLOGY, DISCUSSED_SUMMARY, DISCUSSED_WITHOUT_MEETING_SUMMARY, incidentSummary, JOINED_SUMMARY, RECORD } from './demo-chronology.ts';
import type { InformationSource, IncidentKind } from './tables.ts';

const LEVEL = { none: 0, low: 1, medium: 2, high: 3 } as const;

/**
 * Harm outside the home in the demo: six places, two peer groups among the demo children who went missing or were
 * screened for exploitation, sightings of them together at the groups' places, a found-when-missing incident for
 * every return whose "found" description is one of the places, associations between the members and with two
 * adults of concern, and a MET hub discussion of the first group with actions for its places and the group.
 * Runs after the missing demo, whose episodes and screenings it builds on; chronology entries name no other person.
 */
export async function seedOutsideHomeDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const sam = org.userIds['sam.rowe@cairn.example'];
  const csc = org.agencyIds.csc;
  if (!sam || !csc) return;
  const chronology: Insertable<ChronologyTable>[] = [];
  const note = (personId: string, at: Date, entryType: string, summary: string, recordType: string, recordId: string) =>
    chronology.push({ person_id: personId, occurred_at: at, entry_type: entryType, summary, agency_id: csc, recorded_by: sam, record_type: recordType, record_id: recordId });
  const daysAgo = (days: number, time = '10:00') => ukMoment(addCalendarDays(today, -days), time)!;

  const places = new Map<PlaceKey, { id: string; name: string }>();
  for (const p of DEMO_PLACES) {
    const id = uuidv7();
    places.set(p.key, { id, name: p.name });
    await db.insertInto('places').values({ id, name: p.name, kind: p.kind, locality: p.locality, postcode: p.postcode, description: p.description, created_by: sam, created_at: daysAgo(200) }).execute();
  }

  const incident = async (i: { placeKey: PlaceKey; kind: IncidentKind; source: InformationSource; at: Date; summary: string; people: string[]; children: string[]; missingEpisodeId?: string; screeningId?: string | null }) => {
    const id = uuidv7();
    const place = places.get(i.placeKey)!;
    await db.insertInto('place_incidents').values({ id, place_id: place.id, kind: i.kind, occurred_at: i.at, source: i.source, summary: i.summary, missing_episode_id: i.missingEpisodeId ?? null, screening_id: i.screeningId ?? null, created_by: sam, created_at: i.at }).execute();
    await db.insertInto('place_incident_people').values(i.people.map((person_id) => ({ incident_id: id, person_id }))).execute();
    for (const child of i.children) note(child, i.at, CHRONOLOGY.incident, incidentSummary(i.kind, i.source, place.name), RECORD.incident, id);
  };

  // Every return whose "found" description is a demo place: the incident the missing return step records.
  const returns = await db.selectFrom('missing_episodes').select(['id', 'person_id', 'returned_at', 'found_where']).where('returned_at', 'is not', null).orderBy('returned_at').execute();
  for (const r of returns) {
    const placeKey = r.found_where ? FOUND_AT[r.found_where] : undefined;
    if (!placeKey) continue;
    await incident({ placeKey, kind: 'found_missing', source: 'police', at: r.returned_at!, summary: 'Found here by the police after being reported missing; brought home.', people: [r.person_id], children: [r.person_id], missingEpisodeId: r.id });
  }

  const members = await groupMembers(db);
  const groups = GROUPS.map((g, i) => ({ ...g, members: members.slice(i * 3, i * 3 + 3) })).filter((g) => g.members.length >= 2);
  if (!groups.length) {
    if (chronology.length) await db.insertInto('chronology').values(chronology).execute();
    return;
  }

  const adults = new Map<string, string>();
  for (const a of ADULTS_OF_CONCERN) {
    const id = uuidv7();
    adults.set(a.key, id);
    await db.insertInto('people').values({ id, person_type: 'adult', given_name: a.givenName, family_name: a.familyName, date_of_birth: a.dateOfBirth, sex: a.sex, search_name: searchKey(a.givenName, a.familyName), created_by: sam }).execute();
    note(id, daysAgo(90), 'person.created', 'Record created in the person index', 'person', id);
  }

  const groupIds: string[] = [];
  for (const g of groups) {
    const id = uuidv7();
    groupIds.push(id);
    const from = addCalendarDays(today, -70);
    await db.insertInto('peer_groups').values({ id, name: g.name, description: g.description, locality: g.locality, created_by: sam, created_at: ukMoment(from, '11:00')! }).execute();
    await db.insertInto('peer_group_places').values(g.places.map((k) => ({ group_id: id, place_id: places.get(k)!.id }))).execute();
    for (const m of g.members) {
      await db.insertInto('peer_group_members').values({ group_id: id, person_id: m.personId, from_date: from, created_by: sam, created_at: ukMoment(from, '11:00')! }).execute();
      note(m.personId, ukMoment(from, '11:00')!, CHRONOLOGY.joined, JOINED_SUMMARY, RECORD.group, id);
    }
  }

  for (const s of INCIDENTS) {
    const g = groups[s.group];
    const children = s.members.map((m) => g?.members[m]).filter((m) => m !== undefined);
    if (!g || !children.length) continue;
    const screeningId = s.kind === 'screening_concern' ? children[0]!.screeningId : null;
    await incident({ placeKey: s.place, kind: s.kind, source: s.source, at: daysAgo(s.daysAgo, s.hour), summary: s.summary, people: [...children.map((c) => c.personId), ...s.adults.map((a) => adults.get(a)!)], children: children.map((c) => c.personId), screeningId });
  }

  for (const a of ASSOCIATIONS) {
    const g = groups[a.group];
    const child = g?.members[a.from];
    const other = typeof a.to === 'number' ? g?.members[a.to]?.personId : adults.get(a.to);
    if (!child || !other) continue;
    const id = uuidv7();
    const at = daysAgo(a.daysAgo, '12:00');
    await db.insertInto('associations').values({ id, person_id: child.personId, other_person_id: other, nature: a.nature, source: a.source, confidence: a.confidence, from_date: addCalendarDays(today, -a.daysAgo), notes: a.notes, created_by: sam, created_at: at }).execute();
    const peer = typeof a.to === 'number';
    note(child.personId, at, CHRONOLOGY.association, associationSummary(peer, a.confidence), RECORD.association, id);
    if (peer) note(other, at, CHRONOLOGY.association, associationSummary(true, a.confidence), RECORD.association, id);
  }

  // The first group at the last MET hub meeting held (or a fortnight ago when the demo has none).
  const meeting = await db.selectFrom('panel_meetings').innerJoin('panels', 'panels.id', 'panel_meetings.panel_id').select(['panel_meetings.id', 'panel_meetings.meeting_date', 'panels.chair_id'])
    .where('panels.kind', '=', 'met_hub').where('panel_meetings.status', '=', 'held').orderBy('panel_meetings.meeting_date', 'desc').limit(1).executeTakeFirst();
  const discussedOn = meeting?.meeting_date ?? addCalendarDays(today, -14);
  const chair = meeting?.chair_id ?? sam;
  const discussionId = uuidv7();
  const discussedAt = ukMoment(discussedOn, '14:00')!;
  await db.insertInto('peer_group_discussions').values({ id: discussionId, group_id: groupIds[0]!, panel_meeting_id: meeting?.id ?? null, discussed_on: discussedOn, risk_level: 'high', summary: DISCUSSION.summary, created_by: chair, created_at: discussedAt }).execute();
  for (const a of DISCUSSION.actions) {
    const agency = org.agencyIds[a.agency] ?? csc;
    const due = addCalendarDays(today, a.dueIn);
    await db.insertInto('peer_group_actions').values({ discussion_id: discussionId, group_id: groupIds[0]!, place_id: a.place ? places.get(a.place)!.id : null, kind: a.kind, what: a.what, agency_id: agency, due_on: due, done_on: a.done ? addCalendarDays(due, -2) : null, created_by: chair, created_at: discussedAt, version: a.done ? 2 : 1 }).execute();
  }
  for (const m of groups[0]!.members) chronology.push({ person_id: m.personId, occurred_at: discussedAt, entry_type: CHRONOLOGY.discussed, summary: meeting ? DISCUSSED_SUMMARY : DISCUSSED_WITHOUT_MEETING_SUMMARY, agency_id: csc, recorded_by: chair, record_type: RECORD.group, record_id: groupIds[0]! });

  await db.insertInto('chronology').values(chronology).execute();
}

/**
 * The demo children the groups are made of: those screened at medium or high concern first, then those missing
 * most often (each with their latest screening, for the screening concern).
 */
async function groupMembers(db: Kysely<Database>): Promise<{ personId: string; screeningId: string | null }[]> {
  const episodes = await db.selectFrom('missing_episodes').select(['person_id']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy('person_id').execute();
  const screenings = await db.selectFrom('exploitation_screenings').select(['id', 'person_id', 'screened_on', 'sexual_exploitation', 'criminal_exploitation', 'trafficking']).orderBy('screened_on').execute();
  const level = new Map<string, { level: number; screeningId: string }>();
  for (const s of screenings) level.set(s.person_id, { level: Math.max(LEVEL[s.sexual_exploitation], LEVEL[s.criminal_exploitation], LEVEL[s.trafficking]), screeningId: s.id });
  return episodes
    .map((e) => ({ personId: e.person_id, episodes: Number(e.n), level: level.get(e.person_id)?.level ?? -1, screeningId: level.get(e.person_id)?.screeningId ?? null }))
    .sort((a, b) => b.level - a.level || b.episodes - a.episodes || a.personId.localeCompare(b.personId))
    .map(({ personId, screeningId }) => ({ personId, screeningId }));
}
