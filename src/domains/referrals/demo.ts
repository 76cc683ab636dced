import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AssessmentsTable, CaseAllocationsTable, ChronologyTable, CinEpisodesTable, CinPlanItemsTable, CinPlanReviewsTable, CinPlansTable, Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, addMonths, addWorkingDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import { random } from '../people/synthetic.ts';

/** The working day `n` working days before `date` (so that `dueDate` counted from it lands where wanted). */
function workingDaysBefore(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addCalendarDays(d, -1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

type Stage = 'new' | 'in_progress' | 'submitted' | 'plan_overdue_review' | 'plan' | 'closed' | 're_referral';
/** Each child's story: where the referral is now and how far back it started. */
const STORIES: { stage: Stage; worker: 'sam' | 'rob'; back: number }[] = [
  { stage: 'new', worker: 'sam', back: 0 },
  { stage: 'new', worker: 'rob', back: 2 },
  { stage: 'in_progress', worker: 'sam', back: 50 },
  { stage: 'in_progress', worker: 'sam', back: 47 },
  { stage: 'in_progress', worker: 'sam', back: 38 },
  { stage: 'in_progress', worker: 'rob', back: 41 },
  { stage: 'in_progress', worker: 'sam', back: 10 },
  { stage: 'in_progress', worker: 'rob', back: 20 },
  { stage: 'submitted', worker: 'sam', back: 30 },
  { stage: 'submitted', worker: 'sam', back: 40 },
  { stage: 'plan_overdue_review', worker: 'sam', back: 0 },
  { stage: 'plan', worker: 'sam', back: 0 },
  { stage: 'closed', worker: 'sam', back: 0 },
  { stage: 're_referral', worker: 'sam', back: 8 },
];

const SOURCES = ['3A', '2A', '6', '1A', '3B', '5D', '2A', '6', '3E', '4', '2A', '3A', '1D', '6'];
const REASONS = [
  'GP concerned about weight loss, missed health appointments and mother’s low mood.',
  'School reports the child arriving hungry and unkempt, and poor attendance this term.',
  'Police attended a domestic incident at the home; the child was present.',
  'Grandmother worried about drinking at home and the child caring for a younger sibling.',
  'Health visitor concerned about home conditions and the baby’s weight.',
  'Early help plan not making progress: needs have escalated.',
];
const FACTORS = [['16A', '4B'], ['3B', '1B'], ['2B', '16A'], ['4A', '15A'], ['7A', '6B'], ['21']];

/**
 * Referrals and children in need for the demo: new referrals, assessments at every point of their clock (two
 * overdue, two in the warning window, others on track), two waiting for authorisation, child in need plans (one
 * with its review overdue), an episode closed last year and a re-referral. Written directly, dated back from
 * today, with the allocations and chronology the pages would have written. Deterministic.
 */
export async function seedReferralsDemo(db: Kysely<Database>, org: DemoOrganisation, today: string, children: string[]): Promise<void> {
  const rand = random(5150);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const users = { sam: org.userIds['sam.rowe@cairn.example']!, rob: org.userIds['rob.delaney@cairn.example']!, morgan: org.userIds['morgan.hale@cairn.example']! };
  const teams = { sam: org.teamIds['Assessment Team North'] ?? null, rob: org.teamIds['Child Protection Team'] ?? null };
  const agency = org.agencyIds.csc ?? null;
  const held = new Set(
    children.length ? (await db.selectFrom('case_allocations').select('person_id').where('person_id', 'in', children).where('end_date', 'is', null).execute()).map((r) => r.person_id) : [],
  );
  const rows = {
    cin_episodes: [] as Insertable<CinEpisodesTable>[],
    assessments: [] as Insertable<AssessmentsTable>[],
    cin_plans: [] as Insertable<CinPlansTable>[],
    cin_plan_items: [] as Insertable<CinPlanItemsTable>[],
    cin_plan_reviews: [] as Insertable<CinPlanReviewsTable>[],
    case_allocations: [] as Insertable<CaseAllocationsTable>[],
    chronology: [] as Insertable<ChronologyTable>[],
  };
  const note = (personId: string, date: string, type: string, summary: string, by: string, record: { type: string; id: string }) =>
    rows.chronology.push({ person_id: personId, occurred_at: new Date(`${date}T10:${String(10 + rows.chronology.length % 50).padStart(2, '0')}:00Z`), entry_type: type, summary, agency_id: agency, recorded_by: by, record_type: record.type, record_id: record.id });

  const episode = (personId: string, i: number, referral: string, worker: string, extra: Partial<Insertable<CinEpisodesTable>> = {}) => {
    const id = uuidv7();
    rows.cin_episodes.push({ id, person_id: personId, referral_date: referral, referral_source: SOURCES[i % SOURCES.length]!, referral_reason: pick(REASONS), created_by: worker, ...extra });
    note(personId, referral, 'referral.received', `Referral to children’s social care received${extra.re_referral ? ' (a re-referral within 12 months)' : ''}`, worker, { type: 'cin_episode', id });
    return id;
  };
  const assessment = (personId: string, episodeId: string, referral: string, worker: string, status: 'in_progress' | 'submitted' | 'authorised', outcome: Insertable<AssessmentsTable>['outcome'] = null, authorised: string | null = null) => {
    const id = uuidv7();
    const start = addWorkingDays(referral, 1) > today ? referral : addWorkingDays(referral, 1);
    const complete = status !== 'in_progress';
    const seen = complete || rand() < 0.6 ? (addCalendarDays(start, 3) > today ? today : addCalendarDays(start, 3)) : null;
    rows.assessments.push({
      id, episode_id: episodeId, person_id: personId, start_date: start, due_date: dueDate('assessment', referral), worker_id: worker, status,
      child_seen_date: seen,
      child_views: seen ? 'Talked about school and friends; said things at home are “shouty” and she worries about mum.' : null,
      family_views: complete ? 'Mother accepts help with routines and money; father did not take part.' : null,
      analysis: complete ? 'Needs are significant and long-standing but the family engage. Support under a plan should meet them.' : null,
      factors: complete ? pick(FACTORS) : [],
      outcome: complete ? outcome : null,
      submitted_at: complete ? new Date(`${authorised ?? today}T09:00:00Z`) : null,
      authorised_date: authorised, authorised_by: authorised ? users.morgan : null, created_by: worker,
    });
    note(personId, start, 'assessment.started', `Child and family assessment started, due by ${dueDate('assessment', referral)}`, worker, { type: 'assessment', id });
    if (status === 'submitted') note(personId, today, 'assessment.submitted', 'Child and family assessment submitted for authorisation', worker, { type: 'assessment', id });
    if (authorised) note(personId, authorised, 'assessment.authorised', 'Child and family assessment authorised', users.morgan, { type: 'assessment', id });
    return id;
  };

  STORIES.forEach((story, i) => {
    const child = children[i];
    if (!child) return;
    const worker = users[story.worker];
    let referral = workingDaysBefore(today, story.back);
    if (story.stage === 'plan_overdue_review' || story.stage === 'plan') referral = addMonths(today, story.stage === 'plan' ? -7 : -5);
    if (story.stage === 'closed') referral = addMonths(today, -15);
    if (!held.has(child) && story.stage !== 'closed') rows.case_allocations.push({ person_id: child, worker_id: worker, team_id: teams[story.worker], start_date: referral, reason: 'FCONTA', created_by: users.morgan });

    if (story.stage === 're_referral') {
      const earlier = addMonths(today, -10);
      const closed = addMonths(today, -8);
      const past = episode(child, i + 3, earlier, worker, { primary_need: 'N4', closure_date: closed, closure_reason: 'RC8', closure_notes: 'Advice and signposting; no services needed' });
      assessment(child, past, earlier, worker, 'authorised', 'no_further_action', closed);
      note(child, closed, 'referral.closed', 'Episode closed after assessment: no further action', users.morgan, { type: 'cin_episode', id: past });
    }
    const reReferral = story.stage === 're_referral';
    if (story.stage === 'closed') {
      const closed = addMonths(today, -13);
      const id = episode(child, i, referral, worker, { primary_need: 'N5', closure_date: closed, closure_reason: 'RC9', closure_notes: 'Stepped down to early help' });
      assessment(child, id, referral, worker, 'authorised', 'early_help', closed);
      note(child, closed, 'referral.closed', 'Episode closed after assessment: stepped down to early help', users.morgan, { type: 'cin_episode', id });
      return;
    }
    const id = episode(child, i, referral, worker, { re_referral: reReferral, primary_need: story.stage.startsWith('plan') ? 'N1' : null });
    if (story.stage === 'new') return;
    if (story.stage === 'in_progress' || story.stage === 're_referral') {
      assessment(child, id, referral, worker, 'in_progress');
      return;
    }
    if (story.stage === 'submitted') {
      assessment(child, id, referral, worker, 'submitted', i % 2 ? 'child_in_need_plan' : 'no_further_action');
      return;
    }
    // On a child in need plan since the assessment was authorised, about 30 working days after the referral.
    const authorised = dueDate('assessmentWarning', referral) > today ? today : workingDaysBefore(dueDate('assessmentWarning', referral), 5);
    assessment(child, id, referral, worker, 'authorised', 'child_in_need_plan', authorised);
    const planId = uuidv7();
    const reviewed = story.stage === 'plan' ? addMonths(today, -2) : null;
    const next = reviewed ? dueDate('cinPlanReview', reviewed) : dueDate('cinPlanReview', authorised);
    rows.cin_plans.push({ id: planId, episode_id: id, person_id: child, start_date: authorised, next_review_due: next, created_by: users.morgan });
    note(child, authorised, 'cin_plan.started', 'Child in need plan started: the child and family assessment found the child in need', users.morgan, { type: 'cin_plan', id: planId });
    const items: [Insertable<CinPlanItemsTable>['kind'], string, string | null, number | null, 'open' | 'done'][] = [
      ['outcome', 'Goes to school every day, on time', null, null, 'open'],
      ['outcome', 'Home is warm, clean and has food in it', null, null, 'open'],
      ['action', 'Attend the parenting programme at the family hub', 'Mother', 30, 'done'],
      ['action', 'Check attendance weekly and tell the social worker of any absence', 'Attendance officer', 120, 'open'],
      ['action', 'Apply for the household support fund', 'Sam Rowe', 160, 'open'],
    ];
    for (const [kind, description, owner, days, status] of items) {
      rows.cin_plan_items.push({ id: uuidv7(), plan_id: planId, kind, description, owner, agency_id: null, due_date: days === null ? null : addCalendarDays(authorised, days), status, created_by: worker });
    }
    if (reviewed) {
      const reviewId = uuidv7();
      rows.cin_plan_reviews.push({ id: reviewId, plan_id: planId, review_date: reviewed, progress: 'Attendance up to 92%; the home is much improved. Mother has finished the parenting programme.', decision: 'continue', next_review_due: next, created_by: worker });
      note(child, reviewed, 'cin_plan.reviewed', `Child in need plan reviewed: continue the plan`, worker, { type: 'cin_plan', id: planId });
    }
  });

  // Some children have their disability recorded, the rest still need it (the page says so).
  const recorded = children.slice(0, STORIES.length).filter((_, i) => i % 3 === 0);
  if (recorded.length) await db.updateTable('people').set({ disabilities: ['NONE'] }).where('id', 'in', recorded).execute();
  for (const table of ['cin_episodes', 'assessments', 'cin_plans', 'cin_plan_items', 'cin_plan_reviews', 'case_allocations', 'chronology'] as const) {
    if (rows[table].length) await db.insertInto(table).values(rows[table] as never).execute();
  }
}
