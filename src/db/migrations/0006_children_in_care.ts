import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Children in care: periods of care made of SSDA903 episodes (a change of legal status or placement starts a new
 * one), reviews chaired by the IRO, health, education and the care leaver's record after care.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE care_periods (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    episode_id uuid REFERENCES cin_episodes(id),
    start_date date NOT NULL,
    category_of_need text NOT NULL,
    uasc boolean NOT NULL DEFAULT false,
    uasc_ceased date,
    iro_id uuid REFERENCES users(id),
    end_date date,
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX care_periods_open ON care_periods (person_id) WHERE end_date IS NULL`.execute(db);

  await sql`CREATE TABLE care_episodes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    period_id uuid NOT NULL REFERENCES care_periods(id),
    person_id uuid NOT NULL REFERENCES people(id),
    start_date date NOT NULL,
    reason_new_episode text NOT NULL,
    legal_status text NOT NULL,
    placement_type text NOT NULL,
    placement_provider text,
    carer_name text,
    urn text,
    home_postcode text,
    placement_postcode text,
    end_date date,
    reason_ceased text,
    reason_place_change text,
    ${standard},
    CHECK ((end_date IS NULL) = (reason_ceased IS NULL)),
    CHECK (end_date IS NULL OR end_date >= start_date))`.execute(db);
  await sql`CREATE UNIQUE INDEX care_episodes_open ON care_episodes (person_id) WHERE end_date IS NULL`.execute(db);
  await sql`CREATE INDEX care_episodes_period ON care_episodes (period_id, start_date)`.execute(db);

  await sql`CREATE TABLE care_reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    period_id uuid NOT NULL REFERENCES care_periods(id),
    person_id uuid NOT NULL REFERENCES people(id),
    due_date date NOT NULL,
    held_on date,
    chair_id uuid REFERENCES users(id),
    participation text,
    summary text,
    ${standard})`.execute(db);
  await sql`CREATE INDEX care_reviews_period ON care_reviews (period_id, due_date)`.execute(db);

  // Health and education checks while in care: initial and review health assessments, dental checks,
  // immunisations, the SDQ, and the personal education plan.
  await sql`CREATE TABLE care_checks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    period_id uuid NOT NULL REFERENCES care_periods(id),
    person_id uuid NOT NULL REFERENCES people(id),
    kind text NOT NULL CHECK (kind IN ('initial_health','review_health','dental','immunisations','sdq','pep')),
    done_on date NOT NULL,
    score integer,
    notes text,
    ${standard})`.execute(db);
  await sql`CREATE INDEX care_checks_person ON care_checks (person_id, kind, done_on DESC)`.execute(db);

  await sql`CREATE TABLE care_leavers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id) UNIQUE,
    eligibility text NOT NULL CHECK (eligibility IN ('eligible','relevant','former_relevant','qualifying')),
    personal_adviser_id uuid REFERENCES users(id),
    opened_on date NOT NULL,
    closed_on date,
    closed_reason text CHECK (closed_reason IN ('reached_25','no_longer_needs','moved_away','returned_to_care','died')),
    CHECK ((closed_on IS NULL) = (closed_reason IS NULL)),
    ${standard})`.execute(db);

  await sql`CREATE TABLE pathway_plans (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    care_leaver_id uuid NOT NULL REFERENCES care_leavers(id),
    person_id uuid NOT NULL REFERENCES people(id),
    plan_date date NOT NULL,
    next_review_due date NOT NULL,
    accommodation text,
    activity text,
    summary text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE INDEX pathway_plans_leaver ON pathway_plans (care_leaver_id, plan_date DESC)`.execute(db);

  // Keeping in touch, and what the 903 OC3 table asks at each birthday from 17 to 21.
  await sql`CREATE TABLE care_leaver_contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    care_leaver_id uuid NOT NULL REFERENCES care_leavers(id),
    person_id uuid NOT NULL REFERENCES people(id),
    contact_date date NOT NULL,
    in_touch text NOT NULL CHECK (in_touch IN ('YES','NO','DIED','REFU','NREQ','RHOM')),
    accommodation text CHECK (accommodation ~ '^([A-Z][12]|0)$'),
    activity text,
    notes text,
    CHECK (in_touch NOT IN ('DIED','RHOM') OR (accommodation IS NULL AND activity IS NULL)),
    CHECK (in_touch <> 'YES' OR activity IS DISTINCT FROM '0'),
    ${standard})`.execute(db);
  await sql`CREATE INDEX care_leaver_contacts_leaver ON care_leaver_contacts (care_leaver_id, contact_date DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['care_leaver_contacts', 'pathway_plans', 'care_leavers', 'care_checks', 'care_reviews', 'care_episodes', 'care_periods']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
