import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The LADO's cases: concerns and allegations about adults who work with children, from receipt through initial
 * consideration, allegation management meetings and their actions, to outcome and closure. Nothing is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE lado_cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    adult_id uuid NOT NULL REFERENCES people(id),
    adult_role text NOT NULL,
    employer text NOT NULL,
    sector text NOT NULL,
    referring_agency text NOT NULL,
    referrer_name text NOT NULL,
    received_on date NOT NULL,
    category text NOT NULL,
    allegation text NOT NULL,
    consideration_due date NOT NULL,
    decision text CHECK (decision IN ('meeting','advice_only')),
    decided_on date,
    decision_reasons text,
    decided_by uuid REFERENCES users(id),
    police_informed_on date,
    employer_informed_on date,
    dbs_referred_on date,
    regulator text,
    regulator_informed_on date,
    outcome text,
    sanctions text[] NOT NULL DEFAULT '{}',
    closed_on date,
    closure_notes text,
    ${standard},
    CHECK ((decision IS NULL) = (decided_on IS NULL)),
    CHECK (decided_on IS NULL OR decided_on >= received_on),
    CHECK (closed_on IS NULL OR (decision IS NOT NULL AND closed_on >= decided_on)),
    CHECK (outcome IS NULL OR closed_on IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX lado_cases_open ON lado_cases (received_on) WHERE closed_on IS NULL`.execute(db);
  await sql`CREATE INDEX lado_cases_adult ON lado_cases (adult_id)`.execute(db);

  await sql`CREATE TABLE lado_case_children (
    case_id uuid NOT NULL REFERENCES lado_cases(id),
    person_id uuid NOT NULL REFERENCES people(id),
    PRIMARY KEY (case_id, person_id))`.execute(db);
  await sql`CREATE INDEX lado_case_children_person ON lado_case_children (person_id)`.execute(db);

  await sql`CREATE TABLE lado_meetings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES lado_cases(id),
    held_on date NOT NULL,
    summary text NOT NULL,
    next_meeting_on date,
    ${standard},
    CHECK (next_meeting_on IS NULL OR next_meeting_on >= held_on))`.execute(db);
  await sql`CREATE INDEX lado_meetings_case ON lado_meetings (case_id, held_on)`.execute(db);

  await sql`CREATE TABLE lado_meeting_attendees (
    meeting_id uuid NOT NULL REFERENCES lado_meetings(id),
    position integer NOT NULL,
    name text NOT NULL,
    agency text NOT NULL,
    PRIMARY KEY (meeting_id, position))`.execute(db);

  await sql`CREATE TABLE lado_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES lado_cases(id),
    meeting_id uuid NOT NULL REFERENCES lado_meetings(id),
    what text NOT NULL,
    owner text NOT NULL,
    due_on date NOT NULL,
    done_on date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX lado_actions_open ON lado_actions (due_on) WHERE done_on IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE lado_actions`.execute(db);
  await sql`DROP TABLE lado_meeting_attendees`.execute(db);
  await sql`DROP TABLE lado_meetings`.execute(db);
  await sql`DROP TABLE lado_case_children`.execute(db);
  await sql`DROP TABLE lado_cases`.execute(db);
}
