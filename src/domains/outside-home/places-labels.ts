import type { AgencyKind } from '../../db/types.ts';
import type { IncidentKind, InformationSource, PlaceKind } from './tables.ts';

/** What kind of place it is: the words a MET hub uses, in the order they are offered. */
export const PLACE_KINDS: Record<PlaceKind, string> = {
  park: 'Park or open space',
  shop: 'Shop or takeaway',
  school: 'School or college',
  address: 'Address (a house or flat)',
  transport_hub: 'Bus or train station',
  online: 'Online platform',
  leisure: 'Leisure or youth venue',
  other: 'Other',
};

/** What happened: `found_missing` is recorded only from a missing episode's return, never by hand. */
export const INCIDENT_KINDS: Record<IncidentKind, string> = {
  sighting: 'Sighting',
  found_missing: 'Found when missing',
  police_information: 'Police information',
  incident: 'Incident',
  screening_concern: 'Exploitation screening concern',
};

/** The kinds a practitioner records at a place by hand. */
export const RECORDABLE_INCIDENT_KINDS = {
  sighting: INCIDENT_KINDS.sighting,
  incident: INCIDENT_KINDS.incident,
  police_information: INCIDENT_KINDS.police_information,
  screening_concern: INCIDENT_KINDS.screening_concern,
} as const satisfies Partial<Record<IncidentKind, string>>;

export const INFORMATION_SOURCES: Record<InformationSource, string> = {
  police: 'Police',
  social_care: 'Social care',
  school: 'School',
  health: 'Health',
  youth_work: 'Youth work',
  community_safety: 'Community safety',
  transport: 'Transport',
  child: 'The child',
  family: 'Family',
  other: 'Other',
};

/** Where information recorded by someone in this kind of agency came from, when the form does not ask. */
export function sourceOfAgency(kind: AgencyKind): InformationSource {
  switch (kind) {
    case 'police':
      return 'police';
    case 'social_care':
    case 'early_help':
      return 'social_care';
    case 'education':
      return 'school';
    case 'health':
      return 'health';
    case 'voluntary':
      return 'youth_work';
    default:
      return 'other';
  }
}

/**
 * What a person's chronology says about an incident: the place and what kind of information it was, never who
 * else was there ("Seen at Brackenshire Park (sighting, police)").
 */
export function incidentChronologySummary(kind: IncidentKind, source: InformationSource, placeName: string): string {
  const what: Record<IncidentKind, string> = {
    sighting: `Seen at ${placeName}`,
    found_missing: `Found at ${placeName} when missing`,
    police_information: `Police information linked to ${placeName}`,
    incident: `An incident at ${placeName}`,
    screening_concern: `An exploitation screening concern linked to ${placeName}`,
  };
  return `${what[kind]} (${INCIDENT_KINDS[kind].toLowerCase()}, ${INFORMATION_SOURCES[source].toLowerCase()})`;
}

/** The chronology entry type of an incident at a place. */
export const INCIDENT_ENTRY_TYPE = 'outside.incident';
/** The entry type in practitioners' words (merged into chronology/labels.ts). */
export const PLACES_CHRONOLOGY_LABELS: Record<string, string> = { [INCIDENT_ENTRY_TYPE]: 'Linked to a place of concern' };
/** The record an incident's chronology entries point to. */
export const INCIDENT_RECORD = 'place_incident';
export const PLACE_RECORD = 'place';

/** A template of the places part, by its short name. */
export const placesView = (name: string) => `domains/outside-home/views/places-${name}.njk`;
/** Harm outside the home shares one navigation section ("Exploitation"). */
export const SECTION = 'exploitation';
