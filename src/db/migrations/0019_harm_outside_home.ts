import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Harm outside the home: places of concern, what was seen or known to happen there (sightings, missing children
 * found there, police information), associations between children and between children and adults of concern, and
 * peer groups discussed at the MET hub with actions for places and groups. Nothing is deleted: an association or a
 * membership ends on a date, a place is closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE places (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    kind text NOT NULL CHECK (kind IN ('park','shop','school','address','transport_hub','online','leisure','other')),
    locality text,
    postcode text,
    description text NOT NULL DEFAULT '',
    closed_on date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX places_name ON places (lower(name))`.execute(db);

  // Something seen, found or known at a place (or with no place, e.g. online contact), on a day or at a moment.
  await sql`CREATE TABLE place_incidents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    place_id uuid REFERENCES places(id),
    kind text NOT NULL CHECK (kind IN ('sighting','found_missing','police_information','incident','screening_concern')),
    occurred_at timestamptz NOT NULL,
    source text NOT NULL CHECK (source IN ('police','social_care','school','health','youth_work','community_safety','transport','child','family','other')),
    summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
    missing_episode_id uuid REFERENCES missing_episodes(id),
    screening_id uuid REFERENCES exploitation_screenings(id),
    ${standard},
    CHECK (kind <> 'found_missing' OR missing_episode_id IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX place_incidents_place ON place_incidents (place_id, occurred_at)`.execute(db);
  await sql`CREATE UNIQUE INDEX place_incidents_missing ON place_incidents (missing_episode_id) WHERE missing_episode_id IS NOT NULL`.execute(db);

  // The people an incident involved: children, and adults of concern from the person index.
  await sql`CREATE TABLE place_incident_people (
    incident_id uuid NOT NULL REFERENCES place_incidents(id),
    person_id uuid NOT NULL REFERENCES people(id),
    PRIMARY KEY (incident_id, person_id))`.execute(db);
  await sql`CREATE INDEX place_incident_people_person ON place_incident_people (person_id)`.execute(db);

  // A link between a child and another child (peer) or an adult of concern, each pair stored once (child first).
  await sql`CREATE TABLE associations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    other_person_id uuid NOT NULL REFERENCES people(id),
    nature text NOT NULL CHECK (nature IN ('peer','friend','partner','sibling','adult_of_concern','suspected_exploiter','other')),
    source text NOT NULL CHECK (source IN ('police','social_care','school','health','youth_work','community_safety','transport','child','family','other')),
    confidence text NOT NULL CHECK (confidence IN ('confirmed','likely','possible')),
    from_date date NOT NULL,
    to_date date,
    notes text NOT NULL DEFAULT '',
    ${standard},
    CHECK (person_id <> other_person_id),
    CHECK (to_date IS NULL OR to_date >= from_date))`.execute(db);
  await sql`CREATE INDEX associations_person ON associations (person_id)`.execute(db);
  await sql`CREATE INDEX associations_other ON associations (other_person_id)`.execute(db);

  await sql`CREATE TABLE peer_groups (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    description text NOT NULL DEFAULT '',
    locality text,
    closed_on date,
    ${standard})`.execute(db);
  await sql`CREATE TABLE peer_group_members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_id uuid NOT NULL REFERENCES peer_groups(id),
    person_id uuid NOT NULL REFERENCES people(id),
    from_date date NOT NULL,
    to_date date,
    ${standard},
    CHECK (to_date IS NULL OR to_date >= from_date))`.execute(db);
  await sql`CREATE INDEX peer_group_members_group ON peer_group_members (group_id)`.execute(db);
  await sql`CREATE INDEX peer_group_members_person ON peer_group_members (person_id)`.execute(db);
  await sql`CREATE TABLE peer_group_places (
    group_id uuid NOT NULL REFERENCES peer_groups(id),
    place_id uuid NOT NULL REFERENCES places(id),
    PRIMARY KEY (group_id, place_id))`.execute(db);

  // A group-level discussion (usually at the MET hub) and the actions for places and the group that came of it.
  await sql`CREATE TABLE peer_group_discussions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_id uuid NOT NULL REFERENCES peer_groups(id),
    panel_meeting_id uuid REFERENCES panel_meetings(id),
    discussed_on date NOT NULL,
    risk_level text NOT NULL CHECK (risk_level IN ('low','medium','high')),
    summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 8000),
    ${standard})`.execute(db);
  await sql`CREATE INDEX peer_group_discussions_group ON peer_group_discussions (group_id, discussed_on)`.execute(db);
  await sql`CREATE TABLE peer_group_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    discussion_id uuid NOT NULL REFERENCES peer_group_discussions(id),
    group_id uuid NOT NULL REFERENCES peer_groups(id),
    place_id uuid REFERENCES places(id),
    kind text NOT NULL CHECK (kind IN ('disruption','licensing','patrols','detached_youth_work','education','safety_planning','other')),
    what text NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    due_on date NOT NULL,
    done_on date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX peer_group_actions_group ON peer_group_actions (group_id, due_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['peer_group_actions', 'peer_group_discussions', 'peer_group_places', 'peer_group_members', 'peer_groups', 'associations', 'place_incident_people', 'place_incidents', 'places']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
