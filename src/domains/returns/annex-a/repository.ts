import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { dayAfter, startOfUkDay } from '../../../platform/calendar/uk-days.ts';
import type { LookBack } from './lists.ts';

/**
 * Annex A's reads: one set-based query per kind of record for the whole authority (never one per child), then
 * queries for the records hanging off those rows by id, in chunks so a Kent-sized authority stays well under
 * PostgreSQL's limit on parameters. Only codes, dates and identifiers are read: no names of children, no free text.
 */
type Db = Kysely<Database>;

const CHUNK = 5000;

/** Runs `query` over `ids` in chunks and joins the results (no query at all for no ids). */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await query(unique.slice(i, i + CHUNK))));
  return out;
}

// ── The child and who is allocated ──
export const peopleRows = (db: Db, ids: readonly string[]) =>
  inChunks(ids, (chunk) =>
    db
      .selectFrom('people')
      .leftJoin('teams', 'teams.id', 'people.allocated_team_id')
      .select(['people.id', 'people.return_id', 'people.sex', 'people.ethnicity', 'people.date_of_birth', 'people.disabilities', 'people.merged_into', 'teams.name as team'])
      .where('people.id', 'in', chunk)
      .execute(),
  );

/** These children's allocations that had started by the list's date, oldest first (the builder keeps the one that applies). */
export const allocationRows = (db: Db, ids: readonly string[], asAt: string) =>
  inChunks(ids, (chunk) =>
    db
      .selectFrom('case_allocations')
      .innerJoin('users', 'users.id', 'case_allocations.worker_id')
      .leftJoin('teams', 'teams.id', 'case_allocations.team_id')
      .select(['case_allocations.person_id', 'case_allocations.start_date', 'case_allocations.end_date', 'users.name as worker', 'teams.name as team'])
      .where('case_allocations.person_id', 'in', chunk)
      .where('case_allocations.start_date', '<=', asAt)
      .orderBy('case_allocations.start_date')
      .orderBy('case_allocations.created_at')
      .execute(),
  );

// ── List 1: contacts ──
export const contactRows = (db: Db, period: LookBack) =>
  db
    .selectFrom('contacts')
    .innerJoin('contact_people', 'contact_people.contact_id', 'contacts.id')
    // The referral this contact became for this child (a contact about brothers and sisters opens one each).
    .leftJoin('cin_episodes', (join) => join.onRef('cin_episodes.contact_id', '=', 'contacts.id').onRef('cin_episodes.person_id', '=', 'contact_people.person_id'))
    .select(['contacts.id', 'contact_people.person_id', 'contacts.received_at', 'contacts.source', 'cin_episodes.referral_source'])
    .where('contact_people.role', '=', 'child')
    .where('contacts.received_at', '>=', startOfUkDay(period.from))
    .where('contacts.received_at', '<', startOfUkDay(dayAfter(period.to)))
    .orderBy('contacts.received_at')
    .execute();

// ── List 2: early help assessments ──
export const earlyHelpAssessmentRows = (db: Db, period: LookBack) =>
  db
    .selectFrom('early_help_assessments')
    .innerJoin('early_help_cases', 'early_help_cases.id', 'early_help_assessments.case_id')
    .leftJoin('agencies', 'agencies.id', 'early_help_assessments.completing_agency_id')
    .select(['early_help_cases.person_id', 'early_help_assessments.started_on', 'early_help_assessments.registered_on', 'agencies.name as agency'])
    .where('early_help_assessments.started_on', '<=', period.to)
    .where((eb) => eb.or([eb('early_help_assessments.registered_on', 'is', null), eb('early_help_assessments.registered_on', '>=', period.from)]))
    .orderBy('early_help_assessments.started_on')
    .execute();

// ── Lists 3 and 6: referrals and children in need episodes ──
export const referralRows = (db: Db, from: string, to: string) =>
  db
    .selectFrom('cin_episodes')
    .select(['id', 'person_id', 'referral_date', 'referral_source', 'referral_nfa', 'primary_need', 'closure_date', 'closure_reason'])
    .where('referral_date', '<=', to)
    .where((eb) => eb.or([eb('referral_date', '>=', from), eb('closure_date', 'is', null), eb('closure_date', '>=', from)]))
    .orderBy('referral_date')
    .execute();

