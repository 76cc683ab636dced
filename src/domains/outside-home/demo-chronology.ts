import { ASSOCIATION_CHRONOLOGY, ASSOCIATION_RECORD, associationRecordedSummary } from './associations-labels.ts';
import { GROUP_CHRONOLOGY, GROUP_RECORD } from './groups-labels.ts';
import { INCIDENT_ENTRY_TYPE, INCIDENT_RECORD, incidentChronologySummary } from './places-labels.ts';
import type { Confidence } from './tables.ts';

/**
 * The chronology entries the demo and the synthetic authority write on a child's record, exactly as the places,
 * associations and peer group services write them. None names another child or adult.
 */
export const CHRONOLOGY = {
  incident: INCIDENT_ENTRY_TYPE,
  association: ASSOCIATION_CHRONOLOGY.recorded,
  joined: GROUP_CHRONOLOGY.joined.type,
  left: GROUP_CHRONOLOGY.left.type,
  discussed: GROUP_CHRONOLOGY.discussed.type,
} as const;

export const RECORD = { incident: INCIDENT_RECORD, association: ASSOCIATION_RECORD, group: GROUP_RECORD } as const;

/** "Seen at Marshgate Park (sighting, police)". */
export const incidentSummary = incidentChronologySummary;

/** As associations-service.ts words it: what kind of person the other end is, never who. */
export const associationSummary = (otherIsChild: boolean, confidence: Confidence) => associationRecordedSummary(!otherIsChild, confidence);

export const JOINED_SUMMARY = GROUP_CHRONOLOGY.joined.summary;
export const LEFT_SUMMARY = GROUP_CHRONOLOGY.left.summary;
/** A discussion at a MET hub meeting, and one recorded without a meeting. */
export const DISCUSSED_SUMMARY = GROUP_CHRONOLOGY.discussedAtHub.summary;
export const DISCUSSED_WITHOUT_MEETING_SUMMARY = GROUP_CHRONOLOGY.discussed.summary;
