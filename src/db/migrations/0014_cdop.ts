import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The involvement bases the database allows, read from the constraint as it stands: other capabilities' migrations
 * add bases of their own, so this one adds or removes only 'cdop' rather than restating everyone else's list.
 */
async function currentBases(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'involvements_basis_check'`.execute(db);
  return [...new Set([...(rows[0]?.def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!))];
}

async function allowBases(db: Kysely<unknown>, bases: string[]): Promise<void> {
  await sql`ALTER TABLE involvements DROP CONSTRAINT involvements_basis_check`.execute(db);
  await sql`ALTER TABLE involvements ADD CONSTRAINT involvements_basis_check CHECK (basis IN (${sql.join(bases.map((b) => sql.lit(b)))}))`.execute(db);
}

/**
 * Child death reviews: the notification of a child's death, the information asked of agencies, and the panel's
 * review (category, modifiable factors, learning), which completes the case. The CDOP's agency sees the child's
 * record through a 'cdop' involvement while the review is open. Nothing is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await allowBases(db, [...(await currentBases(db)).filter((b) => b !== 'cdop'), 'cdop']);

  await sql`CREATE TABLE cdop_cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    child_id uuid NOT NULL REFERENCES people(id),
    died_on date NOT NULL,
    time_of_death text CHECK (time_of_death IS NULL OR time_of_death ~ '^[0-2][0-9]:[0-5][0-9]$'),
    place text NOT NULL CHECK (place IN ('home','hospital','public_place','other')),
    place_detail text,
    expectation text NOT NULL CHECK (expectation IN ('expected','unexpected')),
    rapid_response text CHECK (rapid_response IN ('held','not_held')),
    rapid_response_on date,
    notified_on date NOT NULL,
    notifying_agency text NOT NULL,
    notifier_name text NOT NULL,
    circumstances text NOT NULL,
    reviewed_on date,
    category text,
    modifiable text CHECK (modifiable IN ('yes','no','insufficient')),
    factor_domains text[] NOT NULL DEFAULT '{}',
    modifiable_factors text,
    learning text,
    ncmd_notified boolean,
    reviewed_by uuid REFERENCES users(id),
    ${standard},
    CHECK (notified_on >= died_on),
    CHECK (expectation = 'unexpected' OR rapid_response IS NULL),
    CHECK (rapid_response_on IS NULL OR rapid_response = 'held'),
    CHECK (reviewed_on IS NULL OR (reviewed_on >= died_on AND category IS NOT NULL AND modifiable IS NOT NULL AND learning IS NOT NULL AND ncmd_notified IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX cdop_cases_open ON cdop_cases (died_on) WHERE reviewed_on IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX cdop_cases_child ON cdop_cases (child_id)`.execute(db);

  // A request to an agency for what it knows of the child and family; returned with a summary, or nothing held.
  await sql`CREATE TABLE cdop_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cdop_cases(id),
    agency text NOT NULL,
    contact text,
    requested_on date NOT NULL,
    due_on date NOT NULL,
    returned_on date,
    not_held boolean NOT NULL DEFAULT false,
    summary text,
    ${standard},
    CHECK (due_on >= requested_on),
    CHECK (returned_on IS NULL OR returned_on >= requested_on),
    CHECK (returned_on IS NOT NULL OR (summary IS NULL AND NOT not_held)),
    CHECK (not_held OR returned_on IS NULL OR summary IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX cdop_requests_case ON cdop_requests (case_id, requested_on)`.execute(db);
  await sql`CREATE INDEX cdop_requests_outstanding ON cdop_requests (due_on) WHERE returned_on IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE cdop_requests`.execute(db);
  await sql`DROP TABLE cdop_cases`.execute(db);
  await sql`DELETE FROM involvements WHERE basis = 'cdop'`.execute(db);
  await allowBases(db, (await currentBases(db)).filter((b) => b !== 'cdop'));
}
