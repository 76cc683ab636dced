import type { AssociationNature, Confidence, GroupActionKind, IncidentKind, InformationSource, PlaceKind } from './tables.ts';

/**
 * What the demo's harm-outside-the-home records say: the places, the adults of concern, and how the missing
 * episodes' "found" descriptions (missing/demo.ts) match the places, so that a child found "at the bus station"
 * has a found-when-missing incident at the demo's bus station.
 */

export type PlaceKey = 'park' | 'takeaway' | 'bus' | 'school' | 'online' | 'flat';

export const DEMO_PLACES: { key: PlaceKey; name: string; kind: PlaceKind; locality: string | null; postcode: string | null; description: string }[] = [
  { key: 'park', name: 'Marshgate Park', kind: 'park', locality: 'central_east', postcode: 'ZZ99 4PK', description: 'Park by the retail estate. Young people gather at the skate park and in the underpass after dark.' },
  { key: 'takeaway', name: 'Chicken Palace, Station Road', kind: 'shop', locality: 'central_east', postcode: 'ZZ99 5CP', description: 'Takeaway open until 2am. Children are seen being bought food and offered lifts by older males.' },
  { key: 'bus', name: 'Brackenshire bus station', kind: 'transport_hub', locality: 'central_east', postcode: 'ZZ99 4BS', description: 'Coaches to the neighbouring cities. Children found here when missing, some travelling out of the area.' },
  { key: 'school', name: 'Fernhollow Academy school gate', kind: 'school', locality: 'south', postcode: 'ZZ99 7FA', description: 'Older young people and a car wait at the gate at the end of the school day.' },
  { key: 'online', name: 'Snapview group chat', kind: 'online', locality: null, postcode: null, description: 'A messaging app group used to arrange meeting places and to send invitations to parties.' },
  { key: 'flat', name: 'Flat 3, 12 Tanner’s Row', kind: 'address', locality: 'central_east', postcode: 'ZZ99 5TR', description: 'A flat where children have been found when missing. Police believe the tenant is being cuckooed.' },
];

/** Where missing/demo.ts says a child was found, and the demo place that is. */
export const FOUND_AT: Record<string, PlaceKey> = {
  'A friend’s flat in the town centre': 'flat',
  'The bus station': 'bus',
  'The park by the retail estate': 'park',
  'A fast food restaurant in the town centre': 'takeaway',
};

export const ADULTS_OF_CONCERN = [
  { key: 'dealer', givenName: 'Dion', familyName: 'Carrow', dateOfBirth: '1998-11-02', sex: 'M' as const },
  { key: 'driver', givenName: 'Tyrell', familyName: 'Banfield', dateOfBirth: '2006-04-19', sex: 'M' as const },
];

/** A sighting or police information: `days` ago at `hour`, at a place, about group members by position. */
export interface IncidentStory {
  place: PlaceKey;
  kind: Exclude<IncidentKind, 'found_missing'>;
  source: InformationSource;
  daysAgo: number;
  hour: string;
  group: 0 | 1;
  members: number[];
  adults: ('dealer' | 'driver')[];
  summary: string;
}

