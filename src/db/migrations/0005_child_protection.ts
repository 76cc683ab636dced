import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Child protection: strategy discussions, section 47 enquiries, conferences (initial, review, transfer-in),
 * child protection plans with their categories, and core groups. Who took part in a meeting is one table for
 * all of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE strategy_discussions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    episode_id uuid NOT NULL REFERENCES cin_episodes(id),
    person_id uuid NOT NULL REFERENCES people(id),
    held_on date NOT NULL,
    format text NOT NULL CHECK (format IN ('discussion','meeting')),
    concerns text NOT NULL,
    decision text NOT NULL CHECK (decision IN ('section_47','child_in_need_assessment','no_further_action')),
    decision_reasons text NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE INDEX strategy_discussions_person ON strategy_discussions (person_id, held_on DESC)`.execute(db);

  await sql`CREATE TABLE section_47_enquiries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    episode_id uuid NOT NULL REFERENCES cin_episodes(id),
    person_id uuid NOT NULL REFERENCES people(id),
    strategy_id uuid NOT NULL REFERENCES strategy_discussions(id),
    start_date date NOT NULL,
    icpc_target date NOT NULL,
    completed_date date,
    outcome text CHECK (outcome IN ('conference','concerns_not_substantiated','substantiated_no_conference')),
    findings text,
    ${standard})`.execute(db);
  await sql`CREATE UNIQUE INDEX section_47_open ON section_47_enquiries (person_id) WHERE completed_date IS NULL`.execute(db);

  await sql`CREATE TABLE cp_plans (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    episode_id uuid NOT NULL REFERENCES cin_episodes(id),
    person_id uuid NOT NULL REFERENCES people(id),
    start_date date NOT NULL,
    initial_category text NOT NULL,
    categories text[] NOT NULL,
    previous_plans integer NOT NULL DEFAULT 0,
    previous_plan_end date,
    end_date date,
    end_reason text,
    -- Local escalations: when the head of service reviewed the plan at 9 months, and legal planning at 12.
    head_of_service_review_on date,
    head_of_service_note text,
    legal_planning_on date,
    legal_planning_note text,
    ${standard},
    CHECK (end_date IS NULL OR end_date > start_date))`.execute(db);
  await sql`CREATE UNIQUE INDEX cp_plans_open ON cp_plans (person_id) WHERE end_date IS NULL`.execute(db);

  await sql`CREATE TABLE cp_conferences (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    episode_id uuid NOT NULL REFERENCES cin_episodes(id),
    person_id uuid NOT NULL REFERENCES people(id),
    kind text NOT NULL CHECK (kind IN ('initial','review','transfer_in')),
    section_47_id uuid REFERENCES section_47_enquiries(id),
    plan_id uuid REFERENCES cp_plans(id),
    due_date date NOT NULL,
    held_on date,
    chair_id uuid REFERENCES users(id),
    decision text CHECK (decision IN ('plan','no_plan','continue_plan','end_plan')),
    categories text[] NOT NULL DEFAULT '{}',
    summary text,
    ${standard})`.execute(db);
  await sql`CREATE INDEX cp_conferences_person ON cp_conferences (person_id, due_date)`.execute(db);

  await sql`CREATE TABLE core_groups (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id uuid NOT NULL REFERENCES cp_plans(id),
    person_id uuid NOT NULL REFERENCES people(id),
    due_date date NOT NULL,
    held_on date,
    progress text,
    ${standard})`.execute(db);
  await sql`CREATE INDEX core_groups_plan ON core_groups (plan_id, due_date)`.execute(db);

  // Who took part in a strategy discussion, conference or core group, by agency, and whether they sent a report.
  await sql`CREATE TABLE meeting_attendance (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_type text NOT NULL CHECK (meeting_type IN ('strategy','conference','core_group')),
    meeting_id uuid NOT NULL,
    agency_id uuid REFERENCES agencies(id),
    name text NOT NULL,
    role text,
    attended boolean NOT NULL,
    report_submitted boolean NOT NULL DEFAULT false,
    ${standard})`.execute(db);
  await sql`CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_type, meeting_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['meeting_attendance', 'core_groups', 'cp_conferences', 'cp_plans', 'section_47_enquiries', 'strategy_discussions']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