// ── List 4: assessments ──
export const assessmentRows = (db: Db, period: LookBack) =>
  db
    .selectFrom('assessments')
    .select(['id', 'episode_id', 'person_id', 'start_date', 'status', 'child_seen_date', 'authorised_date', 'outcome'])
    .where('start_date', '<=', period.to)
    .where((eb) => eb.or([eb('authorised_date', 'is', null), eb('authorised_date', '>=', period.from)]))
    .orderBy('start_date')
    .execute();

// ── List 5: section 47 enquiries and initial conferences ──
export const section47Rows = (db: Db, countFrom: string, period: LookBack) =>
  db
    .selectFrom('section_47_enquiries')
    .leftJoin('strategy_discussions', 'strategy_discussions.id', 'section_47_enquiries.strategy_id')
    .select([
      'section_47_enquiries.id',
      'section_47_enquiries.person_id',
      'section_47_enquiries.start_date',
      'section_47_enquiries.completed_date',
      'section_47_enquiries.outcome',
      'strategy_discussions.held_on as strategy_on',
    ])
    .where('section_47_enquiries.start_date', '<=', period.to)
    .where((eb) =>
      eb.or([
        eb('section_47_enquiries.start_date', '>=', countFrom),
        eb('section_47_enquiries.completed_date', 'is', null),
        eb('section_47_enquiries.completed_date', '>=', period.from),
      ]),
    )
    .orderBy('section_47_enquiries.start_date')
    .execute();

export const initialConferenceRows = (db: Db, personIds: readonly string[], to: string) =>
  inChunks(personIds, (chunk) =>
    db
      .selectFrom('cp_conferences')
      .select(['person_id', 'section_47_id', 'held_on', 'decision'])
      .where('kind', '=', 'initial')
      .where('person_id', 'in', chunk)
      .where('held_on', '<=', to)
      .execute(),
  );

// ── List 6: what is open in each episode ──
export const episodeStateRows = async (db: Db, episodeIds: readonly string[]) => {
  const [cpPlans, cinPlans, assessments, enquiries, carePeriods] = await Promise.all([
    inChunks(episodeIds, (c) => db.selectFrom('cp_plans').select(['episode_id', 'start_date', 'end_date']).where('episode_id', 'in', c).execute()),
    inChunks(episodeIds, (c) => db.selectFrom('cin_plans').select(['episode_id', 'start_date', 'end_date']).where('episode_id', 'in', c).execute()),
    inChunks(episodeIds, (c) => db.selectFrom('assessments').select(['episode_id', 'start_date', 'authorised_date']).where('episode_id', 'in', c).execute()),
    inChunks(episodeIds, (c) => db.selectFrom('section_47_enquiries').select(['episode_id', 'start_date', 'completed_date']).where('episode_id', 'in', c).execute()),
    inChunks(episodeIds, (c) =>
      db.selectFrom('care_periods').select(['episode_id', 'start_date', 'end_date']).where('episode_id', 'in', c).execute(),
    ),
  ]);
  return { cpPlans, cinPlans, assessments, enquiries, carePeriods };
};

/** The last date each child was seen: on a visit, or for an assessment. */
export const lastSeenRows = async (db: Db, personIds: readonly string[], to: string) => {
  const [visits, assessments] = await Promise.all([
    inChunks(personIds, (c) =>
      db
        .selectFrom('visits')
        .select((eb) => ['person_id', eb.fn.max('visit_date').as('seen')])
        .where('person_id', 'in', c)
        .where('child_seen', '=', true)
        .where('visit_date', '<=', to)
        .groupBy('person_id')
        .execute(),
    ),
    inChunks(personIds, (c) =>
      db
        .selectFrom('assessments')
        .select((eb) => ['person_id', eb.fn.max('child_seen_date').as('seen')])
        .where('person_id', 'in', c)
        .where('child_seen_date', '<=', to)
        .groupBy('person_id')
        .execute(),
    ),
  ]);
  return [...visits, ...assessments] as { person_id: string; seen: string | null }[];
};

