import { type Kysely, sql } from 'kysely';

/**
 * The partnership dataset's own inputs (the figures themselves are counted from the records, never stored):
 * population estimates by year and single year of age (for rates per 10,000 children), each indicator's target and
 * comparators (statistical neighbours, England) by financial year, the small-number suppression threshold, and the
 * board's commentary on each section of an annual report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE population_estimates (
    year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    age integer NOT NULL CHECK (age BETWEEN 0 AND 17),
    count integer NOT NULL CHECK (count >= 0),
    source text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users(id),
    PRIMARY KEY (year, age))`.execute(db);

  await sql`CREATE TABLE indicator_benchmarks (
    indicator_id text NOT NULL,
    year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    target numeric,
    statistical_neighbours numeric,
    england numeric,
    note text NOT NULL DEFAULT '',
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users(id),
    PRIMARY KEY (indicator_id, year))`.execute(db);

  await sql`CREATE TABLE dataset_settings (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    suppression_threshold integer NOT NULL DEFAULT 5 CHECK (suppression_threshold BETWEEN 0 AND 20),
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users(id))`.execute(db);
  await sql`INSERT INTO dataset_settings DEFAULT VALUES`.execute(db);

  await sql`CREATE TABLE report_commentary (
    year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    section text NOT NULL,
    body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users(id),
    PRIMARY KEY (year, section))`.execute(db);
}
