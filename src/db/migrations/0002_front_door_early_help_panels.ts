import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Early help cases and panels give agencies a reason to see a child, as contacts and Team Around the Child do.
  await sql`ALTER TABLE involvements DROP CONSTRAINT involvements_basis_check`.execute(db);
  await sql`ALTER TABLE involvements ADD CONSTRAINT involvements_basis_check CHECK (basis IN
    ('made_contact','team_around_child','consent','lawful_basis','created_record','multi_agency_check','early_help','panel'))`.execute(db);
  await sql`ALTER TABLE involvements ADD COLUMN source_type text`.execute(db);
  await sql`ALTER TABLE involvements ADD COLUMN source_id uuid`.execute(db);
  await sql`CREATE INDEX involvements_source ON involvements (source_type, source_id)`.execute(db);

  // The local threshold document: four levels, and for each assessment domain what each level looks like.
  await sql`CREATE TABLE threshold_levels (
    level integer PRIMARY KEY CHECK (level BETWEEN 1 AND 4),
    name text NOT NULL,
    descriptor text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE TABLE threshold_domains (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    description text NOT NULL,
    sort_order integer NOT NULL DEFAULT 0,
    active boolean NOT NULL DEFAULT true,
    ${standard})`.execute(db);
  await sql`CREATE TABLE threshold_descriptors (
    domain_id uuid NOT NULL REFERENCES threshold_domains(id),
    level integer NOT NULL REFERENCES threshold_levels(level),
    descriptor text NOT NULL,
    ${standard},
    PRIMARY KEY (domain_id, level))`.execute(db);

  await sql`CREATE TABLE contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    received_at timestamptz NOT NULL,
    decision_due date NOT NULL,
    source text NOT NULL,
    referrer_name text NOT NULL,
    referrer_role text,
    referrer_phone text,
    referrer_email text,
    made_by_agency_id uuid NOT NULL REFERENCES agencies(id),
    reason text NOT NULL,
    presenting_needs text[] NOT NULL DEFAULT '{}',
    consent text NOT NULL CHECK (consent IN ('given','not_given','overridden')),
    consent_override_reason text,
    urgency text NOT NULL CHECK (urgency IN ('immediate','same_day','standard')),
    status text NOT NULL DEFAULT 'awaiting_decision' CHECK (status IN ('awaiting_decision','awaiting_sign_off','decided')),
    allocated_to uuid REFERENCES users(id),
    early_help_case_id uuid,
    decision_level integer REFERENCES threshold_levels(level),
    decision_outcome text CHECK (decision_outcome IN ('no_further_action','advice','early_help','social_care_referral','strategy_discussion')),
    decision_reasons text,
    decided_by uuid REFERENCES users(id),
    decided_at timestamptz,
    signed_off_by uuid REFERENCES users(id),
    signed_off_at timestamptz,
    returned_comment text,
    ${standard},
    CHECK (consent <> 'overridden' OR consent_override_reason IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX contacts_status ON contacts (status, decision_due)`.execute(db);
  await sql`CREATE INDEX contacts_agency ON contacts (made_by_agency_id, received_at DESC)`.execute(db);
  await sql`CREATE TABLE contact_people (
    contact_id uuid NOT NULL REFERENCES contacts(id),
    person_id uuid NOT NULL REFERENCES people(id),
    role text NOT NULL CHECK (role IN ('child','household')),
    relationship text,
    PRIMARY KEY (contact_id, person_id))`.execute(db);
  await sql`CREATE INDEX contact_people_person ON contact_people (person_id)`.execute(db);
  await sql`CREATE TABLE contact_checks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contact_id uuid NOT NULL REFERENCES contacts(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    question text NOT NULL,
    requested_by uuid NOT NULL REFERENCES users(id),
    requested_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','responded','withdrawn')),
    response text,
    responded_by uuid REFERENCES users(id),
    responded_at timestamptz,
    ${standard})`.execute(db);
  await sql`CREATE INDEX contact_checks_contact ON contact_checks (contact_id)`.execute(db);
  await sql`CREATE INDEX contact_checks_agency ON contact_checks (agency_id, status)`.execute(db);

  await sql`CREATE TABLE early_help_cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
    source text NOT NULL CHECK (source IN ('front_door','step_down','direct')),
    contact_id uuid REFERENCES contacts(id),
    step_down_summary text,
    step_down_reason text,
    locality text NOT NULL,
    opened_on date NOT NULL,
    lead_professional_id uuid REFERENCES users(id),
    lead_agency_id uuid REFERENCES agencies(id),
    next_review_due date,
    step_up_contact_id uuid REFERENCES contacts(id),
    closed_on date,
    closure_reason text CHECK (closure_reason IN ('needs_met','stepped_up','family_withdrew','moved_away','transferred','other')),
    closure_summary text,
    ${standard},
    CHECK ((status = 'closed') = (closed_on IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX early_help_cases_person ON early_help_cases (person_id)`.execute(db);
  await sql`CREATE INDEX early_help_cases_lead ON early_help_cases (lead_professional_id, status)`.execute(db);
  await sql`ALTER TABLE contacts ADD CONSTRAINT contacts_early_help_case FOREIGN KEY (early_help_case_id) REFERENCES early_help_cases(id)`.execute(db);

  await sql`CREATE TABLE early_help_assessments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES early_help_cases(id),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','registered')),
    started_on date NOT NULL,
    registered_on date,
    completed_by uuid REFERENCES users(id),
    completing_agency_id uuid REFERENCES agencies(id),
    consent_given boolean NOT NULL DEFAULT false,
    consent_by text,
    consent_on date,
    child_views text,
    family_views text,
    summary text,
    ${standard},
    CHECK ((status = 'registered') = (registered_on IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX early_help_assessments_case ON early_help_assessments (case_id)`.execute(db);
  await sql`CREATE TABLE early_help_assessment_sections (
    assessment_id uuid NOT NULL REFERENCES early_help_assessments(id),
    domain_id uuid NOT NULL REFERENCES threshold_domains(id),
    strengths text,
    needs text,
    level integer REFERENCES threshold_levels(level),
    PRIMARY KEY (assessment_id, domain_id))`.execute(db);
  await sql`CREATE TABLE tac_members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES early_help_cases(id),
    user_id uuid NOT NULL REFERENCES users(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    role_in_team text NOT NULL,
    started_on date NOT NULL,
    ended_on date,
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX tac_members_current ON tac_members (case_id, user_id) WHERE ended_on IS NULL`.execute(db);
  await sql`CREATE INDEX tac_members_user ON tac_members (user_id)`.execute(db);
  await sql`CREATE TABLE early_help_outcomes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES early_help_cases(id),
    outcome text NOT NULL,
    achieved_on date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX early_help_outcomes_case ON early_help_outcomes (case_id)`.execute(db);
  await sql`CREATE TABLE early_help_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES early_help_cases(id),
    outcome_id uuid REFERENCES early_help_outcomes(id),
    action text NOT NULL,
    owner_id uuid NOT NULL REFERENCES users(id),
    due_on date NOT NULL,
    completed_on date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX early_help_actions_case ON early_help_actions (case_id)`.execute(db);
  await sql`CREATE INDEX early_help_actions_owner ON early_help_actions (owner_id, completed_on)`.execute(db);
  await sql`CREATE TABLE early_help_reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES early_help_cases(id),
    held_on date NOT NULL,
    progress text NOT NULL,
    family_views text,
    decision text NOT NULL CHECK (decision IN ('continue','close','step_up')),
    next_review_due date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX early_help_reviews_case ON early_help_reviews (case_id, held_on DESC)`.execute(db);

  await sql`CREATE TABLE panels (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('masg','unborn_baby','met_hub')),
    name text NOT NULL UNIQUE,
    locality text,
    chair_id uuid REFERENCES users(id),
    meets_every_days integer NOT NULL DEFAULT 14 CHECK (meets_every_days > 0),
    active boolean NOT NULL DEFAULT true,
    ${standard})`.execute(db);
  await sql`CREATE TABLE panel_referrals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    panel_id uuid NOT NULL REFERENCES panels(id),
    person_id uuid NOT NULL REFERENCES people(id),
    route text NOT NULL,
    presenting_issues text[] NOT NULL DEFAULT '{}',
    reason text NOT NULL,
    referred_on date NOT NULL,
    referred_by uuid NOT NULL REFERENCES users(id),
    referring_agency_id uuid NOT NULL REFERENCES agencies(id),
    early_help_case_id uuid REFERENCES early_help_cases(id),
    contact_id uuid REFERENCES contacts(id),
    status text NOT NULL DEFAULT 'awaiting' CHECK (status IN ('awaiting','open','closed')),
    next_review_due date,
    services_offered text[] NOT NULL DEFAULT '{}',
    closed_on date,
    outcome text,
    ${standard})`.execute(db);
  await sql`CREATE INDEX panel_referrals_panel ON panel_referrals (panel_id, status)`.execute(db);
  await sql`CREATE INDEX panel_referrals_person ON panel_referrals (person_id)`.execute(db);
  await sql`CREATE TABLE panel_meetings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    panel_id uuid NOT NULL REFERENCES panels(id),
    meeting_date date NOT NULL,
    location text,
    status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','cancelled')),
    notes text,
    ${standard})`.execute(db);
  await sql`CREATE INDEX panel_meetings_panel ON panel_meetings (panel_id, meeting_date DESC)`.execute(db);
  await sql`CREATE TABLE panel_agenda_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_id uuid NOT NULL REFERENCES panel_meetings(id),
    referral_id uuid NOT NULL REFERENCES panel_referrals(id),
    item_type text NOT NULL CHECK (item_type IN ('new','review')),
    position integer NOT NULL,
    discussion text,
    decision text,
    distance_score integer CHECK (distance_score BETWEEN 1 AND 10),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','decided','deferred')),
    next_review_due date,
    services_offered text[] NOT NULL DEFAULT '{}',
    closure_outcome text,
    ${standard},
    UNIQUE (meeting_id, referral_id))`.execute(db);
  await sql`CREATE INDEX panel_agenda_items_referral ON panel_agenda_items (referral_id)`.execute(db);
  await sql`CREATE TABLE panel_attendance (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_id uuid NOT NULL REFERENCES panel_meetings(id),
    user_id uuid REFERENCES users(id),
    name text NOT NULL,
    agency_id uuid REFERENCES agencies(id),
    organisation text,
    attendance text NOT NULL CHECK (attendance IN ('present','apologies','absent')),
    ${standard})`.execute(db);
  await sql`CREATE INDEX panel_attendance_meeting ON panel_attendance (meeting_id)`.execute(db);
  await sql`CREATE TABLE panel_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    referral_id uuid NOT NULL REFERENCES panel_referrals(id),
    meeting_id uuid REFERENCES panel_meetings(id),
    action text NOT NULL,
    owner_id uuid NOT NULL REFERENCES users(id),
    due_on date NOT NULL,
    completed_on date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX panel_actions_owner ON panel_actions (owner_id, completed_on)`.execute(db);
  await sql`CREATE INDEX panel_actions_referral ON panel_actions (referral_id)`.execute(db);
}
