import { isTemporaryPlacement, placementNeedsProvider } from '../../platform/codes/ssda903.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';

/**
 * The SSDA903 rules a social worker can break while recording, checked as the record is made so the return is
 * right by construction. Pure: each check takes what was entered and answers the problems, in our own words,
 * with the 903 rule number in a comment. Fields are the form's names, so a problem lands on the right box.
 */
export interface Problem {
  field: string;
  message: string;
}

/** Whole years from a date of birth to a date (both 'YYYY-MM-DD'). */
export function ageAt(dateOfBirth: string, date: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The day a child reaches an age (29 February birthdays fall on 28 February in other years, as addMonths does). */
export const birthday = (dateOfBirth: string, age: number) => addMonths(dateOfBirth, age * 12);

/** Placement details as an episode records them. */
export interface PlacementDetails {
  legalStatus: string;
  placementType: string;
  placementProvider: string | null;
  carerName: string | null;
  urn: string | null;
  placementPostcode: string | null;
}

/** Ofsted URN: registered settings and agencies have one; XXXXXXX for settings Ofsted does not inspect. */
export const URN_PATTERN = /^(?:[A-Z]{0,2}\d{6,7}|XXXXXXX)$/;
export const POSTCODE_PATTERN = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

/** Placement types Ofsted does not register, so they carry no URN (rule 222). */
export const needsUrn = (placementType: string) =>
  !['P1', 'P3', 'R1', 'R2', 'R5'].includes(placementType) && !isTemporaryPlacement(placementType) && !placementType.startsWith('Z');

/** The youngest age for each placement type or legal status that has one (rules 358, 371-374). */
export const MINIMUM_AGE: Record<string, { age: number; rule: string }> = {
  J1: { age: 10, rule: '358' },
  J2: { age: 10, rule: '358' },
  J3: { age: 10, rule: '358' },
  K3: { age: 16, rule: '371' },
  R5: { age: 10, rule: '372' },
  S1: { age: 4, rule: '373' },
  P3: { age: 14, rule: '374' },
};

/** Provider and placement pairs the 903 does not allow (rules 527-531, 550). */
function providerProblem(placementType: string, provider: string): string | null {
  if (provider === 'PR0' && placementType !== 'P1') return 'Parents or others with parental responsibility can only be the provider when the child is placed with them';
  if ((provider === 'PR1' || provider === 'PR2') && ['P1', 'R2', 'R5'].includes(placementType)) return 'A local authority cannot be the provider of this placement type';
  if (provider === 'PR3' && (['P1', 'K1', 'K2'].includes(placementType) || /^[AU]/.test(placementType))) return 'Other public provision cannot be the provider of this placement type';
  return null;
}

/** Everything about one episode's legal status and placement that the 903 checks, for a child of this age. */
export function placementProblems(details: PlacementDetails, context: { dateOfBirth: string | null; date: string }): Problem[] {
  const problems: Problem[] = [];
  const { placementType: type, placementProvider: provider, legalStatus } = details;
  if (placementNeedsProvider(type)) {
    if (!provider) problems.push({ field: 'placementProvider', message: 'Select who provides the placement' });
    else {
      const wrong = providerProblem(type, provider);
      if (wrong) problems.push({ field: 'placementProvider', message: wrong });
    }
  } else if (provider) {
    problems.push({ field: 'placementProvider', message: 'Leave the provider blank for a temporary or other placement' });
  }
  if (needsUrn(type)) {
    if (!details.urn) problems.push({ field: 'urn', message: 'Enter the Ofsted URN of the setting or agency, or XXXXXXX if Ofsted does not inspect it' });
    else if (!URN_PATTERN.test(details.urn)) problems.push({ field: 'urn', message: 'Enter the Ofsted URN as it appears on the Ofsted report, like SC123456 or 1234567' });
  } else if (details.urn) {
    problems.push({ field: 'urn', message: 'Leave the Ofsted URN blank: Ofsted does not register this placement type' });
  }
  if (!isTemporaryPlacement(type) && !type.startsWith('Z') && !details.placementPostcode) {
    problems.push({ field: 'placementPostcode', message: 'Enter the postcode of the placement' });
  }
  if (details.placementPostcode && !POSTCODE_PATTERN.test(details.placementPostcode)) problems.push({ field: 'placementPostcode', message: 'Enter a real postcode, like AB1 2CD' });
  if (type === 'P1' && legalStatus === 'V2') problems.push({ field: 'placementType', message: 'A child accommodated under section 20 cannot be placed with their parents' }); // 378
  if ((legalStatus === 'V3' || legalStatus === 'V4') && (isTemporaryPlacement(type) || type === 'U1' || type === 'U4')) {
    problems.push({ field: 'placementType', message: 'A child on short breaks cannot be in a temporary or long-term foster placement' }); // 382, 384
  }
  if (context.dateOfBirth) {
    const age = ageAt(context.dateOfBirth, context.date);
    for (const [field, code] of [['legalStatus', legalStatus], ['placementType', type]] as const) {
      const min = MINIMUM_AGE[code];
      if (min && age < min.age) problems.push({ field, message: `This ${field === 'legalStatus' ? 'legal status' : 'placement type'} is only for children aged ${min.age} or over; the child is ${age}` });
    }
  }
  return problems;
}

/** Who may leave care for which reason, by age on the day (rules 386, 387, 389, 407, 460). */
export const CEASE_AGE: Record<string, { under?: number; atLeast?: number }> = {
  E11: { under: 18 },
  E12: { under: 18 },
  E41: { under: 18 },
  E45: { under: 18 },
  E46: { under: 18 },
  E47: { under: 18 },
  E48: { under: 18 },
  E5: { atLeast: 14 },
  E6: { atLeast: 14 },
  E7: { atLeast: 16 },
  E17: { atLeast: 18 },
};

/** Problems with ending a period of care for this reason on this day. */
export function ceaseProblems(input: { reason: string; date: string; dateOfBirth: string | null; currentPlacement: string }): Problem[] {
  const problems: Problem[] = [];
  if (input.reason === 'X1') problems.push({ field: 'reason', message: 'Select why the child left care' });
  if (isTemporaryPlacement(input.currentPlacement)) {
    problems.push({ field: 'reason', message: 'A period of care cannot end in a temporary placement. Record the child’s return to their placement (or a new placement) first' }); // 381
  }
  const limit = CEASE_AGE[input.reason];
  if (limit && input.dateOfBirth) {
    const age = ageAt(input.dateOfBirth, input.date);
    if (limit.under !== undefined && age >= limit.under) problems.push({ field: 'reason', message: `This reason is only for children under ${limit.under}; the young person is ${age}` });
    if (limit.atLeast !== undefined && age < limit.atLeast) problems.push({ field: 'reason', message: `This reason is only for young people aged ${limit.atLeast} or over; the child is ${age}` });
  }
  return problems;
}

/** Problems with a child starting to be looked after on this day (rules 302, 352, 380). */
export function startProblems(input: { date: string; dateOfBirth: string | null; placementType: string }): Problem[] {
  const problems: Problem[] = [];
  if (isTemporaryPlacement(input.placementType)) problems.push({ field: 'placementType', message: 'A period of care cannot start in a temporary placement' });
  if (input.dateOfBirth) {
    if (input.date < input.dateOfBirth) problems.push({ field: 'startDate', message: 'The date the child became looked after must be on or after their date of birth' });
    else if (ageAt(input.dateOfBirth, input.date) >= 18) problems.push({ field: 'startDate', message: 'A young person aged 18 or over cannot start to be looked after' });
  }
  return problems;
}

/** Review participation PN0 is for a child under 4 on the day, and only for them (rules 440, 441). */
export function participationProblems(input: { participation: string; heldOn: string; dateOfBirth: string | null }): Problem[] {
  if (!input.dateOfBirth) return [];
  const under4 = ageAt(input.dateOfBirth, input.heldOn) < 4;
  if (input.participation === 'PN0' && !under4) return [{ field: 'participation', message: 'The child was 4 or over at the review: select how they took part' }];
  if (input.participation !== 'PN0' && under4) return [{ field: 'participation', message: 'The child was under 4 at the review: select “Child under 4”' }];
  return [];
}
