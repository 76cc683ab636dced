import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The involvement bases the database allows, read from the constraint as it stands (as 0014 does): other
 * capabilities' migrations add bases of their own, so this one adds or removes only 'practice_review'.
 */
async function currentBases(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'involvements_basis_check'`.execute(db);
  return [...new Set([...(rows[0]?.def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!))].filter((b) => b !== 'practice_review');
}

async function allowBases(db: Kysely<unknown>, bases: string[]): Promise<void> {
  await sql`ALTER TABLE involvements DROP CONSTRAINT involvements_basis_check`.execute(db);
  await sql`ALTER TABLE involvements ADD CONSTRAINT involvements_basis_check CHECK (basis IN (${sql.join(bases.map((b) => sql.lit(b)))}))`.execute(db);
}

/**
 * Safeguarding practice reviews: a serious incident referred to the partnership, its notification to the national
 * panel, the rapid review and decision, the review itself, recommendations and the actions agreed on them (with
 * their progress over time), and the learning briefings that come from them. The partnership sees the children
 * through a 'practice_review' involvement. Nothing is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await allowBases(db, [...(await currentBases(db)), 'practice_review']);

  await sql`CREATE TABLE practice_reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference text NOT NULL UNIQUE,
    title text NOT NULL,
    referring_agency_id uuid NOT NULL REFERENCES agencies(id),
    incident_on date NOT NULL,
    aware_on date NOT NULL,
    summary text NOT NULL,
    notified_on date,
    rapid_review_held_on date,
    rapid_review_agency_ids uuid[] NOT NULL DEFAULT '{}',
    rapid_review_recommendation text CHECK (rapid_review_recommendation IN ('lcspr','learning_other','national')),
    decision text CHECK (decision IN ('lcspr','learning_other','national')),
    decided_on date,
    decision_rationale text,
    terms_agreed_on date,
    report_received_on date,
    published_on date,
    not_published_reason text,
    closed_on date,
    closure_note text,
    ${standard},
    CHECK (aware_on >= incident_on),
    CHECK (notified_on IS NULL OR notified_on >= incident_on),
    CHECK ((decision IS NULL) = (decided_on IS NULL)),
    CHECK (decision IS NULL OR rapid_review_held_on IS NOT NULL),
    CHECK (report_received_on IS NULL OR terms_agreed_on IS NOT NULL),
    CHECK (published_on IS NULL OR report_received_on IS NOT NULL),
    CHECK (published_on IS NULL OR not_published_reason IS NULL),
    CHECK (closed_on IS NULL OR decided_on IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX practice_reviews_aware ON practice_reviews (aware_on)`.execute(db);

  await sql`CREATE TABLE practice_review_children (
    review_id uuid NOT NULL REFERENCES practice_reviews(id),
    person_id uuid NOT NULL REFERENCES people(id),
    PRIMARY KEY (review_id, person_id))`.execute(db);
  await sql`CREATE INDEX practice_review_children_person ON practice_review_children (person_id)`.execute(db);

  await sql`CREATE TABLE practice_review_reviewers (
    review_id uuid NOT NULL REFERENCES practice_reviews(id),
    position integer NOT NULL,
    name text NOT NULL,
    independent boolean NOT NULL,
    PRIMARY KEY (review_id, position))`.execute(db);

  await sql`CREATE TABLE practice_review_recommendations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    review_id uuid NOT NULL REFERENCES practice_reviews(id),
    number integer NOT NULL,
    text text NOT NULL,
    ${standard},
    UNIQUE (review_id, number))`.execute(db);

  await sql`CREATE TABLE practice_review_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    review_id uuid NOT NULL REFERENCES practice_reviews(id),
    recommendation_id uuid NOT NULL REFERENCES practice_review_recommendations(id),
    what text NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies(id),
    owner text NOT NULL,
    due_on date NOT NULL,
    rag text NOT NULL CHECK (rag IN ('red','amber','green','complete')),
    evidence text,
    completed_on date,
    ${standard},
    CHECK ((rag = 'complete') = (completed_on IS NOT NULL)),
    CHECK (rag <> 'complete' OR evidence IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX practice_review_actions_open ON practice_review_actions (agency_id, due_on) WHERE rag <> 'complete'`.execute(db);
  await sql`CREATE INDEX practice_review_actions_review ON practice_review_actions (review_id)`.execute(db);

  // Each progress update as it was given: the action's RAG status over time.
  await sql`CREATE TABLE practice_review_action_updates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    action_id uuid NOT NULL REFERENCES practice_review_actions(id),
    recorded_on date NOT NULL,
    rag text NOT NULL CHECK (rag IN ('red','amber','green','complete')),
    note text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid)`.execute(db);
  await sql`CREATE INDEX practice_review_action_updates_action ON practice_review_action_updates (action_id, created_at)`.execute(db);

  await sql`CREATE TABLE practice_review_briefings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    issued_on date NOT NULL,
    audience text NOT NULL,
    key_messages text NOT NULL,
    ${standard})`.execute(db);

  await sql`CREATE TABLE practice_review_briefing_reviews (
    briefing_id uuid NOT NULL REFERENCES practice_review_briefings(id),
    review_id uuid NOT NULL REFERENCES practice_reviews(id),
    PRIMARY KEY (briefing_id, review_id))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['practice_review_briefing_reviews', 'practice_review_briefings', 'practice_review_action_updates', 'practice_review_actions', 'practice_review_recommendations', 'practice_review_reviewers', 'practice_review_children', 'practice_reviews']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
  await sql`DELETE FROM involvements WHERE basis = 'practice_review'`.execute(db);
  await allowBases(db, await currentBases(db));
}
