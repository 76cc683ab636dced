import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { addMonths, ukDate } from '../../../platform/calendar/working-days.ts';
import { isTemporaryPlacement } from '../../../platform/codes/ssda903.ts';
import { placementsOf, stabilityEpisodeOf, stabilityOf } from '../../children-in-care/stability.ts';
import { type ListRow, groupBy, latest, overlaps, yesNo } from './child.ts';
import { accommodationValue, activityValue, ceasedValue, legalStatusValue, needValue, placementTypeValue, providerValue } from './codes.ts';
import { COUNT_MONTHS, ELIGIBILITY, IN_TOUCH, SUITABILITY, UNKNOWN, lookBack } from './lists.ts';
import {
  allCarePeriodRows,
  careCheckRows,
  careEpisodeRows,
  careLeaverRows,
  carePeriodRows,
  careReviewRows,
  leaverContactRows,
  missingRows,
  pathwayPlanRows,
  visitRows,
} from './repository.ts';

/** Lists 8, 9 and 10: children in care, care leavers and children on the way to adoption. */
type Db = Kysely<Database>;
type Episode = Awaited<ReturnType<typeof careEpisodeRows>>[number];

/** Episodes as they stood on `asAt`: later ones left out, an end after that day not yet known. */
const asTheyStood = (episodes: readonly Episode[], asAt: string) =>
  episodes.filter((e) => e.start_date <= asAt).map((e) => (e.end_date && e.end_date > asAt ? { ...e, end_date: null, reason_ceased: null } : e));

/** When the legal status the child last had in these episodes began (a run of the same status is one). */
export function legalStatusSince(episodes: readonly Episode[]): string | null {
  const last = episodes.at(-1);
  if (!last) return null;
  let since = last.start_date;
  for (let i = episodes.length - 2; i >= 0 && episodes[i]!.legal_status === last.legal_status; i--) since = episodes[i]!.start_date;
  return since;
}

const HEALTH = new Set(['initial_health', 'review_health']);
/**
 * Review participation codes for a child who attended their review (903 PN1–PN4): the IRO chairs it, so it is the
 * IRO's contact with the child that Cairn records. Cairn keeps no record of IRO visits between reviews.
 */
const ATTENDED = new Set(['PN1', 'PN2', 'PN3', 'PN4']);

