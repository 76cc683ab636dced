import type { Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

/** Harm outside the home (migration 0019). */
export type PlaceKind = 'park' | 'shop' | 'school' | 'address' | 'transport_hub' | 'online' | 'leisure' | 'other';
export type IncidentKind = 'sighting' | 'found_missing' | 'police_information' | 'incident' | 'screening_concern';
/** Who the information came from: shared by incidents and associations. */
export type InformationSource = 'police' | 'social_care' | 'school' | 'health' | 'youth_work' | 'community_safety' | 'transport' | 'child' | 'family' | 'other';
export type AssociationNature = 'peer' | 'friend' | 'partner' | 'sibling' | 'adult_of_concern' | 'suspected_exploiter' | 'other';
export type Confidence = 'confirmed' | 'likely' | 'possible';
export type GroupActionKind = 'disruption' | 'licensing' | 'patrols' | 'detached_youth_work' | 'education' | 'safety_planning' | 'other';

export interface PlacesTable extends Standard {
  id: Generated<string>;
  name: string;
  kind: PlaceKind;
  locality: string | null;
  postcode: string | null;
  description: Generated<string>;
  closed_on: DateColumn | null;
}
export interface PlaceIncidentsTable extends Standard {
  id: Generated<string>;
  place_id: string | null;
  kind: IncidentKind;
  occurred_at: Moment;
  source: InformationSource;
  summary: string;
  missing_episode_id: string | null;
  screening_id: string | null;
}
export interface PlaceIncidentPeopleTable {
  incident_id: string;
  person_id: string;
}
export interface AssociationsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  other_person_id: string;
  nature: AssociationNature;
  source: InformationSource;
  confidence: Confidence;
  from_date: DateColumn;
  to_date: DateColumn | null;
  notes: Generated<string>;
}
export interface PeerGroupsTable extends Standard {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  locality: string | null;
  closed_on: DateColumn | null;
}
export interface PeerGroupMembersTable extends Standard {
  id: Generated<string>;
  group_id: string;
  person_id: string;
  from_date: DateColumn;
  to_date: DateColumn | null;
}
export interface PeerGroupPlacesTable {
  group_id: string;
  place_id: string;
}
export interface PeerGroupDiscussionsTable extends Standard {
  id: Generated<string>;
  group_id: string;
  panel_meeting_id: string | null;
  discussed_on: DateColumn;
  risk_level: 'low' | 'medium' | 'high';
  summary: string;
}
export interface PeerGroupActionsTable extends Standard {
  id: Generated<string>;
  discussion_id: string;
  group_id: string;
  place_id: string | null;
  kind: GroupActionKind;
  what: string;
  agency_id: string;
  due_on: DateColumn;
  done_on: DateColumn | null;
}

export interface OutsideHomeTables {
  places: PlacesTable;
  place_incidents: PlaceIncidentsTable;
  place_incident_people: PlaceIncidentPeopleTable;
  associations: AssociationsTable;
  peer_groups: PeerGroupsTable;
  peer_group_members: PeerGroupMembersTable;
  peer_group_places: PeerGroupPlacesTable;
  peer_group_discussions: PeerGroupDiscussionsTable;
  peer_group_actions: PeerGroupActionsTable;
}
