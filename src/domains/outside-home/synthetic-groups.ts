import { addCalendarDays, addMonths } from '../../platform/calendar/working-days.ts';
import type { AgencyKey, SyntheticContext } from '../../synthetic/types.ts';
import { searchKey } from '../people/names.ts';
import type { Locality } from '../people/localities.ts';
import { associationSummary, CHRONOLOGY, DISCUSSED_SUMMARY, DISCUSSED_WITHOUT_MEETING_SUMMARY, JOINED_SUMMARY, LEFT_SUMMARY, RECORD } from './demo-chronology.ts';
import { hotSpot, place, placesPerLocality, type SyntheticPlace } from './synthetic-places.ts';
import { daytime, incident, SOURCE_AGENCY } from './synthetic-incidents.ts';
import type { AssociationNature, Confidence, GroupActionKind, InformationSource } from './tables.ts';

/**
 * Peer groups among the children screened for exploitation. Children are generated one household at a time, so a
 * locality keeps the screened children waiting to be grouped; once enough were screened within eighteen months of each other
 * they become a group: members, the group's places, associations between them, sightings of them together, sometimes
 * an adult of concern, and usually a MET hub discussion with actions for the places and the group.
 */

export interface Candidate {
  personId: string;
  /** The day of their latest exploitation screening. */
  screenedOn: string;
  /** Their 18th birthday: a member no longer after it. */
  adultOn: string;
  locality: Locality;
  /** The MET hub meetings held about them (the panels part wrote these first), for the group's discussion. */
  metHubMeetings: string[];
}

interface State {
  waiting: Map<Locality, Candidate[]>;
  size: Map<Locality, number>;
}

/** Per run: each run of the generator has its own contexts. */
const states = new WeakMap<SyntheticContext, State>();

/** Most screened children are known to spend time with others who were screened; some are not. */
const GROUPED_SHARE = 0.8;
/** Children screened further apart than this (about eighteen months) are not grouped together. */
const NEAR_DAYS = 548;
const DESCRIPTIONS = [
  'Young people seen together around the town centre late at night, some travelling out of the area.',
  'Friends who go missing together and are found at the same addresses; older associates with cars.',
  'A group linked by the police to a drug line; children carrying cash and more than one phone.',
  'Young people who meet at the park and online; invitations to parties at addresses of concern.',
];
const SIGHTINGS = [
  'Young people seen together late at night; one gave a false name when spoken to.',
  'Seen getting into a car with an older driver; the registration was passed to the police.',
  'A group of young people seen at closing time; staff called the police when an older male arrived.',
  'Seen together by detached youth workers, who offered them a lift home; they refused.',
];
const GIVEN = ['Dion', 'Tyrell', 'Kane', 'Jordan', 'Reece', 'Marlon', 'Callum', 'Shane', 'Liam', 'Danny'];
const FAMILY = ['Carrow', 'Banfield', 'Stroud', 'Mackie', 'Verran', 'Holt', 'Pascoe', 'Tremayne'];
const PLACE_ACTIONS: { kind: GroupActionKind; agency: AgencyKey; what: string }[] = [
  { kind: 'disruption', agency: 'police', what: 'Disruption visits to the address with the housing officer.' },
  { kind: 'licensing', agency: 'housing', what: 'Ask licensing to review the premises’ late-night licence and train staff.' },
  { kind: 'patrols', agency: 'police', what: 'Patrols at the place on Friday and Saturday evenings.' },
];
const GROUP_ACTIONS: { kind: GroupActionKind; agency: AgencyKey; what: string }[] = [
  { kind: 'detached_youth_work', agency: 'vol', what: 'Detached youth workers to meet the group where they go and offer activities.' },
  { kind: 'education', agency: 'school', what: 'Sessions on exploitation and keeping safe for the year group.' },
  { kind: 'safety_planning', agency: 'csc', what: 'Each child’s worker to review their safety plan with the family.' },
];

/** A screened child: waits in their locality for others, and makes a group with them once there are enough. */
export function considerForGroup(ctx: SyntheticContext, candidate: Candidate, since: string): void {
  const { rng } = ctx;
  if (!rng.chance(GROUPED_SHARE)) return;
  let state = states.get(ctx);
  if (!state) states.set(ctx, (state = { waiting: new Map(), size: new Map() }));
  const near = (on: string) => Math.abs(Date.parse(on) - Date.parse(candidate.screenedOn)) <= NEAR_DAYS * 86_400_000;
  const waiting = (state.waiting.get(candidate.locality) ?? []).filter((c) => near(c.screenedOn));
  waiting.push(candidate);
  const size = state.size.get(candidate.locality) ?? rng.int(2, 4);
  if (waiting.length < size) {
    state.waiting.set(candidate.locality, waiting);
    state.size.set(candidate.locality, size);
    return;
  }
  state.waiting.set(candidate.locality, []);
  state.size.set(candidate.locality, rng.int(2, 4));
  formGroup(ctx, waiting, since);
}