// ── List 7: child protection plans ──
export const cpPlanRows = (db: Db, period: LookBack) =>
  db
    .selectFrom('cp_plans')
    .select(['id', 'person_id', 'start_date', 'initial_category', 'categories', 'previous_plans', 'end_date'])
    .where('start_date', '<=', period.to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', period.from)]))
    .orderBy('start_date')
    .execute();

export const visitRows = (db: Db, personIds: readonly string[], purpose: 'child_protection' | 'looked_after', to: string) =>
  inChunks(personIds, (c) =>
    db
      .selectFrom('visits')
      .select(['person_id', 'visit_date', 'child_seen', 'seen_alone'])
      .where('person_id', 'in', c)
      .where('purpose', '=', purpose)
      .where('visit_date', '<=', to)
      .orderBy('visit_date')
      .execute(),
  );

export const reviewConferenceRows = (db: Db, planIds: readonly string[], to: string) =>
  inChunks(planIds, (c) =>
    db.selectFrom('cp_conferences').select(['plan_id', 'held_on']).where('kind', '=', 'review').where('plan_id', 'in', c).where('held_on', '<=', to).execute(),
  );

// ── Lists 8 and 10: children in care ──
export const carePeriodRows = (db: Db, period: LookBack) =>
  db
    .selectFrom('care_periods')
    .select(['id', 'person_id', 'start_date', 'end_date', 'category_of_need', 'uasc', 'uasc_ceased'])
    .where('start_date', '<=', period.to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', period.from)]))
    .orderBy('start_date')
    .execute();

/** Every period of care of these children (for "second or subsequent period" and "formerly UASC"). */
export const allCarePeriodRows = (db: Db, personIds: readonly string[]) =>
  inChunks(personIds, (c) => db.selectFrom('care_periods').select(['id', 'person_id', 'start_date', 'end_date', 'uasc']).where('person_id', 'in', c).execute());

/** Every 903 episode of these children, each child's oldest first (a child's rows are always in one chunk). */
export const careEpisodeRows = (db: Db, personIds: readonly string[], to: string) =>
  inChunks(personIds, (c) =>
    db
      .selectFrom('care_episodes')
      .select(['period_id', 'person_id', 'start_date', 'end_date', 'legal_status', 'placement_type', 'placement_provider', 'carer_name', 'urn', 'placement_postcode', 'reason_ceased'])
      .where('person_id', 'in', c)
      .where('start_date', '<=', to)
      .orderBy('start_date')
      .orderBy('created_at')
      .execute(),
  );

export const careReviewRows = (db: Db, periodIds: readonly string[], to: string) =>
  inChunks(periodIds, (c) => db.selectFrom('care_reviews').select(['period_id', 'held_on', 'participation']).where('period_id', 'in', c).where('held_on', '<=', to).execute());

export const careCheckRows = (db: Db, personIds: readonly string[], to: string) =>
  inChunks(personIds, (c) =>
    db
      .selectFrom('care_checks')
      .select(['person_id', 'kind', 'done_on'])
      .where('person_id', 'in', c)
      .where('kind', 'in', ['initial_health', 'review_health', 'dental'])
      .where('done_on', '<=', to)
      .execute(),
  );

export const missingRows = (db: Db, personIds: readonly string[], to: string) =>
  inChunks(personIds, (c) =>
    db
      .selectFrom('missing_episodes')
      .select(['person_id', 'kind', 'started_at', 'returned_at', 'interview_offered_at', 'interview_accepted'])
      .where('person_id', 'in', c)
      .where('started_at', '<', startOfUkDay(dayAfter(to)))
      .orderBy('started_at')
      .execute(),
  );

// ── List 9: care leavers ──
export const careLeaverRows = (db: Db, period: LookBack) =>
  db
    .selectFrom('care_leavers')
    .leftJoin('users', 'users.id', 'care_leavers.personal_adviser_id')
    .select(['care_leavers.id', 'care_leavers.person_id', 'care_leavers.eligibility', 'users.name as adviser'])
    .where('care_leavers.opened_on', '<=', period.to)
    .where((eb) => eb.or([eb('care_leavers.closed_on', 'is', null), eb('care_leavers.closed_on', '>=', period.from)]))
    .orderBy('care_leavers.opened_on')
    .execute();

export const pathwayPlanRows = (db: Db, leaverIds: readonly string[], to: string) =>
  inChunks(leaverIds, (c) => db.selectFrom('pathway_plans').select(['care_leaver_id', 'plan_date']).where('care_leaver_id', 'in', c).where('plan_date', '<=', to).execute());

export const leaverContactRows = (db: Db, leaverIds: readonly string[], to: string) =>
  inChunks(leaverIds, (c) =>
    db
      .selectFrom('care_leaver_contacts')
      .select(['care_leaver_id', 'contact_date', 'in_touch', 'accommodation', 'activity'])
      .where('care_leaver_id', 'in', c)
      .where('contact_date', '<=', to)
      .orderBy('contact_date')
      .orderBy('created_at')
      .execute(),
  );
