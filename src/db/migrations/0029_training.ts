import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The partnership's multi-agency training: courses (level 1–3), their sessions, bookings with a waiting list and
 * attendance, the immediate evaluation and the learning-impact follow-up months later, and the validation panel's
 * decisions on courses that single agencies run. Everything here is about staff (users), never a child.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE training_courses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    level integer NOT NULL CHECK (level BETWEEN 1 AND 3),
    audience text NOT NULL,
    description text NOT NULL,
    learning_outcomes text NOT NULL,
    length text NOT NULL,
    impact_after_months integer NOT NULL DEFAULT 3 CHECK (impact_after_months BETWEEN 1 AND 12),
    ${standard})`.execute(db);

  await sql`CREATE TABLE training_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id uuid NOT NULL REFERENCES training_courses(id),
    held_on date NOT NULL,
    starts_at text NOT NULL CHECK (starts_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
    ends_at text NOT NULL CHECK (ends_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
    venue text NOT NULL,
    places integer NOT NULL CHECK (places BETWEEN 1 AND 500),
    trainer text NOT NULL,
    cancelled_on date,
    cancelled_reason text,
    ${standard},
    CHECK (ends_at > starts_at),
    CHECK ((cancelled_on IS NULL) = (cancelled_reason IS NULL)))`.execute(db);
  await sql`CREATE INDEX training_sessions_course ON training_sessions (course_id, held_on)`.execute(db);
  await sql`CREATE INDEX training_sessions_held ON training_sessions (held_on)`.execute(db);

  // One row a person a session (booking twice is the same booking); a cancelled booking that is booked again comes
  // back to life. The delegate's agency and role are kept as they were when booked, for the year's figures.
  await sql`CREATE TABLE training_bookings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL REFERENCES training_sessions(id),
    user_id uuid NOT NULL REFERENCES users(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    role text NOT NULL,
    status text NOT NULL CHECK (status IN ('booked','waiting','cancelled')),
    queued_at timestamptz NOT NULL DEFAULT now(),
    promoted_at timestamptz,
    cancelled_at timestamptz,
    late_cancellation boolean NOT NULL DEFAULT false,
    attendance text CHECK (attendance IN ('attended','no_show')),
    ${standard},
    UNIQUE (session_id, user_id),
    CHECK (attendance IS NULL OR status = 'booked'),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX training_bookings_user ON training_bookings (user_id)`.execute(db);

  await sql`CREATE TABLE training_evaluations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    booking_id uuid NOT NULL UNIQUE REFERENCES training_bookings(id),
    content_rating integer NOT NULL CHECK (content_rating BETWEEN 1 AND 5),
    trainer_rating integer NOT NULL CHECK (trainer_rating BETWEEN 1 AND 5),
    relevance_rating integer NOT NULL CHECK (relevance_rating BETWEEN 1 AND 5),
    overall_rating integer NOT NULL CHECK (overall_rating BETWEEN 1 AND 5),
    will_do_differently text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid)`.execute(db);

  await sql`CREATE TABLE training_impact_returns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    booking_id uuid NOT NULL UNIQUE REFERENCES training_bookings(id),
    practice_changed text NOT NULL CHECK (practice_changed IN ('a_lot','a_little','not_yet','not_at_all')),
    what_changed text NOT NULL,
    returned_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid)`.execute(db);

  await sql`CREATE TABLE training_validations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    title text NOT NULL,
    level integer NOT NULL CHECK (level BETWEEN 1 AND 3),
    trainer text NOT NULL,
    outline text NOT NULL,
    submitted_on date NOT NULL,
    decision text CHECK (decision IN ('validated','conditions','not_validated')),
    decided_on date,
    expires_on date,
    decision_notes text,
    ${standard},
    CHECK ((decision IS NULL) = (decided_on IS NULL)),
    CHECK (decision IS NULL OR decision = 'not_validated' OR expires_on IS NOT NULL),
    CHECK (decision IS NULL OR decision = 'validated' OR decision_notes IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX training_validations_agency ON training_validations (agency_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['training_validations', 'training_impact_returns', 'training_evaluations', 'training_bookings', 'training_sessions', 'training_courses']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
