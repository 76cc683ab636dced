import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { birthdayWindows, OC3_AGES, OC3_ELIGIBILITY } from '../../care-leavers/oc3.ts';
import { ageAt } from '../../children-in-care/rules-903.ts';
import { ukWallClock } from '../../../platform/calendar/uk-time.ts';
import { addCalendarDays, addMonths } from '../../../platform/calendar/working-days.ts';
import type { CollectionPeriod } from '../engine.ts';
import type { ReturnsSettings } from '../settings.ts';
import { emptyReturn, type Ssda903Return, ukDate } from './tables.ts';

/**
 * Builds a year's SSDA903 from Cairn's records, in a handful of set-based reads for the whole authority (not a
 * read per child), then assembled in memory:
 *  - Episodes: every 903 episode open at any time in the year (children-in-care keeps them as the 903 counts
 *    them). An episode that ends after 31 March is returned open: what happens next year is next year's return.
 *  - Header: every child in any table; MOTHER (girls) and MC_DOB come from the person index's relationships.
 *  - Reviews held in the year; UASC for children who have ever been unaccompanied asylum seekers; OC2 for
 *    children looked after continuously for 12 months at 31 March (not only on short breaks), from the health and
 *    SDQ checks recorded in the year and substance misuse found by an assessment; OC3 from the care leavers'
 *    keeping-in-touch contact nearest each 17th to 21st birthday in the year; Missing from missing and away
 *    episodes while in care.
 *  - PrevPerm: for children who started to be looked after in the year, a permanence order Cairn itself knows
 *    of (an earlier period of care here that ended in adoption, a special guardianship or child arrangements
 *    order), otherwise Z1.
 *  - AD1 and PlacedAdoption: Cairn keeps no adoption records, so they are returned with their header row only.
 */
export interface BuildOptions {
  personIds?: string[];
  onProgress?: (done: number, total: number) => void;
}

const PERMANENCE: Record<string, string> = { E11: 'P1', E12: 'P1', E45: 'P2', E46: 'P2', E47: 'P2', E48: 'P2', E41: 'P3' };
const SUBSTANCE_FACTORS = new Set(['1A', '2A']);

