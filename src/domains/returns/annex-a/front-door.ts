import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { addMonths, ukDate } from '../../../platform/calendar/working-days.ts';
import { cinSourceForContact } from '../../referrals/labels.ts';
import { type ListRow, groupBy, yesNo } from './child.ts';
import { sourceValue } from './codes.ts';
import { COUNT_MONTHS, type LookBack, NO, YES, lookBack } from './lists.ts';
import { assessmentRows, contactRows, earlyHelpAssessmentRows, initialConferenceRows, referralRows, section47Rows } from './repository.ts';

/**
 * Lists 1 to 5: the front door (contacts, early help assessments, referrals) and the work that follows (assessments,
 * section 47 enquiries and initial conferences), each over its look-back period to the list's date.
 */
type Db = Kysely<Database>;

/** List 1: one row per child per contact received in the period. */
export async function contactsList(db: Db, asAt: string): Promise<ListRow[]> {
  const rows = await contactRows(db, lookBack(1, asAt));
  // A contact that became a referral carries the referral's census source (the worker may have made it more exact).
  return rows.map((r) => ({
    personId: r.person_id,
    values: { 'Date of Contact': ukDate(new Date(r.received_at)), 'Contact Source': sourceValue(r.referral_source ?? cinSourceForContact(r.source)) },
  }));
}

/** List 2: early help assessments open at any time in the period (started by its end, not completed before it). */
export async function earlyHelpList(db: Db, asAt: string): Promise<ListRow[]> {
  const rows = await earlyHelpAssessmentRows(db, lookBack(2, asAt));
  return rows.map((r) => ({
    personId: r.person_id,
    values: {
      'Assessment start date': r.started_on,
      'Assessment completion date': r.registered_on && r.registered_on <= asAt ? r.registered_on : null,
      'Organisation completing assessment': r.agency,
    },
  }));
}

/** How many of these dates fall in the 12 months to `asAt`. */
const inLastYear = (dates: readonly (string | null)[], asAt: string) => {
  const from = addMonths(asAt, -COUNT_MONTHS);
  return dates.filter((d) => d !== null && d > from && d <= asAt).length;
};

/** List 3: referrals received in the period. */
export async function referralsList(db: Db, asAt: string): Promise<ListRow[]> {
  const period = lookBack(3, asAt);
  const countFrom = addMonths(asAt, -COUNT_MONTHS);
  const rows = await referralRows(db, countFrom < period.from ? countFrom : period.from, asAt);
  const byPerson = groupBy(rows, (r) => r.person_id);
  return rows
    .filter((r) => r.referral_date >= period.from)
    .map((r) => ({
      personId: r.person_id,
      values: {
        'Date of referral': r.referral_date,
        'Referral Source': sourceValue(r.referral_source),
        'Referral NFA?': yesNo(r.referral_nfa),
        'Number of Referrals in Last 12 Months': inLastYear((byPerson.get(r.person_id) ?? []).map((x) => x.referral_date), asAt),
      },
    }));
}

/** Outcomes that mean the child needed children's social care: a plan, a strategy discussion, or the plan goes on. */
const NEEDS_SUPPORT = new Set(['child_in_need_plan', 'strategy_discussion', 'continue_current_plan']);

/** List 4: assessments in progress at any time in the period or authorised in it. */
export async function assessmentsList(db: Db, asAt: string): Promise<ListRow[]> {
  const rows = await assessmentRows(db, lookBack(4, asAt));
  return rows.map((r) => {
    const authorised = r.authorised_date && r.authorised_date <= asAt ? r.authorised_date : null;
    return {
      personId: r.person_id,
      values: {
        'Continuous Assessment Start Date': r.start_date,
        'Child Seen During Continuous Assessment': r.child_seen_date && r.child_seen_date <= asAt ? YES : NO,
        'Continuous Assessment Date of Authorisation': authorised,
        // Only an authorised assessment has a decided outcome; one still in progress is left empty.
        "Was the child assessed as requiring LA children's social care support?": authorised && r.outcome ? (NEEDS_SUPPORT.has(r.outcome) ? YES : NO) : null,
      },
    };
  });
}

/** List 5: section 47 enquiries started in the period or still open in it, with their initial conference. */
export async function section47List(db: Db, asAt: string): Promise<ListRow[]> {
  const period: LookBack = lookBack(5, asAt);
  const countFrom = addMonths(asAt, -COUNT_MONTHS);
  const enquiries = await section47Rows(db, countFrom, period);
  const listed = enquiries.filter((e) => e.start_date >= period.from || e.completed_date === null || e.completed_date >= period.from);
  const conferences = await initialConferenceRows(
    db,
    listed.map((e) => e.person_id),
    asAt,
  );
  const conferenceOf = new Map(conferences.filter((c) => c.section_47_id).map((c) => [c.section_47_id!, c]));
  const enquiriesOf = groupBy(enquiries, (e) => e.person_id);
  const conferencesOf = groupBy(conferences, (c) => c.person_id);
  return listed.map((e) => {
    const icpc = conferenceOf.get(e.id);
    const completed = e.completed_date && e.completed_date <= asAt ? e.outcome : null;
    return {
      personId: e.person_id,
      values: {
        'Strategy discussion initiating Section 47 Enquiry Start Date': e.strategy_on ?? e.start_date,
        'Was an Initial Child Protection Conference deemed unnecessary?': completed ? (completed === 'conference' ? NO : YES) : null,
        'Date of Initial Child Protection Conference': icpc?.held_on ?? null,
        'Did the Initial Child Protection Conference Result in a Child Protection Plan': icpc?.held_on && icpc.decision ? yesNo(icpc.decision === 'plan') : null,
        'Number of Section 47 Enquiries in the last 12 months': inLastYear((enquiriesOf.get(e.person_id) ?? []).map((x) => x.start_date), asAt),
        'Number of ICPCs in the last 12 months': inLastYear((conferencesOf.get(e.person_id) ?? []).map((c) => c.held_on), asAt),
      },
    };
  });
}
