import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { GRADE_KEYS } from './labels.ts';
import { describeChild } from './sampling.ts';
import type { AuditState, Grade } from './tables.ts';

type Db = Kysely<Database>;
const GRADED = GRADE_KEYS.filter((g) => g !== 'not_applicable');

interface DemoAudit {
  title: string;
  theme: string;
  state: AuditState;
  /** Days back from today: the end of the audit period and when answers were (or are) due. */
  periodEndsAgo: number;
  dueIn: number;
  agencies: string[];
  submitted: string[];
  entryType: string | null;
  children: number;
  keyFindings?: string;
}

/**
 * Three audits in different states: a complete neglect audit with findings and actions (one overdue, one done),
 * a strategy discussion audit open and awaiting the school's and health's answers (the school has a draft), and a
 * threshold audit still being set up. Grades are chosen by a fixed pattern so the figures are the same every seed.
 */
const AUDITS: DemoAudit[] = [
  {
    title: 'Neglect: multi-agency audit', theme: 'Neglect', state: 'complete', periodEndsAgo: 150, dueIn: -110,
    agencies: ['csc', 'health', 'school', 'eh'], submitted: ['csc', 'health', 'school', 'eh'], entryType: null, children: 4,
    keyFindings: 'Agencies recognised neglect but too often recorded single incidents rather than a pattern.\nThe neglect assessment tool was used in half of the cases; where it was, plans were clearer.\nSchools and health visitors shared information well; escalation when help was not working was slow.',
  },
  {
    title: 'Strategy discussions: spring audit', theme: 'Strategy discussions', state: 'open', periodEndsAgo: 20, dueIn: 14,
    agencies: ['csc', 'police', 'health', 'school'], submitted: ['csc', 'police'], entryType: null, children: 3,
  },
  { title: 'Threshold application: autumn audit', theme: 'Application of the threshold guidance', state: 'draft', periodEndsAgo: 5, dueIn: 40, agencies: ['csc', 'eh', 'school', 'police'], submitted: [], entryType: null, children: 0 },
];

const ACTIONS = [
  { what: 'Use the neglect assessment tool in every assessment where neglect is the main concern', agency: 'csc', owner: 'Head of Quality Assurance', due: -20, complete: false },
  { what: 'Add “escalate when help is not working” to the neglect pathway and brief practitioners', agency: 'partnership', owner: 'Partnership Business Manager', due: -40, complete: true },
  { what: 'Health visitors record patterns of missed appointments as a neglect indicator', agency: 'health', owner: 'Named Nurse for Safeguarding', due: 60, complete: false },
];

const gradeFor = (caseIndex: number, question: number, agency: number): Grade => GRADED[(caseIndex + question + agency) % 3]!;

export async function seedCaseAuditsDemo(db: Db, org: DemoOrganisation, today: string): Promise<void> {
  const tess = org.userIds['tess.marlow@cairn.example'] ?? null;
  // Children from the other end of the list, so audits seldom share a child with other functions' demo cases.
  const children = await db.selectFrom('people').select(['id', 'sex', 'date_of_birth']).where('person_type', '=', 'child').where('restricted', '=', false).orderBy('id', 'desc').limit(7).execute();
  if (children.length < 7 || !tess) return;
  let next = 0;
  for (const [seed, a] of AUDITS.entries()) {
    const template = await db.selectFrom('audit_templates').select('id').where('title', '=', a.theme).executeTakeFirst();
    if (!template) continue;
    const questions = await db.selectFrom('audit_template_questions').select('id').where('template_id', '=', template.id).orderBy('position').execute();
    const id = uuidv7();
    const periodTo = addCalendarDays(today, -a.periodEndsAgo);
    const sampled = a.children > 0;
    await db.insertInto('case_audits').values({
      id, title: a.title, template_id: template.id, period_from: addCalendarDays(periodTo, -182), period_to: periodTo, answers_due_on: addCalendarDays(today, a.dueIn), state: a.state,
      sample_method: sampled ? 'random' : null, sample_size: sampled ? a.children : null, sample_entry_type: a.entryType, sample_seed: sampled ? 1000 + seed : null,
      sample_drawn_at: sampled ? new Date(`${addCalendarDays(periodTo, 1)}T10:00:00Z`) : null, key_findings: a.keyFindings ?? null, created_by: tess,
    }).execute();
    const agencyIds = a.agencies.map((k) => org.agencyIds[k]!);
    await db.insertInto('case_audit_agencies').values(a.agencies.map((k) => ({
      audit_id: id, agency_id: org.agencyIds[k]!, submitted_at: a.submitted.includes(k) ? new Date(`${addCalendarDays(today, a.dueIn - 3)}T12:00:00Z`) : null, submitted_by: null,
    }))).execute();
    const kids = children.slice(next, next + a.children);
    next += a.children;
    for (const [i, child] of kids.entries()) {
      const caseId = uuidv7();
      await db.insertInto('case_audit_cases').values({ id: caseId, audit_id: id, case_number: i + 1, person_id: child.id, description: describeChild(child.sex, child.date_of_birth, periodTo), created_by: tess }).execute();
      // Each agency that submitted answered every child; the school's draft for the open audit covers the first child only.
      const answering = a.agencies.filter((k) => a.submitted.includes(k) || (a.state === 'open' && k === 'school' && i === 0));
      for (const [n, key] of answering.entries()) {
        const notInvolved = key === 'school' && i === 3;
        const response = await db.insertInto('case_audit_responses').values({ case_id: caseId, agency_id: org.agencyIds[key]!, not_involved: notInvolved, created_by: tess }).returning('id').executeTakeFirstOrThrow();
        if (notInvolved) continue;
        const given = a.submitted.includes(key) ? questions : questions.slice(0, 2);
        await db.insertInto('case_audit_answers').values(given.map((q, qi) => {
          const grade = gradeFor(i, qi, n);
          const why = grade === 'requires_improvement' || grade === 'inadequate' ? 'Our records show the concern was known but not acted on in time.' : 'Recorded and shared as expected.';
          return { response_id: response.id, question_id: q.id, grade, commentary: why };
        })).execute();
      }
      if (a.state === 'complete') {
        await db.insertInto('case_audit_moderations').values(questions.map((q, qi) => ({ case_id: caseId, question_id: q.id, grade: gradeFor(i, qi, 1), note: (i + qi) % 3 === 0 ? 'Agencies differed; the grade reflects the delay all agencies saw in escalation.' : null }))).execute();
      }
    }
    if (a.state === 'complete') {
      for (const act of ACTIONS) {
        await db.insertInto('case_audit_actions').values({
          audit_id: id, what: act.what, agency_id: org.agencyIds[act.agency] ?? agencyIds[0]!, owner: act.owner, due_on: addCalendarDays(today, act.due),
          status: act.complete ? 'complete' : 'open', evidence: act.complete ? 'Neglect pathway revised and briefed at three practitioner forums.' : null,
          completed_on: act.complete ? addCalendarDays(today, act.due - 5) : null, created_by: tess,
        }).execute();
      }
    }
  }
}
