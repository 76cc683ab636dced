import { addCalendarDays, addMonths, addWorkingDays, FIRST_KNOWN_YEAR } from '../../platform/calendar/working-days.ts';
import type { Journey, SyntheticContext, Synthesise } from '../../synthetic/types.ts';
import { searchKey } from '../people/names.ts';
import { returnDueFrom } from './clocks.ts';
import type { AGE_BANDS, CATEGORIES } from './labels.ts';
import { CASE_SOURCE } from './repository.ts';
import { CHILD_CHRONOLOGY_SUMMARY } from './service.ts';

/**
 * Child deaths in the synthetic authority, calibrated to seed 001: 20 to 25 children a year died in Peterborough
 * (about 44,000 children), over 60% of them babies under a year old, and the panel reviewed 21 that year, often
 * months after the death. A child who dies is added to the person index for the purpose (so no journey of the
 * population is contradicted by a death): about 1 journey in 2,200 a year gives one, about 25 a year at
 * Peterborough scale (about 54,000 journeys). Categories follow the age at death; about a quarter of reviews find modifiable factors.
 */
const YEARLY_CHANCE = 25 / 54_000;
const YEARS_BACK = 3;
const EARLIEST = `${FIRST_KNOWN_YEAR + 1}-01-01`;
type Band = keyof typeof AGE_BANDS;
type Category = keyof typeof CATEGORIES;
const BANDS: Record<Band, number> = { under1: 62, '1to4': 14, '5to9': 7, '10to14': 7, '15to17': 10 };
const AGE_DAYS: Record<Band, [number, number]> = { under1: [0, 364], '1to4': [366, 4 * 365 + 300], '5to9': [5 * 365 + 2, 9 * 365 + 300], '10to14': [10 * 365 + 3, 14 * 365 + 300], '15to17': [15 * 365 + 4, 17 * 365 + 300] };
const CATEGORIES_BY_BAND: Record<Band, Partial<Record<Category, number>>> = {
  under1: { perinatal: 40, congenital: 30, sudden: 10, infection: 7, acute: 5, chronic: 3, trauma: 2, inflicted: 2, malignancy: 1 },
  '1to4': { congenital: 20, acute: 15, infection: 15, malignancy: 12, chronic: 12, trauma: 12, sudden: 6, inflicted: 5, perinatal: 3 },
  '5to9': { malignancy: 25, chronic: 20, acute: 15, trauma: 15, congenital: 10, infection: 8, inflicted: 3, suicide: 1 },
  '10to14': { malignancy: 22, chronic: 18, acute: 14, trauma: 16, congenital: 8, infection: 6, inflicted: 3, suicide: 8 },
  '15to17': { trauma: 30, suicide: 25, malignancy: 12, chronic: 10, acute: 10, inflicted: 5, infection: 4, congenital: 4 },
};
/** Deaths from these causes are mostly expected; the rest mostly not. */
const USUALLY_EXPECTED = new Set<Category>(['perinatal', 'congenital', 'malignancy', 'chronic']);
/** Modifiable factors are found far more often where the cause lies outside the child. */
const MODIFIABLE_CHANCE = (c: Category) => (['inflicted', 'suicide', 'trauma', 'sudden'].includes(c) ? 0.6 : 0.12);
const ASKED = ['gp', 'community_health', 'hospital', 'police', 'education', 'social_care'] as const;
const GIVEN = ['Ailsa', 'Bram', 'Cosima', 'Dorian', 'Esmé', 'Fintan', 'Greer', 'Hallam', 'Isla', 'Jory', 'Kestrel', 'Linnea'];
const FAMILY = ['Ashbury', 'Brightwater', 'Colebrook', 'Dunmore', 'Ellerby', 'Foxhollow', 'Gwynn', 'Hartley-Vane'];

export const synthesise: Synthesise = (_journey: Journey, ctx: SyntheticContext) => {
  for (let year = 0; year < YEARS_BACK; year++) {
    if (!ctx.rng.chance(YEARLY_CHANCE)) continue;
    const diedOn = addCalendarDays(addMonths(ctx.end, -12 * (year + 1)), ctx.rng.int(1, 364));
    if (diedOn > ctx.end || diedOn < EARLIEST) continue;
    synthesiseDeath(ctx, diedOn);
  }
};

