import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * The templates a real deployment starts with: four themes a partnership audits most often, each question written
 * to be graded outstanding / good / requires improvement / inadequate (or not applicable) by every agency.
 */
/**
 * Fixed ids for the shipped templates and their questions, so the synthetic authority (which writes rows without
 * reading the database) can name them: template t is …-8000-00000000000t, its question q …-8001-00000000t0q.
 */
export const defaultTemplateId = (t: number) => `0a7e0000-0000-4000-8000-${String(t).padStart(12, '0')}`;
export const defaultQuestionId = (t: number, q: number) => `0a7e0000-0000-4000-8001-${String(t * 100 + q).padStart(12, '0')}`;

export const DEFAULT_TEMPLATES: { title: string; description: string; questions: string[] }[] = [
  {
    title: 'Application of the threshold guidance',
    description: 'Whether concerns reaching the front door were understood and answered at the right level of need, and whether the family knew why.',
    questions: [
      'The concern was shared promptly, with enough detail for the front door to understand the risk to the child.',
      'Consent was sought, or the reason for sharing without it was recorded and proportionate.',
      'The level of need decided matched the threshold guidance and the information known at the time.',
      'The child’s lived experience and views informed the decision.',
      'The agency that shared the concern was told the outcome and knew what to do next.',
    ],
  },
  {
    title: 'Strategy discussions',
    description: 'Whether strategy discussions were held in time, with the right agencies, and led to clear and safe decisions.',
    questions: [
      'The strategy discussion was held within the timescale the risk called for.',
      'Police, health, education and children’s social care all contributed, or the absence of any was followed up.',
      'Information held by this agency was shared fully and in time.',
      'The decision and the reasons for it were recorded and understood by every agency.',
      'Immediate safety actions were agreed, owned and carried out.',
    ],
  },
  {
    title: 'Core groups and child protection plans',
    description: 'Whether core groups met regularly, kept the plan specific and measurable, and drove change for the child.',
    questions: [
      'The first core group met within ten working days of the initial conference, and later ones at least every six weeks.',
      'This agency attended core groups, or sent its information when it could not attend.',
      'The plan’s outcomes were specific and measurable, and progress against them was reviewed.',
      'The child was seen and their wishes and feelings were heard between meetings.',
      'Drift or lack of progress was noticed and escalated.',
    ],
  },
  {
    title: 'Neglect',
    description: 'Whether neglect was recognised early, assessed with a recognised tool, and met with help that made a lasting difference.',
    questions: [
      'Signs of neglect were recognised and recorded as a pattern rather than as single incidents.',
      'A recognised neglect assessment tool was used and its scores informed the plan.',
      'Help offered to the family matched the needs identified and was offered early enough.',
      'The impact of neglect on the child’s health, development and education was understood.',
      'Where help was not making a difference, this was challenged and the case escalated.',
      'Agencies shared a single view of the child’s daily life.',
    ],
  },
];

/**
 * Multi-agency case audits: templates of graded questions by theme, audits of a fixed sample of children drawn from
 * the records, each participating agency's answers per child and question, the business manager's moderation,
 * findings and actions. The sample names children only by id; pages show names only to those who may open the record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE audit_templates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL UNIQUE,
    description text NOT NULL,
    ${standard})`.execute(db);

  await sql`CREATE TABLE audit_template_questions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    template_id uuid NOT NULL REFERENCES audit_templates(id),
    position integer NOT NULL,
    text text NOT NULL,
    ${standard},
    UNIQUE (template_id, position))`.execute(db);

  await sql`CREATE TABLE case_audits (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    template_id uuid NOT NULL REFERENCES audit_templates(id),
    period_from date NOT NULL,
    period_to date NOT NULL,
    answers_due_on date NOT NULL,
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','open','moderation','complete')),
    sample_method text CHECK (sample_method IN ('random','criteria')),
    sample_size integer CHECK (sample_size BETWEEN 1 AND 50),
    sample_entry_type text,
    sample_seed integer,
    sample_drawn_at timestamptz,
    key_findings text,
    ${standard},
    CHECK (period_to >= period_from),
    CHECK (state = 'draft' OR sample_drawn_at IS NOT NULL),
    CHECK (state <> 'complete' OR key_findings IS NOT NULL))`.execute(db);

  await sql`CREATE TABLE case_audit_agencies (
    audit_id uuid NOT NULL REFERENCES case_audits(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    submitted_at timestamptz,
    submitted_by uuid,
    PRIMARY KEY (audit_id, agency_id))`.execute(db);
  await sql`CREATE INDEX case_audit_agencies_agency ON case_audit_agencies (agency_id)`.execute(db);

  // The sample: fixed once the audit opens. "Case 3: girl aged 7" is worked out when drawn, so it never needs the name.
  await sql`CREATE TABLE case_audit_cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    audit_id uuid NOT NULL REFERENCES case_audits(id),
    case_number integer NOT NULL,
    person_id uuid NOT NULL REFERENCES people(id),
    description text NOT NULL,
    ${standard},
    UNIQUE (audit_id, case_number),
    UNIQUE (audit_id, person_id))`.execute(db);
  await sql`CREATE INDEX case_audit_cases_person ON case_audit_cases (person_id)`.execute(db);

  // One agency's answer for one child: either not involved, or a grade and commentary for each question.
  await sql`CREATE TABLE case_audit_responses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES case_audit_cases(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    not_involved boolean NOT NULL DEFAULT false,
    ${standard},
    UNIQUE (case_id, agency_id))`.execute(db);

  await sql`CREATE TABLE case_audit_answers (
    response_id uuid NOT NULL REFERENCES case_audit_responses(id),
    question_id uuid NOT NULL REFERENCES audit_template_questions(id),
    grade text CHECK (grade IN ('outstanding','good','requires_improvement','inadequate','not_applicable')),
    commentary text,
    PRIMARY KEY (response_id, question_id))`.execute(db);

  // The grade the agencies agreed at moderation, per child and question.
  await sql`CREATE TABLE case_audit_moderations (
    case_id uuid NOT NULL REFERENCES case_audit_cases(id),
    question_id uuid NOT NULL REFERENCES audit_template_questions(id),
    grade text NOT NULL CHECK (grade IN ('outstanding','good','requires_improvement','inadequate','not_applicable')),
    note text,
    PRIMARY KEY (case_id, question_id))`.execute(db);

  await sql`CREATE TABLE case_audit_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    audit_id uuid NOT NULL REFERENCES case_audits(id),
    what text NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies(id),
    owner text NOT NULL,
    due_on date NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','complete')),
    evidence text,
    completed_on date,
    ${standard},
    CHECK ((status = 'complete') = (completed_on IS NOT NULL)),
    CHECK (status <> 'complete' OR evidence IS NOT NULL))`.execute(db);
  await sql`CREATE INDEX case_audit_actions_audit ON case_audit_actions (audit_id)`.execute(db);

  for (const [t, template] of DEFAULT_TEMPLATES.entries()) {
    const id = defaultTemplateId(t + 1);
    await sql`INSERT INTO audit_templates (id, title, description) VALUES (${id}, ${template.title}, ${template.description})`.execute(db);
    for (const [q, text] of template.questions.entries()) {
      await sql`INSERT INTO audit_template_questions (id, template_id, position, text) VALUES (${defaultQuestionId(t + 1, q + 1)}, ${id}, ${q + 1}, ${text})`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_audit_actions', 'case_audit_moderations', 'case_audit_answers', 'case_audit_responses', 'case_audit_cases', 'case_audit_agencies', 'case_audits', 'audit_template_questions', 'audit_templates']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
