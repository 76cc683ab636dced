import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Children's social care: the allocated worker, visits, and the CIN episode (referral to closure) with its
 * assessments and child in need plans. Statutory codes (referral source, need, closure reason, assessment
 * factors) are not CHECK constraints: the DfE changes them by year, so they are validated from the code sets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE involvements DROP CONSTRAINT involvements_basis_check`.execute(db);
  await sql`ALTER TABLE involvements ADD CONSTRAINT involvements_basis_check CHECK (basis IN
    ('made_contact','team_around_child','consent','lawful_basis','created_record','multi_agency_check','early_help','panel',
     'child_protection','missing'))`.execute(db);

  // Who holds the child's case: one open row per child; the history is the 903 social worker episodes.
  await sql`CREATE TABLE case_allocations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    worker_id uuid NOT NULL REFERENCES users(id),
    team_id uuid REFERENCES teams(id),
    start_date date NOT NULL,
    end_date date,
    reason text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX case_allocations_open ON case_allocations (person_id) WHERE end_date IS NULL`.execute(db);
  await sql`CREATE INDEX case_allocations_worker ON case_allocations (worker_id) WHERE end_date IS NULL`.execute(db);

  // Statutory visits to the child, whatever plan they are under (child in need, child protection, in care, leaving care).
  await sql`CREATE TABLE visits (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    visit_date date NOT NULL,
    purpose text NOT NULL CHECK (purpose IN ('child_in_need','child_protection','looked_after','care_leaver','assessment')),
    child_seen boolean NOT NULL,
    seen_alone boolean NOT NULL DEFAULT false,
    visited_by uuid NOT NULL REFERENCES users(id),
    notes text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE INDEX visits_person ON visits (person_id, visit_date DESC)`.execute(db);

  await sql`CREATE TABLE cin_episodes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    referral_date date NOT NULL,
    referral_source text NOT NULL,
    referral_reason text NOT NULL,
    contact_id uuid REFERENCES contacts(id),
    re_referral boolean NOT NULL DEFAULT false,
    referral_nfa boolean NOT NULL DEFAULT false,
    primary_need text,
    closure_date date,
    closure_reason text,
    closure_notes text,
    ${standard},
    CHECK ((closure_date IS NULL) = (closure_reason IS NULL)))`.execute(db);
  // The census allows one open episode per child (rule 8815).
  await sql`CREATE UNIQUE INDEX cin_episodes_open ON cin_episodes (person_id) WHERE closure_date IS NULL`.execute(db);
  await sql`CREATE INDEX cin_episodes_person ON cin_episodes (person_id, referral_date DESC)`.execute(db);

  await sql`CREATE TABLE assessments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    episode_id uuid NOT NULL REFERENCES cin_episodes(id),
    person_id uuid NOT NULL REFERENCES people(id),
    start_date date NOT NULL,
    due_date date NOT NULL,
    worker_id uuid REFERENCES users(id),
    status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','submitted','authorised')),
    child_seen_date date,
    child_views text,
    family_views text,
    analysis text,
    factors text[] NOT NULL DEFAULT '{}',
    outcome text CHECK (outcome IN ('no_further_action','early_help','child_in_need_plan','strategy_discussion','continue_current_plan')),
    submitted_at timestamptz,
    returned_comment text,
    authorised_date date,
    authorised_by uuid REFERENCES users(id),
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX assessments_open ON assessments (episode_id) WHERE status <> 'authorised'`.execute(db);
  await sql`CREATE INDEX assessments_due ON assessments (due_date) WHERE status <> 'authorised'`.execute(db);

  await sql`CREATE TABLE cin_plans (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    episode_id uuid NOT NULL REFERENCES cin_episodes(id),
    person_id uuid NOT NULL REFERENCES people(id),
    start_date date NOT NULL,
    next_review_due date NOT NULL,
    end_date date,
    end_reason text,
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX cin_plans_open ON cin_plans (person_id) WHERE end_date IS NULL`.execute(db);

  // Outcomes the plan aims for and the actions towards them, each with an owner (a person or an agency) and a date.
  await sql`CREATE TABLE cin_plan_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id uuid NOT NULL REFERENCES cin_plans(id),
    kind text NOT NULL CHECK (kind IN ('outcome','action')),
    description text NOT NULL,
    owner text,
    agency_id uuid REFERENCES agencies(id),
    due_date date,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','dropped')),
    ${standard})`.execute(db);
  await sql`CREATE INDEX cin_plan_items_plan ON cin_plan_items (plan_id)`.execute(db);

  await sql`CREATE TABLE cin_plan_reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id uuid NOT NULL REFERENCES cin_plans(id),
    review_date date NOT NULL,
    progress text NOT NULL,
    decision text NOT NULL CHECK (decision IN ('continue','end_plan','strategy_discussion')),
    next_review_due date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX cin_plan_reviews_plan ON cin_plan_reviews (plan_id, review_date DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['cin_plan_reviews', 'cin_plan_items', 'cin_plans', 'assessments', 'cin_episodes', 'visits', 'case_allocations']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
