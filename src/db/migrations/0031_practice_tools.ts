import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/** A default tool as shipped: fixed ids so the demo and the synthetic authority can score it without reading it back. */
export interface DefaultTool {
  id: string;
  name: string;
  description: string;
  scaleMin: number;
  scaleMax: number;
  scaleLabels: { value: number; label: string }[];
  domainRule: 'sum' | 'mean';
  overallRule: 'sum' | 'mean';
  direction: 'higher_better' | 'lower_better';
  domains: { id: string; name: string; items: { id: string; text: string }[] }[];
  bands: { min: number; max: number; label: string }[];
}

const ids = (prefix: string, n: number) => `0192f0c0-7a31-7000-8000-${prefix}${String(n).padStart(12 - prefix.length, '0')}`;

/**
 * A neglect quality of care assessment in the spirit of the Graded Care Profile, written for Cairn: each area of a
 * child's care graded 1 (the child's needs come first and are met) to 5 (the child's needs are not met and they are
 * harmed by it); an area's grade is the mean of its items, the overall grade the mean of the areas.
 */
export const QUALITY_OF_CARE: DefaultTool = {
  id: ids('a', 1),
  name: 'Quality of Care (neglect)',
  description: 'Grades the care a child receives across the areas of their daily life, to recognise neglect, agree what must change and see whether it has.',
  scaleMin: 1,
  scaleMax: 5,
  scaleLabels: [
    { value: 1, label: 'The child’s needs come first and are met well' },
    { value: 2, label: 'Needs are met most of the time' },
    { value: 3, label: 'Needs are met only some of the time' },
    { value: 4, label: 'Needs are often not met' },
    { value: 5, label: 'Needs are not met and the child is harmed' },
  ],
  domainRule: 'mean',
  overallRule: 'mean',
  direction: 'lower_better',
  domains: [
    { id: ids('b', 1), name: 'Physical care', items: [{ id: ids('c', 1), text: 'Food and drink' }, { id: ids('c', 2), text: 'Housing and the home' }, { id: ids('c', 3), text: 'Clothing and hygiene' }, { id: ids('c', 4), text: 'Health care' }] },
    { id: ids('b', 2), name: 'Safety', items: [{ id: ids('c', 5), text: 'Awareness of danger and supervision' }, { id: ids('c', 6), text: 'Safety when the carer is not there' }] },
    { id: ids('b', 3), name: 'Emotional care and love', items: [{ id: ids('c', 7), text: 'Warmth and care' }, { id: ids('c', 8), text: 'Responding to the child' }] },
    { id: ids('b', 4), name: 'Stimulation and education', items: [{ id: ids('c', 9), text: 'Play and encouragement' }, { id: ids('c', 10), text: 'School, nursery and learning' }] },
  ],
  bands: [
    { min: 1, max: 2, label: 'Good enough care' },
    { min: 2.01, max: 3, label: 'Some concerns' },
    { min: 3.01, max: 5, label: 'Serious concerns' },
  ],
};

/**
 * A "distance travelled" outcomes measure in the style of an Outcomes Star, written for Cairn: the family and the
 * worker agree where they are on each of eight areas, 1 (serious difficulties) to 10 (going well), scored again at each
 * review; the overall score is the mean of the areas.
 */
export const DISTANCE_TRAVELLED: DefaultTool = {
  id: ids('a', 2),
  name: 'Distance travelled (family outcomes)',
  description: 'The family and the worker agree where they are in eight areas of family life, and score them again at each review to show the distance travelled.',
  scaleMin: 1,
  scaleMax: 10,
  scaleLabels: [
    { value: 1, label: 'Serious difficulties, not ready for help' },
    { value: 4, label: 'Starting to accept help' },
    { value: 7, label: 'Making progress with help' },
    { value: 10, label: 'Going well without help' },
  ],
  domainRule: 'mean',
  overallRule: 'mean',
  direction: 'higher_better',
  domains: [
    ['Physical health', 1], ['Emotional wellbeing', 2], ['Keeping safe', 3], ['Relationships', 4],
    ['Education and learning', 5], ['Behaviour and boundaries', 6], ['Family routines', 7], ['Home and money', 8],
  ].map(([name, n]) => ({ id: ids('d', n as number), name: name as string, items: [] })),
  bands: [
    { min: 1, max: 3.99, label: 'Serious difficulties' },
    { min: 4, max: 6.99, label: 'Making changes' },
    { min: 7, max: 10, label: 'Doing well' },
  ],
};

export const DEFAULT_TOOLS = [QUALITY_OF_CARE, DISTANCE_TRAVELLED];