export const INCIDENTS: IncidentStory[] = [
  { place: 'takeaway', kind: 'sighting', source: 'police', daysAgo: 6, hour: '22:40', group: 0, members: [0, 1], adults: ['driver'], summary: 'Two young people seen getting into a grey hatchback outside the takeaway with an older male driver. Stopped and spoken to; both gave false names at first.' },
  { place: 'bus', kind: 'sighting', source: 'transport', daysAgo: 12, hour: '23:15', group: 0, members: [0, 2], adults: [], summary: 'CCTV shows two young people boarding the last coach to the city together, each carrying a new rucksack.' },
  { place: 'flat', kind: 'police_information', source: 'police', daysAgo: 20, hour: '14:00', group: 0, members: [1], adults: ['dealer'], summary: 'Neighbours report children coming and going at all hours. The tenant is vulnerable; a known adult is believed to be using the flat to store drugs.' },
  { place: 'park', kind: 'sighting', source: 'youth_work', daysAgo: 4, hour: '20:30', group: 1, members: [0, 1, 2], adults: [], summary: 'Detached youth workers spoke to a group of young people at the skate park; two were drinking and one would not give a name.' },
  { place: 'school', kind: 'sighting', source: 'school', daysAgo: 9, hour: '15:20', group: 1, members: [0, 1], adults: ['driver'], summary: 'Two pupils got into a car waiting at the school gate at the end of the day. The driver looked older than a pupil.' },
  { place: 'online', kind: 'screening_concern', source: 'social_care', daysAgo: 20, hour: '15:00', group: 0, members: [1], adults: [], summary: 'The exploitation screening found messages in a group chat inviting the young person to a party address and offering money for “jobs”.' },
  { place: 'park', kind: 'incident', source: 'community_safety', daysAgo: 45, hour: '21:10', group: 1, members: [1], adults: [], summary: 'A fight in the underpass; one young person had a cut to the hand and left before the ambulance arrived.' },
];

export const GROUPS: { name: string; locality: string; description: string; places: PlaceKey[] }[] = [
  { name: 'Station Road group', locality: 'central_east', description: 'Young people seen together around the takeaway and the bus station, travelling out of the area. Linked to a county lines drug line.', places: ['takeaway', 'bus', 'flat', 'online'] },
  { name: 'Marshgate Park group', locality: 'central_east', description: 'Friends who meet at the park and at the school gate after school; drinking and older young people with cars.', places: ['park', 'school'] },
];

/** Associations between a group's members (by position) and with the adults of concern. */
export const ASSOCIATIONS: { group: 0 | 1; from: number; to: number | 'dealer' | 'driver'; nature: AssociationNature; source: InformationSource; confidence: Confidence; daysAgo: number; notes: string }[] = [
  { group: 0, from: 0, to: 1, nature: 'peer', source: 'police', confidence: 'confirmed', daysAgo: 60, notes: 'Stopped together twice near the takeaway.' },
  { group: 0, from: 0, to: 2, nature: 'friend', source: 'child', confidence: 'likely', daysAgo: 30, notes: 'Named as a friend in the return home interview.' },
  { group: 0, from: 1, to: 'dealer', nature: 'suspected_exploiter', source: 'police', confidence: 'likely', daysAgo: 25, notes: 'Police intelligence links the adult to the flat the young person was found at.' },
  { group: 0, from: 0, to: 'driver', nature: 'adult_of_concern', source: 'police', confidence: 'possible', daysAgo: 8, notes: 'The driver of the car the young person was seen getting into.' },
  { group: 1, from: 0, to: 1, nature: 'friend', source: 'school', confidence: 'confirmed', daysAgo: 120, notes: 'Friends in the same year group.' },
  { group: 1, from: 1, to: 2, nature: 'peer', source: 'youth_work', confidence: 'possible', daysAgo: 5, notes: 'Seen together at the skate park.' },
];

export const DISCUSSION = {
  summary: 'The group was discussed at the MET hub. Police shared intelligence about the flat and the driver; the school and youth service described who the young people spend time with. Risk is high: several are going missing to the same places and travelling out of the area.',
  actions: [
    { place: 'flat' as PlaceKey, kind: 'disruption' as GroupActionKind, what: 'Visit the tenant with the housing officer and consider a closure order to stop the flat being used.', agency: 'police', dueIn: 14, done: false },
    { place: 'takeaway' as PlaceKey, kind: 'licensing' as GroupActionKind, what: 'Ask licensing to review the takeaway’s late-night licence and give staff safeguarding training.', agency: 'csc', dueIn: -3, done: false },
    { place: 'bus' as PlaceKey, kind: 'patrols' as GroupActionKind, what: 'Patrols at the bus station on Friday and Saturday evenings; tell transport staff who to call.', agency: 'police', dueIn: -10, done: true },
    { place: null, kind: 'detached_youth_work' as GroupActionKind, what: 'Detached youth workers to meet the group at the places they go and offer activities.', agency: 'vol', dueIn: 21, done: false },
  ],
};
