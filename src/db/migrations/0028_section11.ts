import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The default Section 11 standards (Children Act 2004, s.11), in our own words: the eight standards agencies assess
 * themselves against, and a ninth on neglect that partnerships add. Written out here, not imported, because a
 * migration is frozen history. Fixed ids so the synthetic authority can name them; the business manager edits them
 * afterwards, and every round keeps its own copy of the text it asked about.
 */
export const DEFAULT_SECTION11_STANDARDS: { id: string; number: number; title: string; description: string; indicators: string[] }[] = [
  {
    id: '5e110000-0000-4000-8000-000000000001', number: 1, title: 'Senior managers are committed to safeguarding',
    description: 'The agency’s leaders treat safeguarding and promoting children’s welfare as a priority, and show it in their plans and decisions.',
    indicators: ['Safeguarding appears in the agency’s business plan and board papers', 'A named senior leader holds responsibility for safeguarding'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000002', number: 2, title: 'The agency’s responsibilities are clearly stated',
    description: 'There is a clear, published statement of what the agency does to safeguard children, known to staff and to the public.',
    indicators: ['A current safeguarding policy, reviewed in the last two years', 'Staff and service users can find the statement easily'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000003', number: 3, title: 'There is a clear line of accountability',
    description: 'Everyone knows who is accountable for safeguarding at each level, and staff know what to do and whom to tell when worried about a child.',
    indicators: ['A named designated lead at each site or service', 'Staff can describe how to raise a safeguarding concern'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000004', number: 4, title: 'Services are shaped by the views of children and families',
    description: 'When the agency plans or changes services it considers children’s safety and welfare and listens to what children and families say.',
    indicators: ['Examples of service changes made after hearing children and families', 'Children’s views are gathered in ways that suit their age'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000005', number: 5, title: 'Staff are trained in safeguarding',
    description: 'Everyone who works with or comes into contact with children and families has safeguarding training suited to their role, kept up to date.',
    indicators: ['Training records show the proportion of staff trained at each level', 'Training is refreshed at set intervals'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000006', number: 6, title: 'Safer recruitment, vetting and managing allegations',
    description: 'Staff and volunteers are recruited and vetted safely, and allegations against people who work with children are handled properly and referred to the LADO.',
    indicators: ['Recruiting managers are trained in safer recruitment', 'DBS checks are recorded and renewed as policy requires', 'Allegations are referred to the LADO within one working day'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000007', number: 7, title: 'Agencies work well together',
    description: 'The agency works effectively with other agencies to safeguard children: it attends meetings, contributes to plans and takes part in the partnership’s work.',
    indicators: ['Attendance at strategy discussions, conferences and core groups', 'Takes part in the partnership’s audits and reviews'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000008', number: 8, title: 'Information is shared appropriately',
    description: 'Staff share information about children at risk promptly and lawfully, and know the agency’s information-sharing guidance.',
    indicators: ['Information-sharing guidance is available and understood', 'Staff know they may share without consent to protect a child'],
  },
  {
    id: '5e110000-0000-4000-8000-000000000009', number: 9, title: 'Neglect is recognised and addressed',
    description: 'Staff recognise the signs of neglect, use the partnership’s neglect tools and strategy, and act early so that neglect does not drift.',
    indicators: ['Staff have attended neglect training', 'The neglect assessment tool is used where neglect is a concern'],
  },
];

/**
 * Section 11 self-assessment: the standards (configurable), rounds that copy them, each agency's return with a rating
 * and evidence per standard, and the business manager's challenge-day notes. Nothing is deleted: a closed round keeps
 * its returns, read-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE section11_standards (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    number integer NOT NULL CHECK (number > 0),
    title text NOT NULL,
    description text NOT NULL,
    indicators text[] NOT NULL DEFAULT '{}',
    in_use boolean NOT NULL DEFAULT true,
    ${standard})`.execute(db);

  await sql`CREATE TABLE section11_rounds (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    opens_on date NOT NULL,
    due_on date NOT NULL,
    challenge_on date,
    closed_on date,
    idempotency_key uuid UNIQUE,
    ${standard},
    CHECK (due_on >= opens_on),
    CHECK (challenge_on IS NULL OR challenge_on >= opens_on))`.execute(db);

  // The standards as the round asked them: editing a standard later never changes what an agency answered.
  await sql`CREATE TABLE section11_round_standards (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id uuid NOT NULL REFERENCES section11_rounds(id),
    standard_id uuid REFERENCES section11_standards(id),
    number integer NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    indicators text[] NOT NULL DEFAULT '{}',
    UNIQUE (round_id, number))`.execute(db);

  await sql`CREATE TABLE section11_returns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id uuid NOT NULL REFERENCES section11_rounds(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started','draft','submitted')),
    submitted_at timestamptz,
    submitted_by uuid REFERENCES users(id),
    extended_to date,
    ${standard},
    UNIQUE (round_id, agency_id),
    CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)))`.execute(db);
  await sql`CREATE INDEX section11_returns_agency ON section11_returns (agency_id)`.execute(db);

  await sql`CREATE TABLE section11_ratings (
    return_id uuid NOT NULL REFERENCES section11_returns(id),
    round_standard_id uuid NOT NULL REFERENCES section11_round_standards(id),
    rating text NOT NULL CHECK (rating IN ('met','partly_met','not_met','unanswered')),
    evidence text,
    action text,
    action_due_on date,
    PRIMARY KEY (return_id, round_standard_id))`.execute(db);

  await sql`CREATE TABLE section11_challenges (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    return_id uuid NOT NULL UNIQUE REFERENCES section11_returns(id),
    challenged text NOT NULL,
    agency_answer text,
    agreed_actions text,
    ${standard})`.execute(db);

  for (const s of DEFAULT_SECTION11_STANDARDS) {
    await sql`INSERT INTO section11_standards (id, number, title, description, indicators)
      VALUES (${s.id}, ${s.number}, ${s.title}, ${s.description}, ${sql`ARRAY[${sql.join(s.indicators)}]::text[]`})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['section11_challenges', 'section11_ratings', 'section11_returns', 'section11_round_standards', 'section11_rounds', 'section11_standards']) {
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
  }
}
