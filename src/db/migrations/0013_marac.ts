import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

const BASES_BEFORE = sql.raw(`'made_contact','team_around_child','consent','lawful_basis','created_record','multi_agency_check','early_help','panel','child_protection','missing'`);

/**
 * MARAC: the highest-risk domestic abuse cases, referred, discussed at a conference with actions by agency, and
 * closed. The coordinator's agency sees the people on a case through a 'marac' involvement. Nothing is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE involvements DROP CONSTRAINT involvements_basis_check`.execute(db);
  await sql`ALTER TABLE involvements ADD CONSTRAINT involvements_basis_check CHECK (basis IN (${BASES_BEFORE},'marac'))`.execute(db);

  await sql`CREATE TABLE marac_cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    victim_id uuid NOT NULL REFERENCES people(id),
    perpetrator_id uuid REFERENCES people(id),
    referring_agency text NOT NULL,
    referrer_name text NOT NULL,
    referred_on date NOT NULL,
    dash_score integer CHECK (dash_score BETWEEN 0 AND 27),
    risk_basis text NOT NULL CHECK (risk_basis IN ('dash','professional_judgement','escalation')),
    risk_reason text,
    repeat_of uuid REFERENCES marac_cases(id),
    closed_on date,
    closure_reason text,
    ${standard},
    CHECK (perpetrator_id IS NULL OR perpetrator_id <> victim_id),
    CHECK (risk_basis <> 'dash' OR dash_score IS NOT NULL),
    CHECK (risk_basis = 'dash' OR risk_reason IS NOT NULL),
    CHECK (closed_on IS NULL OR (closed_on >= referred_on AND closure_reason IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX marac_cases_victim ON marac_cases (victim_id, referred_on)`.execute(db);
  await sql`CREATE INDEX marac_cases_open ON marac_cases (referred_on) WHERE closed_on IS NULL`.execute(db);

  await sql`CREATE TABLE marac_case_children (
    case_id uuid NOT NULL REFERENCES marac_cases(id),
    person_id uuid NOT NULL REFERENCES people(id),
    PRIMARY KEY (case_id, person_id))`.execute(db);
  await sql`CREATE INDEX marac_case_children_person ON marac_case_children (person_id)`.execute(db);

  await sql`CREATE TABLE marac_meetings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    held_on date NOT NULL,
    ${standard})`.execute(db);
  await sql`CREATE INDEX marac_meetings_held ON marac_meetings (held_on)`.execute(db);

  // A case on a meeting's agenda, and once discussed, what was shared and whether it closed or carries forward.
  await sql`CREATE TABLE marac_discussions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_id uuid NOT NULL REFERENCES marac_meetings(id),
    case_id uuid NOT NULL REFERENCES marac_cases(id),
    summary text,
    outcome text CHECK (outcome IN ('closed','carried')),
    ${standard},
    UNIQUE (meeting_id, case_id),
    CHECK ((summary IS NULL) = (outcome IS NULL)))`.execute(db);
  await sql`CREATE INDEX marac_discussions_case ON marac_discussions (case_id)`.execute(db);

  await sql`CREATE TABLE marac_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES marac_cases(id),
    discussion_id uuid NOT NULL REFERENCES marac_discussions(id),
    what text NOT NULL,
    agency text NOT NULL,
    owner text NOT NULL,
    due_on date NOT NULL,
    done_on date,
    ${standard})`.execute(db);
  await sql`CREATE INDEX marac_actions_case ON marac_actions (case_id, due_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['marac_actions', 'marac_discussions', 'marac_meetings', 'marac_case_children', 'marac_cases']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
  await sql`DELETE FROM involvements WHERE basis = 'marac'`.execute(db);
  await sql`ALTER TABLE involvements DROP CONSTRAINT involvements_basis_check`.execute(db);
  await sql`ALTER TABLE involvements ADD CONSTRAINT involvements_basis_check CHECK (basis IN (${BASES_BEFORE}))`.execute(db);
}
