import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Private fostering (Children Act 1989 Part IX; Children (Private Arrangements for Fostering) Regulations 2005):
 * the notification and the arrangement it describes, the carers, the carer checks and suitability decision, the
 * statutory visits, and how the arrangement ended. Nothing is deleted: an arrangement ends with a date and reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE private_fostering_arrangements (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    notified_on date NOT NULL,
    notified_by text NOT NULL CHECK (notified_by IN ('carer','parent','school','health','other_professional','other')),
    notifier_detail text,
    start_date date NOT NULL,
    parents_details text NOT NULL,
    reason text NOT NULL,
    expected_duration text NOT NULL,
    -- The carer checks and the decision on suitability (one assessment per arrangement, versioned with it).
    dbs_on date, dbs_result text CHECK (dbs_result IN ('satisfactory','concerns')),
    references_on date, references_result text CHECK (references_result IN ('satisfactory','concerns')),
    health_on date, health_result text CHECK (health_result IN ('satisfactory','concerns')),
    accommodation_on date, accommodation_result text CHECK (accommodation_result IN ('satisfactory','concerns')),
    decision text CHECK (decision IN ('suitable','suitable_with_conditions','not_suitable')),
    decision_on date,
    decision_notes text,
    decided_by uuid REFERENCES users(id),
    confirmed_by uuid REFERENCES users(id),
    confirmed_on date,
    ended_on date,
    end_reason text CHECK (end_reason IN ('returned_to_parents','reached_age','became_looked_after','moved_to_relative','carer_unable','other')),
    end_notes text,
    CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
    CHECK ((decision IS NULL) = (decision_on IS NULL)),
    ${standard})`.execute(db);
  await sql`CREATE INDEX private_fostering_person ON private_fostering_arrangements (person_id, notified_on DESC)`.execute(db);
  await sql`CREATE INDEX private_fostering_notified ON private_fostering_arrangements (notified_on)`.execute(db);

  // A carer is an adult on the person index when known there (carer_person_id), otherwise named as notified.
  await sql`CREATE TABLE private_fostering_carers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    arrangement_id uuid NOT NULL REFERENCES private_fostering_arrangements(id),
    carer_person_id uuid REFERENCES people(id),
    name text NOT NULL,
    relationship text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE INDEX private_fostering_carers_arrangement ON private_fostering_carers (arrangement_id)`.execute(db);

  // Each visit keeps the date it was due, so "visits on time" is read from the record, not worked out again.
  await sql`CREATE TABLE private_fostering_visits (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    arrangement_id uuid NOT NULL REFERENCES private_fostering_arrangements(id),
    person_id uuid NOT NULL REFERENCES people(id),
    visit_date date NOT NULL,
    due_on date NOT NULL,
    child_seen boolean NOT NULL,
    seen_alone boolean NOT NULL,
    notes text,
    CHECK (child_seen OR NOT seen_alone),
    ${standard})`.execute(db);
  await sql`CREATE INDEX private_fostering_visits_arrangement ON private_fostering_visits (arrangement_id, visit_date DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['private_fostering_visits', 'private_fostering_carers', 'private_fostering_arrangements']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
