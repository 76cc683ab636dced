/**
 * Which care state a looked-after child's placement puts them in, from the SSDA903 placement type (PLACE) and
 * provider (PLACE_PROVIDER) of their episode — the codes of platform/codes/ssda903.ts and
 * shared/reference/statutory-returns.md §2.3.4–2.3.5. The forecast's five care states are the budget's lines, so the
 * mapping follows who provides (and pays for) the placement rather than the 903's legal detail.
 */
import type { State } from './types.ts';

export type CareState = Extract<State, `care_${string}`>;

/**
 * Fostering with a relative or friend (connected persons), whoever approved the carer: long-term (U1), also an
 * approved adopter (U2) or other (U3). Kinship care is its own budget line and its own policy aim, so it is never
 * counted as fostering by other carers.
 */
const KINSHIP = new Set(['U1', 'U2', 'U3']);

/** Fostering with carers who are not relatives or friends: long-term (U4), also an approved adopter (U5), other (U6). */
const FOSTERING_OTHER_CARERS = new Set(['U4', 'U5', 'U6']);

/**
 * Providers whose foster carers are the council's own: its own provision (PR1). PR0 (parents or others with parental
 * responsibility) is only valid with P1 (903 rule 550), so it never reaches a U4–U6 episode that passes validation;
 * it is kept with the council's own so a record that slipped through is not priced as an agency placement. Another
 * council's carers (PR2), public (PR3), private (PR4) and voluntary (PR5) providers are bought in, as is an episode
 * with no provider recorded (rule 213 requires one, so the cost is the safer assumption).
 */
const OWN_PROVIDERS = new Set(['PR1', 'PR0']);

/**
 * Residential settings: secure children's homes (K1), children's homes (K2), residential care homes (R1), NHS or
 * health establishments (R2), young offender institutions (R5) and residential schools (S1) — the high-cost
 * placements a residential budget line covers.
 */
const RESIDENTIAL = new Set(['K1', 'K2', 'R1', 'R2', 'R5', 'S1']);

/**
 * Everything else is "other": placed for adoption (A3–A6), placed with parents (P1), independent living (P2, retired
 * 2025-26), residential employment (P3), semi-independent living (H5, retired) and the supported accommodation for
 * 16–17 year olds that replaced it (K3), family centres and mother and baby units (R3), temporary moves (T0–T4: the
 * episode says only that the child is away for now, not what it costs) and other placements (Z1, Z11–Z14). A code
 * this list does not know (a future year's) also lands here rather than in a priced line it may not belong to.
 */
export function careStateOfPlacement(placementType: string, provider: string | null): CareState {
  if (KINSHIP.has(placementType)) return 'care_kinship';
  if (FOSTERING_OTHER_CARERS.has(placementType)) {
    return provider !== null && OWN_PROVIDERS.has(provider) ? 'care_fostering_in_house' : 'care_fostering_agency';
  }
  if (RESIDENTIAL.has(placementType)) return 'care_residential';
  return 'care_other';
}