/** List 8: periods of care open at any time in the period, each as it stood on the list's date. */
export async function childrenInCareList(db: Db, asAt: string): Promise<ListRow[]> {
  const periods = await carePeriodRows(db, lookBack(8, asAt));
  const personIds = periods.map((p) => p.person_id);
  const [allPeriods, episodes, reviews, visits, checks, missing] = await Promise.all([
    allCarePeriodRows(db, personIds),
    careEpisodeRows(db, personIds, asAt),
    careReviewRows(
      db,
      periods.map((p) => p.id),
      asAt,
    ),
    visitRows(db, personIds, 'looked_after', asAt),
    careCheckRows(db, personIds, asAt),
    missingRows(db, personIds, asAt),
  ]);
  const periodsOf = groupBy(allPeriods, (p) => p.person_id);
  const episodesOf = groupBy(asTheyStood(episodes, asAt), (e) => e.person_id);
  const reviewsOf = groupBy(reviews, (r) => r.period_id);
  const visitsOf = groupBy(visits, (v) => v.person_id);
  const checksOf = groupBy(checks, (c) => c.person_id);
  const missingOf = groupBy(missing, (m) => m.person_id);
  const yearAgo = addMonths(asAt, -COUNT_MONTHS);

  return periods.map((p) => {
    const end = p.end_date && p.end_date <= asAt ? p.end_date : null;
    const mine = episodesOf.get(p.person_id) ?? [];
    const inPeriod = mine.filter((e) => e.period_id === p.id);
    const last = inPeriod.at(-1);
    const placement = placementsOf(inPeriod.map(stabilityEpisodeOf)).at(-1);
    // The placement's details come from its own latest episode: a temporary move (T0–T4) is not a placement, as the
    // DfE's stability measure counts them, so a child briefly in hospital is still shown in their placement.
    const placed = inPeriod.filter((e) => !isTemporaryPlacement(e.placement_type)).at(-1) ?? last;
    const others = (periodsOf.get(p.person_id) ?? []).filter((o) => o.id !== p.id && o.start_date < p.start_date);
    const inCare = (day: string) => (periodsOf.get(p.person_id) ?? []).some((o) => overlaps(o.start_date, o.end_date, day, day));
    // Missing and absent episodes that began in the last 12 months while the child was looked after.
    const episodesAway = (missingOf.get(p.person_id) ?? []).map((m) => ({ ...m, day: ukDate(new Date(m.started_at)) })).filter((m) => m.day > yearAgo && inCare(m.day));
    const lastMissing = episodesAway.filter((m) => m.kind === 'missing' && m.returned_at && ukDate(new Date(m.returned_at)) <= asAt).at(-1);
    const offered = lastMissing ? Boolean(lastMissing.interview_offered_at && ukDate(new Date(lastMissing.interview_offered_at)) <= asAt) : null;
    const checksMine = checksOf.get(p.person_id) ?? [];
    return {
      personId: p.person_id,
      values: {
        'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)': yesNo(p.uasc && (p.uasc_ceased === null || p.uasc_ceased > yearAgo)),
        'Date Started to be Looked After': p.start_date,
        "Child's Category of Need": needValue(p.category_of_need),
        'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)': yesNo(others.some((o) => o.end_date !== null && o.end_date > yearAgo)),
        'Start date of current legal status': legalStatusSince(inPeriod),
        "Child's Legal Status": legalStatusValue(last?.legal_status),
        'Date of Latest Statutory Review': latest((reviewsOf.get(p.id) ?? []).map((r) => r.held_on)),
        'Date of Last IRO Visit / Contact to the Child': latest((reviewsOf.get(p.id) ?? []).filter((r) => r.participation && ATTENDED.has(r.participation)).map((r) => r.held_on)),
        'Date of Last Social Work Visit': latest((visitsOf.get(p.person_id) ?? []).filter((v) => v.visit_date >= p.start_date).map((v) => v.visit_date)),
        'Date of Last Health Assessment': latest(checksMine.filter((c) => HEALTH.has(c.kind)).map((c) => c.done_on)),
        'Date of Last Dental Check': latest(checksMine.filter((c) => c.kind === 'dental').map((c) => c.done_on)),
        'Number of Placements in the Last 12 months': stabilityOf(mine.map(stabilityEpisodeOf), { periodStart: null, dateOfBirth: null, today: asAt }).placementsInYear,
        'Date Ceased to be Looked After': end,
        'Reason Ceased to be Looked After': end ? ceasedValue(last?.reason_ceased) : null,
        'Start Date of Most Recent Placement': placement?.startDate ?? null,
        'Placement Type': placementTypeValue(placed?.placement_type),
        'Placement Provider': providerValue(placed?.placement_provider),
        'Placement postcode': placed?.placement_postcode ?? null,
        'URN of Placement': placed?.urn ?? null,
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": episodesAway.filter((m) => m.kind === 'missing').length,
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": episodesAway.filter((m) => m.kind === 'absent').length,
        'Was the child offered a Return Interview after their last missing episode (Y/N)?': yesNo(offered),
        'Did the child accept a Return Interview after their last missing episode (Y/N)?': offered ? (lastMissing!.interview_accepted === null ? UNKNOWN : yesNo(lastMissing!.interview_accepted)) : null,
      },
    };
  });
}