/**
 * Scored practice tools: a tool is a versioned definition (domains of items, a scale, scoring rules, bands); a
 * published version is never changed, so each scoring keeps pointing at the version it was scored on. A child's
 * scorings keep the raw scores, the computed domain and overall scores and the band, with an optional link to the
 * early help case, panel referral or child protection plan it was done for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE practice_tools (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id uuid NOT NULL,
    version_number integer NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    scale_min integer NOT NULL,
    scale_max integer NOT NULL,
    scale_labels jsonb NOT NULL DEFAULT '[]',
    domain_rule text NOT NULL CHECK (domain_rule IN ('sum', 'mean')),
    overall_rule text NOT NULL CHECK (overall_rule IN ('sum', 'mean')),
    direction text NOT NULL CHECK (direction IN ('higher_better', 'lower_better')),
    status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    published_on date,
    ${standard},
    CHECK (scale_min < scale_max),
    UNIQUE (family_id, version_number))`.execute(db);
  // One published and one draft version of a tool at a time.
  await sql`CREATE UNIQUE INDEX practice_tools_one_published ON practice_tools (family_id) WHERE status = 'published'`.execute(db);
  await sql`CREATE UNIQUE INDEX practice_tools_one_draft ON practice_tools (family_id) WHERE status = 'draft'`.execute(db);

  await sql`CREATE TABLE practice_tool_domains (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tool_id uuid NOT NULL REFERENCES practice_tools(id),
    position integer NOT NULL,
    name text NOT NULL,
    UNIQUE (tool_id, position))`.execute(db);

  await sql`CREATE TABLE practice_tool_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    domain_id uuid NOT NULL REFERENCES practice_tool_domains(id),
    position integer NOT NULL,
    text text NOT NULL,
    UNIQUE (domain_id, position))`.execute(db);

  await sql`CREATE TABLE practice_tool_bands (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tool_id uuid NOT NULL REFERENCES practice_tools(id),
    position integer NOT NULL,
    label text NOT NULL,
    min_score double precision NOT NULL,
    max_score double precision NOT NULL,
    UNIQUE (tool_id, position))`.execute(db);

  await sql`CREATE TABLE practice_tool_scorings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    tool_id uuid NOT NULL REFERENCES practice_tools(id),
    scored_on date NOT NULL,
    context_type text CHECK (context_type IN ('early_help', 'panel_referral', 'cp_plan')),
    context_id uuid,
    overall_score double precision NOT NULL,
    band_label text NOT NULL,
    ${standard},
    CHECK ((context_type IS NULL) = (context_id IS NULL)))`.execute(db);
  await sql`CREATE INDEX practice_tool_scorings_person ON practice_tool_scorings (person_id, scored_on)`.execute(db);
  await sql`CREATE INDEX practice_tool_scorings_tool ON practice_tool_scorings (tool_id)`.execute(db);

  await sql`CREATE TABLE practice_tool_scoring_domains (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    scoring_id uuid NOT NULL REFERENCES practice_tool_scorings(id),
    domain_id uuid NOT NULL REFERENCES practice_tool_domains(id),
    score double precision NOT NULL,
    note text,
    UNIQUE (scoring_id, domain_id))`.execute(db);

  await sql`CREATE TABLE practice_tool_scoring_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    scoring_id uuid NOT NULL REFERENCES practice_tool_scorings(id),
    item_id uuid NOT NULL REFERENCES practice_tool_items(id),
    score integer NOT NULL,
    UNIQUE (scoring_id, item_id))`.execute(db);

  for (const tool of DEFAULT_TOOLS) await insertDefault(db, tool);
}

async function insertDefault(db: Kysely<unknown>, t: DefaultTool): Promise<void> {
  await sql`INSERT INTO practice_tools (id, family_id, version_number, name, description, scale_min, scale_max, scale_labels, domain_rule, overall_rule, direction, status, published_on)
    VALUES (${t.id}, ${t.id}, 1, ${t.name}, ${t.description}, ${t.scaleMin}, ${t.scaleMax}, ${JSON.stringify(t.scaleLabels)}::jsonb, ${t.domainRule}, ${t.overallRule}, ${t.direction}, 'published', current_date)`.execute(db);
  for (const [i, d] of t.domains.entries()) {
    await sql`INSERT INTO practice_tool_domains (id, tool_id, position, name) VALUES (${d.id}, ${t.id}, ${i + 1}, ${d.name})`.execute(db);
    for (const [j, item] of d.items.entries()) await sql`INSERT INTO practice_tool_items (id, domain_id, position, text) VALUES (${item.id}, ${d.id}, ${j + 1}, ${item.text})`.execute(db);
  }
  for (const [i, b] of t.bands.entries()) await sql`INSERT INTO practice_tool_bands (tool_id, position, label, min_score, max_score) VALUES (${t.id}, ${i + 1}, ${b.label}, ${b.min}, ${b.max})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['practice_tool_scoring_items', 'practice_tool_scoring_domains', 'practice_tool_scorings', 'practice_tool_bands', 'practice_tool_items', 'practice_tool_domains', 'practice_tools']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  }
}
