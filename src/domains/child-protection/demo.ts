import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { addCalendarDays, addMonths, addWorkingDays, isWorkingDay, workingDaysBefore } from '../../platform/calendar/working-days.ts';
import { random } from '../people/synthetic.ts';
import { censusCategory } from './model.ts';

type Rows = { [T in 'cin_episodes' | 'case_allocations' | 'strategy_discussions' | 'section_47_enquiries' | 'cp_plans' | 'cp_conferences' | 'core_groups' | 'meeting_attendance' | 'visits' | 'chronology']: Insertable<Database[T]>[] };

/** One demo child's child protection story, dated back from today (days or months ago). */
interface Story {
  what: string;
  /** Strategy discussion this many working days ago, with a section 47 still in progress or waiting for its conference. */
  enquiryWorkingDaysAgo?: number;
  conferenceScheduled?: boolean;
  /** A plan that started this many days ago (after its own strategy, enquiry and initial conference). */
  planDaysAgo?: number;
  categories?: string[];
  /** The plan ended this many days ago at a review conference. */
  endedDaysAgo?: number;
  /** An earlier plan that ended this many days before the current plan started. */
  earlierPlanEndedDaysBefore?: number;
  /** No review or visit since this many days ago (to show overdue clocks). */
  reviewsStopDaysAgo?: number;
  visitsStopDaysAgo?: number;
  headOfServiceDone?: boolean;
  legalPlanningDone?: boolean;
  outcome?: 'concerns_not_substantiated';
  worker?: 'rob' | 'sam';
}

const STORIES: Story[] = [
  { what: 'section 47 in progress, conference due soon', enquiryWorkingDaysAgo: 13 },
  { what: 'section 47 just started', enquiryWorkingDaysAgo: 2, worker: 'sam' },
  { what: 'initial conference overdue', enquiryWorkingDaysAgo: 19, conferenceScheduled: true },
  { what: 'new plan, first core group due', planDaysAgo: 6, categories: ['NEG'] },
  { what: 'plan past 9 months', planDaysAgo: 285, categories: ['EMO'] },
  { what: 'plan past 12 months', planDaysAgo: 380, categories: ['NEG', 'EMO'], headOfServiceDone: true },
  { what: 'plan over 2 years', planDaysAgo: 770, categories: ['PHY', 'NEG'], headOfServiceDone: true, legalPlanningDone: true },
  { what: 'repeat plan within 2 years', planDaysAgo: 60, categories: ['NEG'], earlierPlanEndedDaysBefore: 420 },
  { what: 'review conference overdue', planDaysAgo: 125, categories: ['SAB'], reviewsStopDaysAgo: 125 },
  { what: 'visits overdue', planDaysAgo: 70, categories: ['PHY'], visitsStopDaysAgo: 35, worker: 'sam' },
  { what: 'plan ended last year', planDaysAgo: 600, categories: ['NEG'], endedDaysAgo: 240 },
  { what: 'concerns not substantiated', enquiryWorkingDaysAgo: 40, outcome: 'concerns_not_substantiated' },
];

const onWorkingDay = (date: string) => (isWorkingDay(date) ? date : workingDaysBefore(date, 1));

const enquiryStartOf = (story: Story, today: string) =>
  story.enquiryWorkingDaysAgo !== undefined ? workingDaysBefore(today, story.enquiryWorkingDaysAgo) : addCalendarDays(today, -(story.planDaysAgo! + 20));

/** The referral that began the story: a fortnight before its first enquiry (an earlier plan's, for a repeat plan). */
function referralOf(story: Story, today: string): string {
  const enquiryStart = enquiryStartOf(story, today);
  const firstStart = story.earlierPlanEndedDaysBefore ? addCalendarDays(enquiryStart, -(story.earlierPlanEndedDaysBefore + 300)) : enquiryStart;
  return addCalendarDays(firstStart, -14);
}

/**
 * The oldest children get the stories that began longest ago, so no referral is dated before a child could have been
 * referred (the census allows a referral at most 280 days before birth: 8606).
 */