function formGroup(ctx: SyntheticContext, candidates: Candidate[], since: string): void {
  const { rng } = ctx;
  const latest = candidates.map((c) => c.screenedOn).sort().at(-1)!;
  const formed = [addCalendarDays(latest, rng.int(7, 30)), ctx.end].sort()[0]!;
  const members = candidates.filter((c) => c.adultOn > formed);
  if (members.length < 2) return;
  const locality = members[0]!.locality;
  const csc = { by: ctx.org.partnerUserIds.csc, agencyId: ctx.org.agencyIds.csc };
  const anchor = place(ctx, locality, hotSpot(ctx, rng, { school: true }), since);
  const second = place(ctx, locality, (hotSpot(ctx, rng, { school: true }) + 1) % placesPerLocality(ctx), since);
  const places = anchor.id === second.id ? [anchor] : [anchor, second];
  const id = ctx.id(formed);
  const lastAdult = members.map((m) => m.adultOn).sort().at(-1)!;
  ctx.add('peer_groups', {
    id, name: `${anchor.name.split(',')[0]} group`, description: rng.pick(DESCRIPTIONS), locality, closed_on: lastAdult <= ctx.end ? lastAdult : null, ...ctx.stamp(formed, csc.by), version: 1,
  });
  for (const p of places) ctx.add('peer_group_places', { group_id: id, place_id: p.id });
  for (const m of members) {
    const left = m.adultOn <= ctx.end ? m.adultOn : null;
    ctx.add('peer_group_members', { id: ctx.id(formed), group_id: id, person_id: m.personId, from_date: formed, to_date: left, ...ctx.stamp(formed, csc.by), version: left ? 2 : 1 });
    ctx.chronology({ personId: m.personId, at: formed, type: CHRONOLOGY.joined, summary: JOINED_SUMMARY, ...csc, recordType: RECORD.group, recordId: id });
    if (left) ctx.chronology({ personId: m.personId, at: left, type: CHRONOLOGY.left, summary: LEFT_SUMMARY, ...csc, recordType: RECORD.group, recordId: id });
  }
  for (let i = 1; i < members.length; i++) {
    associate(ctx, members[i - 1]!.personId, members[i]!.personId, formed, rng.weighted({ peer: 60, friend: 35, partner: 5 }), rng.weighted({ police: 40, youth_work: 20, school: 20, child: 10, social_care: 10 }));
  }
  sightings(ctx, members, places, formed);
  if (rng.chance(0.35)) adultOfConcern(ctx, members, locality, formed, since);
  if (rng.chance(0.6)) discussion(ctx, id, members, places, formed);
}

function associate(ctx: SyntheticContext, personId: string, otherId: string, on: string, nature: AssociationNature, source: InformationSource, otherIsChild = true): void {
  const confidence = ctx.rng.weighted<Confidence>({ confirmed: 35, likely: 45, possible: 20 });
  const agency = SOURCE_AGENCY[source];
  const by = { by: ctx.org.partnerUserIds[agency], agencyId: ctx.org.agencyIds[agency] };
  const id = ctx.id(on);
  ctx.add('associations', { id, person_id: personId, other_person_id: otherId, nature, source, confidence, from_date: on, to_date: null, notes: '', ...ctx.stamp(on, by.by), version: 1 });
  ctx.chronology({ personId, at: on, type: CHRONOLOGY.association, summary: associationSummary(otherIsChild, confidence), ...by, recordType: RECORD.association, recordId: id });
  if (otherIsChild) ctx.chronology({ personId: otherId, at: on, type: CHRONOLOGY.association, summary: associationSummary(true, confidence), ...by, recordType: RECORD.association, recordId: id });
}

/** One to four sightings of members together at the group's places, in the months after the group was known. */
function sightings(ctx: SyntheticContext, members: Candidate[], places: SyntheticPlace[], formed: string): void {
  const { rng } = ctx;
  for (let n = rng.int(1, 4); n > 0; n--) {
    const on = addCalendarDays(formed, rng.int(0, 150));
    if (on > ctx.end) continue;
    const present = members.filter((m) => m.adultOn > on && rng.chance(0.7));
    if (present.length < 2) continue;
    incident(ctx, {
      place: rng.pick(places), kind: 'sighting', at: daytime(on, rng.int(15, 23), rng.pick([0, 15, 30, 45])),
      source: rng.weighted({ police: 40, youth_work: 20, school: 10, transport: 15, community_safety: 15 }),
      summary: rng.pick(SIGHTINGS), children: present.map((m) => m.personId), adults: [],
    });
  }
}