/** List 9: care leavers open to the authority at any time in the period, with their latest plan and contact. */
export async function careLeaversList(db: Db, asAt: string): Promise<ListRow[]> {
  const leavers = await careLeaverRows(db, lookBack(9, asAt));
  const ids = leavers.map((l) => l.id);
  const [plans, contacts, periods] = await Promise.all([
    pathwayPlanRows(db, ids, asAt),
    leaverContactRows(db, ids, asAt),
    allCarePeriodRows(
      db,
      leavers.map((l) => l.person_id),
    ),
  ]);
  const plansOf = groupBy(plans, (p) => p.care_leaver_id);
  const contactsOf = groupBy(contacts, (c) => c.care_leaver_id);
  const uasc = new Set(periods.filter((p) => p.uasc && p.start_date <= asAt).map((p) => p.person_id));
  return leavers.map((l) => {
    const contact = (contactsOf.get(l.id) ?? []).at(-1);
    const accommodation = contact?.accommodation ?? null;
    const suitable = accommodation?.[1] ?? null;
    return {
      personId: l.person_id,
      values: {
        'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)': yesNo(uasc.has(l.person_id)),
        'Allocated Personal Advisor': l.adviser,
        'Eligibility Category': ELIGIBILITY[l.eligibility],
        'Latest Pathway Plan Review Date': latest((plansOf.get(l.id) ?? []).map((p) => p.plan_date)),
        'LA in Touch': contact ? (IN_TOUCH[contact.in_touch as keyof typeof IN_TOUCH] ?? null) : null,
        'Latest Date of Contact': contact?.contact_date ?? null,
        'Type of Accommodation': accommodationValue(accommodation?.[0]),
        'Suitability of Accommodation': suitable === '1' ? SUITABILITY[0] : suitable === '2' ? SUITABILITY[1] : null,
        'Activity Status': activityValue(contact?.activity),
      },
    };
  });
}

const PLACED_FOR_ADOPTION = new Set(['A3', 'A4', 'A5', 'A6']);
/** Foster placements with carers who are also approved adopters: fostering for adoption (903 U2, U5). */
const FOSTERING_FOR_ADOPTION = new Set(['U2', 'U5']);
const ADOPTED = new Set(['E11', 'E12']);

/**
 * List 10: children whose period of care, open at any time in the 12 months, shows an adoption plan in its 903
 * episodes: a placement order (E1), a placement for adoption (A3–A6), fostering for adoption (U2, U5) or an adoption
 * order (left care E11/E12). Cairn records no agency decision, match or reversal, so those columns stay empty.
 */
export async function adoptionList(db: Db, asAt: string): Promise<ListRow[]> {
  const periods = await carePeriodRows(db, lookBack(10, asAt));
  const episodes = asTheyStood(
    await careEpisodeRows(
      db,
      periods.map((p) => p.person_id),
      asAt,
    ),
    asAt,
  );
  const episodesOf = groupBy(episodes, (e) => e.period_id);
  const first = (list: readonly Episode[], test: (e: Episode) => boolean) => list.find(test)?.start_date ?? null;
  const rows: ListRow[] = [];
  for (const p of periods) {
    const mine = episodesOf.get(p.id) ?? [];
    const placementOrder = first(mine, (e) => e.legal_status === 'E1');
    const placed = first(mine, (e) => PLACED_FOR_ADOPTION.has(e.placement_type));
    const fostering = first(mine, (e) => FOSTERING_FOR_ADOPTION.has(e.placement_type));
    const adopted = mine.find((e) => e.reason_ceased && ADOPTED.has(e.reason_ceased))?.end_date ?? null;
    if (!placementOrder && !placed && !fostering && !adopted) continue;
    rows.push({
      personId: p.person_id,
      values: {
        'Date the Child Entered Care': p.start_date,
        'Date of Placement Order': placementOrder,
        'Date Placed for Adoption': placed,
        'Date of Adoption Order': adopted,
        'Date the child was placed for fostering in FFA or concurrent planning placement': fostering,
      },
    });
  }
  return rows;
}