export async function build903Return(db: Kysely<Database>, period: CollectionPeriod, settings: ReturnsSettings, options: BuildOptions = {}): Promise<Ssda903Return> {
  const { start, end } = period;
  const only = options.personIds;
  const steps = 7;
  let done = 0;
  const step = () => options.onProgress?.(++done, steps);
  const ret = emptyReturn();
  if (only && only.length === 0) return ret;

  // The children looked after at any time in the year, with every episode and period they have ever had: the
  // year's rows need the period's start (OC2, PrevPerm) and earlier periods (UASC, previous permanence).
  const inYear = db
    .selectFrom('care_episodes')
    .select('care_episodes.person_id')
    .where('care_episodes.start_date', '<=', end)
    .where((eb) => eb.or([eb('care_episodes.end_date', 'is', null), eb('care_episodes.end_date', '>=', start)]))
    .$if(Boolean(only), (q) => q.where('care_episodes.person_id', 'in', only!));
  const episodes = await db
    .selectFrom('care_episodes')
    .innerJoin('care_periods', 'care_periods.id', 'care_episodes.period_id')
    .select([
      'care_episodes.person_id',
      'care_episodes.period_id',
      'care_episodes.start_date',
      'care_episodes.end_date',
      'care_episodes.reason_new_episode',
      'care_episodes.legal_status',
      'care_episodes.placement_type',
      'care_episodes.placement_provider',
      'care_episodes.reason_ceased',
      'care_episodes.reason_place_change',
      'care_episodes.home_postcode',
      'care_episodes.placement_postcode',
      'care_episodes.urn',
      'care_periods.category_of_need',
      'care_periods.start_date as period_start',
      'care_periods.end_date as period_end',
      'care_periods.uasc',
      'care_periods.uasc_ceased',
    ])
    .where('care_episodes.person_id', 'in', inYear)
    .where('care_episodes.start_date', '<=', end)
    .orderBy('care_episodes.person_id')
    .orderBy('care_episodes.start_date')
    .orderBy('care_episodes.created_at')
    .execute();
  step();

  const careLeavers = await db
    .selectFrom('care_leavers')
    .innerJoin('people', 'people.id', 'care_leavers.person_id')
    .select(['care_leavers.id', 'care_leavers.person_id', 'care_leavers.eligibility', 'care_leavers.opened_on', 'care_leavers.closed_on', 'people.date_of_birth'])
    .where('care_leavers.eligibility', 'in', [...OC3_ELIGIBILITY])
    .where('care_leavers.opened_on', '<=', end)
    .where((eb) => eb.or([eb('care_leavers.closed_on', 'is', null), eb('care_leavers.closed_on', '>=', addMonths(start, -3))]))
    .where('people.date_of_birth', 'is not', null)
    .$if(Boolean(only), (q) => q.where('care_leavers.person_id', 'in', only!))
    .execute();
  const contacts = careLeavers.length
    ? await db
        .selectFrom('care_leaver_contacts')
        .select(['care_leaver_id', 'contact_date', 'in_touch', 'accommodation', 'activity'])
        .where(
          'care_leaver_id',
          'in',
          careLeavers.map((c) => c.id),
        )
        .orderBy('contact_date')
        .execute()
    : [];
  step();

  // OC3: the birthdays 17 to 21 that fall in the year, with the contact nearest each.
  const oc3ByPerson = new Map<string, { in_touch: string; activity: string | null; accommodation: string | null } | null>();
  const contactsOf = groupBy(contacts, (c) => c.care_leaver_id);
  for (const leaver of careLeavers) {
    const windows = birthdayWindows(
      { dateOfBirth: leaver.date_of_birth, eligibility: leaver.eligibility, openedOn: leaver.opened_on, closedOn: leaver.closed_on },
      contactsOf.get(leaver.id) ?? [],
      end,
    ).filter((w) => OC3_AGES.includes(w.age as never) && w.birthday >= start && w.birthday <= end);
    for (const w of windows) if (!oc3ByPerson.has(leaver.person_id) || w.contact) oc3ByPerson.set(leaver.person_id, w.contact);
  }

  const looked = [...new Set(episodes.map((e) => e.person_id))];
  const everyone = [...new Set([...looked, ...oc3ByPerson.keys()])];
  if (!everyone.length) return ret;
  const people = await db
    .selectFrom('people')
    .select(['id', 'return_id', 'sex', 'date_of_birth', 'ethnicity', 'upn'])
    .where('id', 'in', everyone)
    .execute();
  step();

  // Mothers: a girl recorded as the parent of a child (either way round the relationship is written).
  const girls = people.filter((p) => p.sex === 'F').map((p) => p.id);
  const children = girls.length
    ? await db
        .selectFrom('relationships')
        .innerJoin('people as child', (j) =>
          j.on((eb) => eb.or([eb.and([eb('relationships.kind', '=', 'parent'), eb('child.id', '=', eb.ref('relationships.related_person_id'))]), eb.and([eb('relationships.kind', '=', 'child'), eb('child.id', '=', eb.ref('relationships.person_id'))])])),
        )
        .select(['relationships.person_id', 'relationships.related_person_id', 'relationships.kind', 'child.date_of_birth'])
        .where((eb) => eb.or([eb.and([eb('relationships.kind', '=', 'parent'), eb('relationships.person_id', 'in', girls)]), eb.and([eb('relationships.kind', '=', 'child'), eb('relationships.related_person_id', 'in', girls)])]))
        .execute()
    : [];
  const firstChild = new Map<string, string | null>();
  for (const r of children) {
    const mother = r.kind === 'parent' ? r.person_id : r.related_person_id;
    const dob = r.date_of_birth;
    const known = firstChild.get(mother);
    if (!firstChild.has(mother) || (dob && (!known || dob < known))) firstChild.set(mother, dob ?? known ?? null);
  }
  step();

  const reviews = looked.length
    ? await db
        .selectFrom('care_reviews')
        .select(['person_id', 'held_on', 'participation'])
        .where('person_id', 'in', looked)
        .where('held_on', '>=', start)
        .where('held_on', '<=', end)
        .orderBy('held_on')
        .execute()
    : [];
  const checks = looked.length
    ? await db.selectFrom('care_checks').select(['person_id', 'kind', 'done_on', 'score']).where('person_id', 'in', looked).where('done_on', '>=', start).where('done_on', '<=', end).orderBy('done_on').execute()
    : [];
  step();

  const assessments = looked.length
    ? await db
        .selectFrom('assessments')
        .select(['person_id', 'factors'])
        .where('person_id', 'in', looked)
        .where('authorised_date', '>=', addMonths(start, -12))
        .where('authorised_date', '<=', end)
        .execute()
    : [];
  const missing = looked.length
    ? await db
        .selectFrom('missing_episodes')
        .select(['person_id', 'kind', 'started_at', 'returned_at'])
        .where('person_id', 'in', looked)
        .where('in_care', '=', true)
        .where('started_at', '<=', new Date(`${end}T23:59:59Z`))
        .where((eb) => eb.or([eb('returned_at', 'is', null), eb('returned_at', '>=', new Date(`${start}T00:00:00Z`))]))
        .orderBy('started_at')
        .execute()
    : [];
  step();

  const person = new Map(people.map((p) => [p.id, p]));
  const child = (id: string) => person.get(id)!.return_id;
  const dob = (id: string) => ukDate(person.get(id)!.date_of_birth);
  const byPerson = groupBy(episodes, (e) => e.person_id);

  for (const id of everyone) {
    const p = person.get(id)!;
    const mother = p.sex === 'F' ? (firstChild.has(id) ? '1' : '0') : '';
    ret.Header.push({
      CHILD: p.return_id,
      SEX: p.sex ?? '',
      DOB: ukDate(p.date_of_birth),
      ETHNIC: p.ethnicity ?? '',
      UPN: p.upn ?? upnUnknown(p.date_of_birth, byPerson.get(id) ?? [], end),
      MOTHER: mother,
      MC_DOB: mother === '1' ? ukDate(firstChild.get(id)) : '',
    });
  }

  for (const [id, all] of byPerson) {
    const year = all.filter((e) => e.end_date === null || e.end_date >= start);
    for (const e of year) {
      const ended = e.end_date !== null && e.end_date <= end;
      ret.Episodes.push({
        CHILD: child(id),
        DECOM: ukDate(e.start_date),
        RNE: e.reason_new_episode,
        LS: e.legal_status,
        CIN: e.category_of_need,
        PLACE: e.placement_type,
        PLACE_PROVIDER: e.placement_provider ?? '',
        DEC: ended ? ukDate(e.end_date) : '',
        REC: ended ? (e.reason_ceased ?? '') : '',
        REASON_PLACE_CHANGE: ended ? (e.reason_place_change ?? '') : '',
        HOME_POST: postcodeDistrict(e.home_postcode),
        PL_POST: postcodeDistrict(e.placement_postcode),
        URN: e.urn ?? '',
      });
    }
    const uasc = all.filter((e) => e.uasc);
    if (uasc.length) {
      const ceased = uasc.map((e) => e.uasc_ceased).filter(Boolean).sort().at(-1) ?? null;
      ret.UASC.push({ CHILD: child(id), SEX: person.get(id)!.sex ?? '', DOB: dob(id), DUC: ukDate(ceased) });
    }
    const firstThisYear = year[0];
    if (firstThisYear && firstThisYear.reason_new_episode === 'S' && firstThisYear.start_date >= start) {
      const earlier = all.filter((e) => e.period_end !== null && e.end_date === e.period_end && e.period_end < firstThisYear.start_date && e.reason_ceased && PERMANENCE[e.reason_ceased]);
      const last = earlier.at(-1);
      ret.PrevPerm.push({
        CHILD: child(id),
        DOB: dob(id),
        PREV_PERM: last ? PERMANENCE[last.reason_ceased!]! : 'Z1',
        LA_PERM: last ? settings.laCode : '',
        DATE_PERM: last ? ukDate(last.end_date) : '',
      });
    }
  }

  // OC2: looked after continuously for the 12 months to 31 March, not only on short breaks.
  const checksOf = groupBy(checks, (c) => c.person_id);
  const misuse = new Set(assessments.filter((a) => a.factors.some((f) => SUBSTANCE_FACTORS.has(f))).map((a) => a.person_id));
  const yearBefore = addMonths(end, -12);
  for (const [id, all] of byPerson) {
    const open = all.at(-1)!;
    if (open.end_date !== null && open.end_date <= end) continue;
    if (open.period_start > yearBefore) continue;
    if (all.filter((e) => e.period_id === open.period_id).every((e) => e.legal_status === 'V3' || e.legal_status === 'V4')) continue;
    const birth = person.get(id)!.date_of_birth;
    const age = birth ? ageAt(birth, end) : null;
    const done = (kinds: string[]) => ((checksOf.get(id) ?? []).some((c) => kinds.includes(c.kind)) ? '1' : '0');
    const sdq = (checksOf.get(id) ?? []).filter((c) => c.kind === 'sdq' && c.score !== null).at(-1);
    const sdqAge = age !== null && age >= 4 && age <= 16;
    ret.OC2.push({
      CHILD: child(id),
      DOB: dob(id),
      SDQ_SCORE: sdqAge && sdq ? String(sdq.score) : '',
      SDQ_REASON: sdqAge ? '' : 'SDQ1',
      CONVICTED: '',
      HEALTH_CHECK: age !== null && age < 5 ? done(['review_health', 'initial_health']) : '',
      IMMUNISATIONS: done(['immunisations']),
      TEETH_CHECK: done(['dental']),
      HEALTH_ASSESSMENT: done(['review_health', 'initial_health']),
      SUBSTANCE_MISUSE: misuse.has(id) ? '1' : '0',
      INTERVENTION_RECEIVED: '',
      INTERVENTION_OFFERED: '',
    });
  }

  for (const r of reviews) ret.Reviews.push({ CHILD: child(r.person_id), DOB: dob(r.person_id), REVIEW: ukDate(r.held_on), REVIEW_CODE: r.participation ?? '' });

  for (const [id, contact] of oc3ByPerson) {
    ret.OC3.push({ CHILD: child(id), DOB: dob(id), IN_TOUCH: contact?.in_touch ?? '', ACTIV: contact?.activity ?? '', ACCOM: contact?.accommodation ?? '' });
  }

  for (const m of missing) {
    const returned = m.returned_at ? ukWallClock(m.returned_at).date : null;
    ret.Missing.push({
      CHILD: child(m.person_id),
      DOB: dob(m.person_id),
      MISSING: m.kind === 'missing' ? 'M' : 'A',
      MIS_START: ukDate(ukWallClock(m.started_at).date),
      MIS_END: returned && returned <= end ? ukDate(returned) : '',
    });
  }
  step();
  return ret;
}

/** The 903 wants the full postcode of home and placement (the DfE works out distance from them). */
function postcodeDistrict(postcode: string | null): string {
  return (postcode ?? '').trim().toUpperCase();
}

/**
 * A child with no UPN: the reason the DfE allows (rules 168, 209, 210). Under 5 on 31 March: not of school age
 * (UN1). Newly looked after (a week or less at 31 March): not yet known (UN4). Otherwise there is no reason Cairn
 * can give, so it is left blank for the 903's rules to report.
 */
function upnUnknown(dateOfBirth: string | null, episodes: readonly { period_start: string; end_date: string | null }[], end: string): string {
  if (dateOfBirth && ageAt(dateOfBirth, end) < 5) return 'UN1';
  const open = episodes.at(-1);
  if (open && (open.end_date === null || open.end_date > end) && open.period_start > addCalendarDays(end, -7)) return 'UN4';
  return '';
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
