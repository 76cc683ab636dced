import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { addMonths } from '../../../platform/calendar/working-days.ts';
import { type ListRow, groupBy, latest, overlaps, yesNo } from './child.ts';
import { closureValue, needValue } from './codes.ts';
import { ABUSE_ORDER, ABUSE_WORDS, CASE_STATUS, NO, letteredCode, lookBack } from './lists.ts';
import { careEpisodeRows, cpPlanRows, episodeStateRows, lastSeenRows, referralRows, reviewConferenceRows, visitRows } from './repository.ts';

/** Lists 6 and 7: children in need and children on child protection plans at any time in the period. */
type Db = Kysely<Database>;

interface Span {
  episode_id: string | null;
  start_date: string;
  end_date: string | null;
}

const openOn = (spans: readonly Span[] | undefined, date: string) => (spans ?? []).some((s) => overlaps(s.start_date, s.end_date, date, date));

/**
 * List 6: every child in need episode open at any time in the period, except referrals that ended with no further
 * action (they are list 3's). The case status is the episode's state on the list's date, the most intensive first;
 * it stays empty for an open episode with nothing open that day (a referral awaiting its assessment, an initial
 * conference awaited, care or a plan ended without the episode closing), for which Ofsted's values have no word.
 */
export async function childrenInNeedList(db: Db, asAt: string): Promise<ListRow[]> {
  const period = lookBack(6, asAt);
  const episodes = (await referralRows(db, period.from, asAt)).filter((e) => !e.referral_nfa && overlaps(e.referral_date, e.closure_date, period.from, asAt));
  const ids = episodes.map((e) => e.id);
  const [state, seen] = await Promise.all([
    episodeStateRows(db, ids),
    lastSeenRows(
      db,
      episodes.map((e) => e.person_id),
      asAt,
    ),
  ]);
  const care = groupBy(state.carePeriods, (s) => s.episode_id);
  const cp = groupBy(state.cpPlans, (s) => s.episode_id);
  const cin = groupBy(state.cinPlans, (s) => s.episode_id);
  // A section 47 enquiry is an assessment too: an episode with one under way is an open assessment.
  const assessing = groupBy(
    [
      ...state.assessments.map((a) => ({ episode_id: a.episode_id, start_date: a.start_date, end_date: a.authorised_date })),
      ...state.enquiries.map((e) => ({ episode_id: e.episode_id, start_date: e.start_date, end_date: e.completed_date })),
    ],
    (s) => s.episode_id,
  );
  const seenOf = groupBy(seen, (s) => s.person_id);
  return episodes.map((e) => {
    const closed = e.closure_date !== null && e.closure_date <= asAt;
    const status = closed
      ? CASE_STATUS[4]
      : openOn(care.get(e.id), asAt)
        ? CASE_STATUS[0]
        : openOn(cp.get(e.id), asAt)
          ? CASE_STATUS[1]
          : openOn(cin.get(e.id), asAt)
            ? CASE_STATUS[2]
            : openOn(assessing.get(e.id), asAt)
              ? CASE_STATUS[3]
              : null;
    return {
      personId: e.person_id,
      values: {
        'CIN Start Date': e.referral_date,
        'Primary Need Code': needValue(e.primary_need),
        'Date Child Was Last Seen': latest((seenOf.get(e.person_id) ?? []).map((s) => s.seen)),
        'CIN Closure Date': closed ? e.closure_date : null,
        'Reason for Closure': closed ? closureValue(e.closure_reason) : null,
        'Case Status': status,
      },
    };
  });
}

/** The latest category of abuse: one category as itself, several as "multiple". */
export const latestCategory = (categories: readonly string[]) =>
  categories.length === 0 ? null : letteredCode(ABUSE_ORDER, categories.length > 1 ? 'MUL' : categories[0], (c) => ABUSE_WORDS[c] ?? c);

/** Legal statuses that are an emergency protection order or police protection (903 L2, L1). */
const EMERGENCY = new Set(['L1', 'L2']);

/** List 7: child protection plans open at any time in the period. */
export async function childProtectionList(db: Db, asAt: string): Promise<ListRow[]> {
  const plans = await cpPlanRows(db, lookBack(7, asAt));
  const personIds = plans.map((p) => p.person_id);
  const [visits, reviews, episodes] = await Promise.all([
    visitRows(db, personIds, 'child_protection', asAt),
    reviewConferenceRows(
      db,
      plans.map((p) => p.id),
      asAt,
    ),
    careEpisodeRows(db, personIds, asAt),
  ]);
  const visitsOf = groupBy(visits, (v) => v.person_id);
  const reviewsOf = groupBy(reviews, (r) => r.plan_id);
  const sixMonthsAgo = addMonths(asAt, -6);
  const emergency = new Set(episodes.filter((e) => EMERGENCY.has(e.legal_status) && overlaps(e.start_date, e.end_date, sixMonthsAgo, asAt)).map((e) => e.person_id));
  return plans.map((p) => {
    const end = p.end_date && p.end_date <= asAt ? p.end_date : null;
    // The last statutory visit while this plan was open (visits are the child protection visits, oldest first).
    const visit = (visitsOf.get(p.person_id) ?? []).filter((v) => v.visit_date >= p.start_date && (end === null || v.visit_date <= end)).at(-1);
    return {
      personId: p.person_id,
      values: {
        'Child Protection Plan Start Date': p.start_date,
        'Initial Category of Abuse': letteredCode(ABUSE_ORDER, p.initial_category, (c) => ABUSE_WORDS[c] ?? c),
        'Latest Category of Abuse': latestCategory(p.categories),
        'Date of the Last Statutory Visit': visit?.visit_date ?? null,
        'Was the Child Seen Alone?': visit ? (visit.child_seen ? yesNo(visit.seen_alone) : NO) : null,
        'Date of latest review conference': latest((reviewsOf.get(p.id) ?? []).map((r) => r.held_on)),
        'Child Protection Plan End Date': end,
        'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)': yesNo(emergency.has(p.person_id)),
        'Number of Previous Child Protection Plans': p.previous_plans,
      },
    };
  });
}
