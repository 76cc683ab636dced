import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Surveys of children, young people and practitioners (questions, one-time links for children, responses and their
 * answers), and the child's own views recorded on their record. A one-time link keeps only the SHA-256 of its token;
 * a response to an anonymous survey keeps no user, and who has answered is kept apart from what they answered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE surveys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    audience text NOT NULL CHECK (audience IN ('children','practitioners')),
    introduction text NOT NULL,
    anonymous boolean NOT NULL,
    opens_on date NOT NULL,
    closes_on date NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','open','closed')),
    ${standard},
    CHECK (closes_on >= opens_on),
    CHECK (audience = 'practitioners' OR anonymous))`.execute(db);

  await sql`CREATE TABLE survey_questions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    survey_id uuid NOT NULL REFERENCES surveys(id),
    position integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('single','multiple','scale','text')),
    text text NOT NULL,
    hint text,
    required boolean NOT NULL,
    options text[] NOT NULL DEFAULT '{}',
    ${standard},
    UNIQUE (survey_id, position),
    CHECK ((kind IN ('single','multiple')) = (cardinality(options) >= 2)))`.execute(db);

  await sql`CREATE TABLE survey_links (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    survey_id uuid NOT NULL REFERENCES surveys(id),
    token_hash text NOT NULL UNIQUE,
    batch integer NOT NULL,
    used_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid)`.execute(db);
  await sql`CREATE INDEX survey_links_survey ON survey_links (survey_id)`.execute(db);

  await sql`CREATE TABLE survey_responses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    survey_id uuid NOT NULL REFERENCES surveys(id),
    link_id uuid UNIQUE REFERENCES survey_links(id),
    user_id uuid REFERENCES users(id),
    submitted_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await sql`CREATE INDEX survey_responses_survey ON survey_responses (survey_id)`.execute(db);

  // Who has answered a practitioners' survey (one response each), kept apart from the responses themselves.
  await sql`CREATE TABLE survey_respondents (
    survey_id uuid NOT NULL REFERENCES surveys(id),
    user_id uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (survey_id, user_id))`.execute(db);

  await sql`CREATE TABLE survey_answers (
    response_id uuid NOT NULL REFERENCES survey_responses(id),
    question_id uuid NOT NULL REFERENCES survey_questions(id),
    choices text[] NOT NULL DEFAULT '{}',
    scale integer CHECK (scale BETWEEN 1 AND 5),
    text text,
    PRIMARY KEY (response_id, question_id))`.execute(db);
  await sql`CREATE INDEX survey_answers_question ON survey_answers (question_id)`.execute(db);

  await sql`CREATE TABLE child_views (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    recorded_on date NOT NULL,
    in_their_words text NOT NULL,
    captured_how text NOT NULL CHECK (captured_how IN ('alone','with_parent','drawing','advocate','other')),
    captured_other text,
    feel_home integer CHECK (feel_home BETWEEN 1 AND 5),
    feel_school integer CHECK (feel_school BETWEEN 1 AND 5),
    feel_plan integer CHECK (feel_plan BETWEEN 1 AND 5),
    wants text,
    ${standard},
    CHECK ((captured_how = 'other') = (captured_other IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX child_views_person ON child_views (person_id, recorded_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['child_views', 'survey_answers', 'survey_respondents', 'survey_responses', 'survey_links', 'survey_questions', 'surveys']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
