import type { Confidence, IncidentKind, InformationSource } from './tables.ts';

/**
 * The chronology entries harm outside the home writes on a child's record, as the demo and the synthetic authority
 * write them. None names another child or adult: only the place, what kind of information it was and where it
 * came from.
 */
export const CHRONOLOGY = {
  incident: 'outside.incident',
  association: 'outside.association',
  joined: 'outside.group_member',
  discussed: 'outside.group_discussed',
} as const;

export const RECORD = { incident: 'place_incident', association: 'association', group: 'peer_group' } as const;

const KIND_WORDS: Record<IncidentKind, string> = {
  sighting: 'sighting',
  found_missing: 'found when missing',
  police_information: 'police information',
  incident: 'incident',
  screening_concern: 'screening concern',
};
const SOURCE_WORDS: Record<InformationSource, string> = {
  police: 'police', social_care: 'social care', school: 'school', health: 'health', youth_work: 'youth work',
  community_safety: 'community safety', transport: 'transport', child: 'the child', family: 'family', other: 'other',
};
const VERB: Record<IncidentKind, string> = {
  sighting: 'Seen at',
  found_missing: 'Found when missing at',
  police_information: 'Police information about',
  incident: 'Involved in an incident at',
  screening_concern: 'Screening concern about',
};

/** "Seen at Marshgate Park (sighting, police)". */
export const incidentSummary = (kind: IncidentKind, source: InformationSource, placeName: string) => `${VERB[kind]} ${placeName} (${KIND_WORDS[kind]}, ${SOURCE_WORDS[source]})`;

export const associationSummary = (peer: boolean, confidence: Confidence) =>
  `An association with ${peer ? 'another young person' : 'an adult of concern'} was recorded (${confidence})`;

export const JOINED_SUMMARY = 'Added to a peer group';
export const DISCUSSED_SUMMARY = 'Discussed as part of a peer group at the MET hub';