async function oldestForLongestHistory(db: Kysely<Database>, stories: Story[], children: string[], today: string): Promise<Map<Story, string>> {
  const born = new Map((await db.selectFrom('people').select(['id', 'date_of_birth']).where('id', 'in', children.length ? children : ['00000000-0000-0000-0000-000000000000']).execute()).map((p) => [p.id, p.date_of_birth ?? today]));
  const oldestFirst = [...children].sort((a, b) => (born.get(a) ?? today).localeCompare(born.get(b) ?? today) || a.localeCompare(b));
  const longestFirst = [...stories].sort((a, b) => referralOf(a, today).localeCompare(referralOf(b, today)));
  return new Map(longestFirst.map((story, i) => [story, oldestFirst[i]!]));
}

const CONCERNS = [
  'School reported bruising to the child’s upper arm; the child said a parent grabbed them.',
  'Police attended a domestic incident at the home; the child was present and distressed.',
  'Health visitor found the home without food or heating and the baby underweight.',
  'The child disclosed to a teacher that an adult in the household touches them.',
  'Repeated missed health appointments and the child seen out late without supervision.',
];

/**
 * Child protection for about a dozen children: enquiries in progress, an initial conference due and one overdue,
 * plans of every age (new, 9 and 12 months, over 2 years), a repeat plan, a review overdue, visits overdue and
 * ended plans, each inside an open child in need episode, allocated (mostly) to Rob Delaney and chaired by Iris
 * Fenwick, with attendance, chronology and visits as the pages would have written them.
 */
