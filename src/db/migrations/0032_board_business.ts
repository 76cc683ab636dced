import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The board's own business: its members by agency, meetings with attendance, agenda and decisions, each agency's
 * budget contribution by financial year, the business plan (priorities, actions with RAG status and evidence, and
 * their updates) and the sub-groups with their work plans. Nothing is deleted: a member leaves by a to-date, a plan
 * ends by its end date and stays readable, and open actions can be carried into the next plan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE board_members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('chair','vice_chair','member','participant_observer','adviser')),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    from_on date NOT NULL,
    to_on date,
    user_id uuid REFERENCES users(id),
    idempotency_key uuid UNIQUE,
    ${standard},
    CHECK (to_on IS NULL OR to_on >= from_on))`.execute(db);
  await sql`CREATE INDEX board_members_agency ON board_members (agency_id)`.execute(db);

  await sql`CREATE TABLE board_meetings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    held_on date NOT NULL,
    kind text NOT NULL CHECK (kind IN ('board','development_day','extraordinary')),
    agenda text NOT NULL DEFAULT '',
    idempotency_key uuid UNIQUE,
    ${standard})`.execute(db);
  await sql`CREATE INDEX board_meetings_held ON board_meetings (held_on)`.execute(db);

  await sql`CREATE TABLE board_attendance (
    meeting_id uuid NOT NULL REFERENCES board_meetings(id),
    member_id uuid NOT NULL REFERENCES board_members(id),
    status text NOT NULL CHECK (status IN ('attended','apologies','deputy','absent')),
    PRIMARY KEY (meeting_id, member_id))`.execute(db);

  await sql`CREATE TABLE board_decisions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_id uuid NOT NULL REFERENCES board_meetings(id),
    text text NOT NULL,
    lead text NOT NULL,
    due_on date,
    idempotency_key uuid UNIQUE,
    ${standard})`.execute(db);
  await sql`CREATE INDEX board_decisions_meeting ON board_decisions (meeting_id)`.execute(db);

  await sql`CREATE TABLE board_contributions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    year_start integer NOT NULL CHECK (year_start BETWEEN 2000 AND 2100),
    agreed_pence integer NOT NULL CHECK (agreed_pence >= 0),
    received_pence integer NOT NULL DEFAULT 0 CHECK (received_pence >= 0),
    ${standard},
    UNIQUE (agency_id, year_start))`.execute(db);

  await sql`CREATE TABLE board_plans (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    copied_from_id uuid REFERENCES board_plans(id),
    idempotency_key uuid UNIQUE,
    ${standard},
    CHECK (ends_on > starts_on))`.execute(db);

  await sql`CREATE TABLE board_priorities (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id uuid NOT NULL REFERENCES board_plans(id),
    number integer NOT NULL,
    title text NOT NULL,
    idempotency_key uuid UNIQUE,
    ${standard},
    UNIQUE (plan_id, number))`.execute(db);

  await sql`CREATE TABLE board_subgroups (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    chair text NOT NULL,
    terms_of_reference text NOT NULL,
    members text NOT NULL DEFAULT '',
    ${standard})`.execute(db);

  await sql`CREATE TABLE board_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    priority_id uuid NOT NULL REFERENCES board_priorities(id),
    what text NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies(id),
    lead text NOT NULL,
    subgroup_id uuid REFERENCES board_subgroups(id),
    due_on date NOT NULL,
    rag text NOT NULL CHECK (rag IN ('red','amber','green','complete')),
    evidence text,
    completed_on date,
    carried_from_id uuid REFERENCES board_actions(id),
    idempotency_key uuid UNIQUE,
    ${standard},
    CHECK ((rag = 'complete') = (completed_on IS NOT NULL)),
    CHECK (rag <> 'complete' OR evidence IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX board_actions_priority ON board_actions (priority_id)`.execute(db);

  await sql`CREATE TABLE board_action_updates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    action_id uuid NOT NULL REFERENCES board_actions(id),
    recorded_on date NOT NULL,
    rag text NOT NULL CHECK (rag IN ('red','amber','green','complete')),
    note text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid)`.execute(db);
  await sql`CREATE INDEX board_action_updates_action ON board_action_updates (action_id)`.execute(db);

  await sql`CREATE TABLE board_work_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subgroup_id uuid NOT NULL REFERENCES board_subgroups(id),
    what text NOT NULL,
    owner text NOT NULL,
    due_on date NOT NULL,
    status text NOT NULL CHECK (status IN ('not_started','in_progress','done')),
    priority_id uuid REFERENCES board_priorities(id),
    idempotency_key uuid UNIQUE,
    ${standard})`.execute(db);
  await sql`CREATE INDEX board_work_items_subgroup ON board_work_items (subgroup_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['board_work_items', 'board_action_updates', 'board_actions', 'board_subgroups', 'board_priorities', 'board_plans', 'board_contributions', 'board_decisions', 'board_attendance', 'board_meetings', 'board_members']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
