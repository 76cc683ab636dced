import { type Kysely, sql } from 'kysely';

/**
 * Indexes the benchmarks on the synthetic authority asked for: search by date, the reads every page makes through
 * the header's work count (who holds which children, in which teams; the open records of those children), the
 * child's social care record (each capability's records of one child or episode) and the manager's dashboard.
 * Without them each of these read whole tables: unnoticeable on the demo, hundreds of milliseconds for a county.
 */
const INDEXES: [name: string, definition: string][] = [
  // Search by date: a date of birth or an unborn child's expected date of delivery (an OR that needs both indexed).
  ['people_expected_delivery', 'people (expected_date_of_delivery) WHERE expected_date_of_delivery IS NOT NULL'],
  // Who holds what: a manager's teams, a team's children, a child's allocation history.
  ['user_teams_team', 'user_teams (team_id)'],
  ['case_allocations_team', 'case_allocations (team_id) WHERE end_date IS NULL'],
  ['case_allocations_history', 'case_allocations (person_id, start_date DESC)'],
  ['people_allocated_team', 'people (allocated_team_id) WHERE allocated_team_id IS NOT NULL'],
  // Each capability's records of one episode (the episode page, closing it, the census).
  ['assessments_episode', 'assessments (episode_id)'],
  ['cin_plans_episode', 'cin_plans (episode_id)'],
  ['strategy_discussions_episode', 'strategy_discussions (episode_id)'],
  ['section_47_enquiries_episode', 'section_47_enquiries (episode_id)'],
  ['cp_plans_episode', 'cp_plans (episode_id)'],
  ['cp_conferences_episode', 'cp_conferences (episode_id)'],
  ['care_periods_episode', 'care_periods (episode_id)'],
  // Referrals: a child's assessments, and the open ones of these children or workers.
  ['assessments_person', 'assessments (person_id)'],
  ['assessments_worker_open', "assessments (worker_id) WHERE status <> 'authorised'"],
  ['cin_plans_person', 'cin_plans (person_id)'],
  // Child protection: a child's plans and enquiries, conferences to be held for a child or by a chair, core groups due.
  ['cp_plans_person', 'cp_plans (person_id, start_date DESC)'],
  ['section_47_enquiries_person', 'section_47_enquiries (person_id, start_date DESC)'],
  ['cp_conferences_person_scheduled', 'cp_conferences (person_id) WHERE held_on IS NULL'],
  ['cp_conferences_chair_scheduled', 'cp_conferences (chair_id) WHERE held_on IS NULL'],
  ['core_groups_plan_due', 'core_groups (plan_id) WHERE held_on IS NULL'],
  // Children in care: a child's periods and episodes, an IRO's open periods, a period's checks.
  ['care_periods_person', 'care_periods (person_id, start_date DESC)'],
  ['care_periods_iro_open', 'care_periods (iro_id) WHERE end_date IS NULL'],
  ['care_episodes_person', 'care_episodes (person_id, start_date)'],
  ['care_checks_period', 'care_checks (period_id)'],
  // Care leavers and missing children: an adviser's open records, interviews still to be held.
  ['care_leavers_adviser_open', 'care_leavers (personal_adviser_id) WHERE closed_on IS NULL'],
  ['missing_episodes_interview_open', 'missing_episodes (person_id) WHERE returned_at IS NOT NULL AND interview_completed_at IS NULL'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, definition] of INDEXES) await sql.raw(`CREATE INDEX ${name} ON ${definition}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`DROP INDEX ${name}`).execute(db);
}