/** An adult the police link to the group: in the person index, associated with one or two members, seen at an address. */
function adultOfConcern(ctx: SyntheticContext, members: Candidate[], locality: Locality, formed: string, since: string): void {
  const { rng } = ctx;
  const police = ctx.org.partnerUserIds.police;
  const id = ctx.id(formed);
  const [given, family] = [rng.pick(GIVEN), rng.pick(FAMILY)];
  ctx.add('people', {
    id, person_type: 'adult', given_name: given, family_name: family, date_of_birth: addCalendarDays(formed, -rng.int(19 * 365, 35 * 365)), date_of_death: null, expected_date_of_delivery: null, sex: 'M', ethnicity: null,
    nhs_number: null, upn: null, language: null, disabilities: ['NONE'], allocated_team_id: null, search_name: searchKey(given, family), ...ctx.stamp(formed, police),
  });
  ctx.chronology({ personId: id, at: formed, type: 'person.created', summary: 'Record created in the person index', agencyId: ctx.org.agencyIds.police, by: police, recordType: 'person', recordId: id });
  const linked = members.slice(0, rng.int(1, 2));
  for (const m of linked) associate(ctx, m.personId, id, formed, rng.weighted({ suspected_exploiter: 55, adult_of_concern: 45 }), 'police', false);
  // Address slots are the fourth and eighth of each set of eight.
  const sets = placesPerLocality(ctx) / 8;
  const address = place(ctx, locality, 8 * rng.int(0, sets - 1) + rng.pick([3, 7]), since);
  const on = addCalendarDays(formed, rng.int(0, 60));
  if (on <= ctx.end) incident(ctx, { place: address, kind: 'police_information', at: daytime(on, rng.int(9, 17), 0), source: 'police', summary: 'Police information: a known adult is believed to be using the address to store drugs; children seen coming and going.', children: linked.map((m) => m.personId), adults: [id] });
}

/**
 * The group discussed at the MET hub a few weeks after it was known, with an action for a place and one for the group:
 * at the first meeting held about one of its members within two months (the panels part's row, already written, since
 * a child's panels come before this part), or, when none of them was referred there, as a discussion of its own.
 */
function discussion(ctx: SyntheticContext, groupId: string, members: Candidate[], places: SyntheticPlace[], formed: string): void {
  const { rng } = ctx;
  const soon = addCalendarDays(formed, 60);
  const meetingDate = members.flatMap((m) => m.metHubMeetings).filter((d) => d >= formed && d <= soon && d <= ctx.end).sort()[0];
  const on = meetingDate ?? addCalendarDays(formed, rng.int(7, 35));
  if (on > ctx.end) return;
  const chair = ctx.org.panels.metHub.chairId;
  const meetingId = meetingDate
    ? ctx.once(`panel-meeting:${ctx.org.panels.metHub.id}:${meetingDate}`, () => {
      throw new Error(`The MET hub meeting of ${meetingDate} should have been written by the panels part.`);
    })
    : null;
  const id = ctx.id(on);
  ctx.add('peer_group_discussions', {
    id, group_id: groupId, panel_meeting_id: meetingId, discussed_on: on, risk_level: rng.weighted({ low: 10, medium: 55, high: 35 }),
    summary: 'The group was discussed at the MET hub: the police, school and youth service shared who the young people spend time with and where.', ...ctx.stamp(on, chair), version: 1,
  });
  const action = (a: (typeof PLACE_ACTIONS)[number], placeId: string | null) => {
    const due = addCalendarDays(on, rng.int(14, 42));
    const doneOn = addCalendarDays(due, rng.int(-10, 10));
    const done = rng.chance(0.75) && doneOn <= ctx.end ? doneOn : null;
    ctx.add('peer_group_actions', { id: ctx.id(on), discussion_id: id, group_id: groupId, place_id: placeId, kind: a.kind, what: a.what, agency_id: ctx.org.agencyIds[a.agency], due_on: due, done_on: done, ...ctx.stamp(on, chair), version: done ? 2 : 1 });
  };
  action(rng.pick(PLACE_ACTIONS), rng.pick(places).id);
  action(rng.pick(GROUP_ACTIONS), null);
  for (const m of members.filter((x) => x.adultOn > on)) {
    ctx.chronology({ personId: m.personId, at: on, type: CHRONOLOGY.discussed, summary: meetingId ? DISCUSSED_SUMMARY : DISCUSSED_WITHOUT_MEETING_SUMMARY, agencyId: ctx.org.agencyIds.csc, by: chair, recordType: RECORD.group, recordId: groupId });
  }
}

/** A child's 18th birthday. */
export const eighteenth = (dateOfBirth: string) => addMonths(dateOfBirth, 18 * 12);