export async function seedChildProtectionDemo(db: Kysely<Database>, org: DemoOrganisation, today: string, children: string[]): Promise<void> {
  const rnd = random(5005);
  const rob = org.userIds['rob.delaney@cairn.example']!;
  const sam = org.userIds['sam.rowe@cairn.example']!;
  const iris = org.userIds['iris.fenwick@cairn.example']!;
  const csc = org.agencyIds.csc!;
  const rows: Rows = { cin_episodes: [], case_allocations: [], strategy_discussions: [], section_47_enquiries: [], cp_plans: [], cp_conferences: [], core_groups: [], meeting_attendance: [], visits: [], chronology: [] };
  const attend = (type: 'strategy' | 'conference' | 'core_group', id: string, withReports = false) => {
    const people: [string, string, string, boolean][] = [
      ['csc', 'Rob Delaney', 'Social worker', true],
      ['police', 'DC Ellis Vale', 'Public Protection Unit', rnd() < 0.85],
      ['health', 'Nadia Crewe', 'Health visitor', rnd() < 0.8],
      ['school', 'Owen Marr', 'Designated safeguarding lead', rnd() < 0.7],
    ];
    for (const [agency, name, role, attended] of people) {
      rows.meeting_attendance.push({ meeting_type: type, meeting_id: id, agency_id: org.agencyIds[agency]!, name, role, attended, report_submitted: withReports && agency !== 'csc' ? rnd() < 0.8 : withReports, created_by: rob });
    }
  };

  const stories = STORIES.slice(0, children.length);
  const childFor = await oldestForLongestHistory(db, stories, children, today);
  stories.forEach((story, i) => {
    const personId = childFor.get(story)!;
    const worker = story.worker === 'sam' ? sam : rob;
    const team = story.worker === 'sam' ? org.teamIds['Assessment Team North']! : org.teamIds['Child Protection Team']!;
    const chron = (date: string, entry_type: string, summary: string, record_type: string, record_id: string) =>
      rows.chronology.push({ person_id: personId, occurred_at: new Date(`${date}T11:00:00Z`), entry_type, summary, agency_id: csc, recorded_by: worker, record_type, record_id });
    const referral = referralOf(story, today);
    const enquiryStart = enquiryStartOf(story, today);
    const episodeId = uuidv7();
    rows.cin_episodes.push({ id: episodeId, person_id: personId, referral_date: referral, referral_source: ['1A', '1B', '3A', '5A'][i % 4]!, referral_reason: CONCERNS[i % CONCERNS.length]!, primary_need: 'N1', created_by: worker });
    rows.case_allocations.push({ person_id: personId, worker_id: worker, team_id: team, start_date: referral, reason: 'FCONTA', created_by: worker });
    chron(referral, 'referral.received', 'Referral to children’s social care received', 'cin_episode', episodeId);

    // The strategy discussion and section 47 that led to the plan (or that is in progress now).
    const strategyId = uuidv7();
    const s47Id = uuidv7();
    const target = dueDate('initialConference', enquiryStart);
    rows.strategy_discussions.push({ id: strategyId, episode_id: episodeId, person_id: personId, held_on: enquiryStart, format: rnd() < 0.5 ? 'meeting' : 'discussion', concerns: CONCERNS[i % CONCERNS.length]!, decision: 'section_47', decision_reasons: 'Reasonable cause to suspect the child is suffering, or likely to suffer, significant harm.', created_by: worker });
    attend('strategy', strategyId);
    chron(enquiryStart, 'strategy.held', 'Strategy discussion held: section 47 enquiry', 'strategy_discussion', strategyId);
    const inProgress = story.enquiryWorkingDaysAgo !== undefined && !story.conferenceScheduled && !story.outcome;
    const completed = inProgress ? null : story.planDaysAgo !== undefined ? addCalendarDays(today, -(story.planDaysAgo + 4)) : addWorkingDays(enquiryStart, 8);
    rows.section_47_enquiries.push({ id: s47Id, episode_id: episodeId, person_id: personId, strategy_id: strategyId, start_date: enquiryStart, icpc_target: target, completed_date: completed, outcome: inProgress ? null : (story.outcome ?? 'conference'), findings: inProgress ? null : 'Child seen and spoken to alone; parents interviewed; agency checks completed.', created_by: worker });
    chron(enquiryStart, 's47.started', 'Section 47 enquiry started', 'section_47', s47Id);
    if (story.conferenceScheduled) rows.cp_conferences.push({ episode_id: episodeId, person_id: personId, kind: 'initial', section_47_id: s47Id, due_date: target, chair_id: iris, created_by: worker });
    if (story.planDaysAgo === undefined) return;

    if (story.earlierPlanEndedDaysBefore) {
      const earlierStart = addCalendarDays(enquiryStart, -(story.earlierPlanEndedDaysBefore + 280));
      rows.cp_plans.push({ episode_id: episodeId, person_id: personId, start_date: earlierStart, initial_category: 'NEG', categories: ['NEG'], end_date: addCalendarDays(enquiryStart, -story.earlierPlanEndedDaysBefore), end_reason: 'no_longer_needed', created_by: worker });
    }
    // Conferences sit on working days (the census refuses a weekend one: 8875), and the plan starts at its conference.
    const start = onWorkingDay(addCalendarDays(today, -story.planDaysAgo));
    const categories = story.categories!;
    const planId = uuidv7();
    const ended = story.endedDaysAgo !== undefined ? addCalendarDays(today, -story.endedDaysAgo) : null;
    rows.cp_plans.push({
      id: planId,
      episode_id: episodeId,
      person_id: personId,
      start_date: start,
      initial_category: censusCategory(categories),
      categories,
      previous_plans: story.earlierPlanEndedDaysBefore ? 1 : 0,
      previous_plan_end: story.earlierPlanEndedDaysBefore ? addCalendarDays(enquiryStart, -story.earlierPlanEndedDaysBefore) : null,
      end_date: ended,
      end_reason: ended ? 'child_in_need' : null,
      head_of_service_review_on: story.headOfServiceDone ? addMonths(start, 9) : null,
      head_of_service_note: story.headOfServiceDone ? 'Head of service agreed the plan continues with a parenting assessment.' : null,
      legal_planning_on: story.legalPlanningDone ? addMonths(start, 12) : null,
      legal_planning_note: story.legalPlanningDone ? 'Legal gateway: pre-proceedings under the Public Law Outline.' : null,
      created_by: worker,
    });
    const icpcId = uuidv7();
    rows.cp_conferences.push({ id: icpcId, episode_id: episodeId, person_id: personId, kind: 'initial', section_47_id: s47Id, plan_id: planId, due_date: target < start ? target : start, held_on: start, chair_id: iris, decision: 'plan', categories, summary: 'Conference agreed the child is at continuing risk of significant harm.', created_by: iris });
    attend('conference', icpcId, true);
    chron(start, 'conference.held', 'Initial child protection conference held: child protection plan', 'cp_conference', icpcId);
    chron(start, 'cp_plan.started', 'Child protection plan started', 'cp_plan', planId);
    const until = ended ?? today;

    // Review conferences: the first at 3 months, then every 6; the last one due is left unheld (or overdue).
    let due = dueDate('firstReviewConference', start);
    const reviewsUntil = story.reviewsStopDaysAgo !== undefined ? addCalendarDays(today, -story.reviewsStopDaysAgo) : until;
    while (due <= reviewsUntil && (!ended || due < ended)) {
      const id = uuidv7();
      rows.cp_conferences.push({ id, episode_id: episodeId, person_id: personId, kind: 'review', plan_id: planId, due_date: due, held_on: due, chair_id: iris, decision: 'continue_plan', categories, summary: 'Some progress; the plan continues.', created_by: iris });
      attend('conference', id, true);
      chron(due, 'conference.held', 'Review child protection conference held: the plan continues', 'cp_conference', id);
      due = dueDate('reviewConference', due);
    }
    if (ended) {
      const id = uuidv7();
      rows.cp_conferences.push({ id, episode_id: episodeId, person_id: personId, kind: 'review', plan_id: planId, due_date: due < ended ? due : ended, held_on: ended, chair_id: iris, decision: 'end_plan', categories: [], summary: 'Risks reduced; the child continues to be supported as a child in need.', created_by: iris });
      attend('conference', id, true);
      chron(ended, 'cp_plan.ended', 'Child protection plan ended: the child is still in need', 'cp_plan', planId);
    } else {
      rows.cp_conferences.push({ episode_id: episodeId, person_id: personId, kind: 'review', plan_id: planId, due_date: due, chair_id: iris, created_by: iris });
    }

    // Core groups: the first within 10 working days, then every 6 weeks; the next one is due.
    let groupDue = dueDate('firstCoreGroup', start);
    while (groupDue < until) {
      const id = uuidv7();
      rows.core_groups.push({ id, plan_id: planId, person_id: personId, due_date: groupDue, held_on: groupDue, progress: 'Actions reviewed; attendance at appointments improving.', created_by: worker });
      attend('core_group', id);
      chron(groupDue, 'core_group.held', 'Core group met', 'core_group', id);
      groupDue = dueDate('coreGroup', groupDue);
    }
    if (!ended) rows.core_groups.push({ plan_id: planId, person_id: personId, due_date: groupDue, created_by: worker });

    // Child protection visits every 8 working days or so, stopping earlier where visits are overdue.
    const visitsUntil = story.visitsStopDaysAgo !== undefined ? addCalendarDays(today, -story.visitsStopDaysAgo) : until;
    for (let v = addWorkingDays(start, 3); v <= visitsUntil; v = addWorkingDays(v, 7 + Math.floor(rnd() * 3))) {
      rows.visits.push({ person_id: personId, visit_date: v, purpose: 'child_protection', child_seen: true, seen_alone: rnd() < 0.7, visited_by: worker, notes: 'Child seen at home; room seen; spoke with parent about the plan.', created_by: worker });
    }
  });

  for (const table of Object.keys(rows) as (keyof Rows)[]) {
    for (let i = 0; i < rows[table].length; i += 500) await db.insertInto(table).values(rows[table].slice(i, i + 500) as never).execute();
  }
}