/** One child's death, from notification through the agencies' replies to the panel's review (or the end of the data). */
export function synthesiseDeath(ctx: SyntheticContext, diedOn: string): void {
  const rng = ctx.rng;
  const { agencyId, userId } = ctx.org.functions.cdop;
  const stamp = (on: string) => ctx.stamp(on, userId);
  const band = rng.weighted(BANDS);
  const [youngest, oldest] = AGE_DAYS[band];
  const childId = ctx.id(diedOn);
  const [given, family] = [rng.pick(GIVEN), rng.pick(FAMILY)];
  ctx.add('people', {
    id: childId, person_type: 'child', given_name: given, family_name: family, date_of_birth: addCalendarDays(diedOn, -rng.int(youngest, oldest)), date_of_death: diedOn, expected_date_of_delivery: null, sex: rng.chance(0.55) ? 'M' : 'F', ethnicity: null,
    nhs_number: null, upn: null, language: null, disabilities: ['NONE'], allocated_team_id: null, search_name: searchKey(given, family), ...stamp(diedOn),
  });
  const category = rng.weighted(CATEGORIES_BY_BAND[band] as Record<Category, number>);
  const expected = USUALLY_EXPECTED.has(category) ? rng.chance(0.85) : rng.chance(0.1);
  const notifiedOn = addWorkingDays(diedOn, rng.int(0, 2));
  if (notifiedOn > ctx.end) return;
  const place = expected ? (rng.chance(0.8) ? 'hospital' : 'home') : rng.weighted({ home: 45, hospital: 30, public_place: 20, other: 5 });
  // The panel meets once the replies are in: typically six to nine months after the death.
  const reviewedOn = addCalendarDays(diedOn, Math.max(60, Math.round(rng.logNormal(220, 0.35))));
  const reviewed = reviewedOn <= ctx.end;
  const modifiable = !reviewed ? null : rng.chance(MODIFIABLE_CHANCE(category)) ? 'yes' : rng.chance(0.06) ? 'insufficient' : 'no';
  const domains = modifiable === 'yes' ? [rng.pick(['family', 'parenting', 'services', 'child'] as const)] : [];
  const id = ctx.id(notifiedOn);
  ctx.add('cdop_cases', {
    id, child_id: childId, died_on: diedOn, time_of_death: null, place, place_detail: place === 'other' ? 'Another place' : null, expectation: expected ? 'expected' : 'unexpected',
    rapid_response: expected ? null : rng.chance(0.9) ? 'held' : 'not_held', rapid_response_on: null, notified_on: notifiedOn, notifying_agency: expected ? 'hospital' : rng.pick(['police', 'ambulance', 'hospital'] as const),
    notifier_name: 'Designated doctor for child deaths', circumstances: 'Circumstances as notified; details held by the panel.',
    reviewed_on: reviewed ? reviewedOn : null, category: reviewed ? category : null, modifiable, factor_domains: domains, modifiable_factors: modifiable === 'yes' ? 'Factors identified by the panel.' : null,
    learning: reviewed ? 'Learning agreed by the panel.' : null, ncmd_notified: reviewed ? rng.chance(0.95) : null, reviewed_by: reviewed ? userId : null, ...stamp(notifiedOn), version: reviewed ? 2 : 1,
  });
  const chosen = ASKED.filter(() => rng.chance(0.5));
  const asked = chosen.length >= 2 ? chosen : (['gp', 'hospital'] as const);
  for (const agency of asked) {
    const requestedOn = addWorkingDays(notifiedOn, rng.int(1, 3));
    if (requestedOn > ctx.end) continue;
    const replied = addWorkingDays(requestedOn, Math.round(rng.logNormal(15, 0.4)));
    const returnedOn = reviewed ? (replied < reviewedOn ? replied : reviewedOn) : replied <= ctx.end ? replied : null;
    const notHeld = returnedOn !== null && rng.chance(0.15);
    ctx.add('cdop_requests', {
      id: ctx.id(requestedOn), case_id: id, agency, contact: null, requested_on: requestedOn, due_on: returnDueFrom(requestedOn), returned_on: returnedOn, not_held: notHeld,
      summary: returnedOn && !notHeld ? 'Involvement with the child and family summarised for the panel.' : null, ...stamp(requestedOn), version: returnedOn ? 2 : 1,
    });
  }
  ctx.add('involvements', {
    id: ctx.id(notifiedOn), person_id: childId, agency_id: agencyId, basis: 'cdop', detail: 'Child death review', start_date: notifiedOn, end_date: reviewed ? reviewedOn : null,
    source_type: CASE_SOURCE, source_id: id, ...stamp(notifiedOn),
  });
  ctx.chronology({ personId: childId, at: notifiedOn, type: 'cdop.notified', summary: CHILD_CHRONOLOGY_SUMMARY, agencyId, by: userId, recordType: CASE_SOURCE, recordId: id });
}
