import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Professional disagreements between agencies (the partnership's escalation procedure): who raised one, about
 * which agency's decision, the stage it has reached (1 practitioners, 2 line managers, 3 senior managers, 4 the
 * safeguarding partnership) with its response clock, and how it ended. Each step is appended, never changed;
 * nothing is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE disagreements (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    raised_by uuid NOT NULL REFERENCES users(id),
    raised_by_agency uuid NOT NULL REFERENCES agencies(id),
    about_agency uuid NOT NULL REFERENCES agencies(id),
    person_id uuid REFERENCES people(id),
    raised_on date NOT NULL,
    decision text NOT NULL,
    decision_on date NOT NULL,
    reasons text NOT NULL,
    outcome_sought text NOT NULL,
    stage smallint NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 4),
    stage_started_on date NOT NULL,
    stage_due date NOT NULL,
    stage_responded_on date,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved','withdrawn')),
    resolution text CHECK (resolution IN ('agreed','decision_stands','decision_changed','other')),
    resolution_summary text,
    closed_on date,
    ${standard},
    CHECK (raised_by_agency <> about_agency),
    CHECK (decision_on <= raised_on),
    CHECK (stage_started_on >= raised_on),
    CHECK ((status = 'open') = (closed_on IS NULL)),
    CHECK ((status = 'resolved') = (resolution IS NOT NULL)),
    CHECK (closed_on IS NULL OR closed_on >= stage_started_on))`.execute(db);
  await sql`CREATE INDEX disagreements_about_open ON disagreements (about_agency, stage_due) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX disagreements_raised_by_agency ON disagreements (raised_by_agency, raised_on)`.execute(db);
  await sql`CREATE INDEX disagreements_person ON disagreements (person_id) WHERE person_id IS NOT NULL`.execute(db);

  await sql`CREATE TABLE disagreement_steps (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    disagreement_id uuid NOT NULL REFERENCES disagreements(id),
    kind text NOT NULL CHECK (kind IN ('response','escalated','resolved','withdrawn')),
    stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 4),
    occurred_on date NOT NULL,
    note text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await sql`CREATE INDEX disagreement_steps_of ON disagreement_steps (disagreement_id, occurred_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE disagreement_steps`.execute(db);
  await sql`DROP TABLE disagreements`.execute(db);
}
