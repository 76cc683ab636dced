import { isTemporaryPlacement } from '../../platform/codes/ssda903.ts';
import { addMonths } from '../../platform/calendar/working-days.ts';
import { placementChanged } from './episodes.ts';
import { ageAt, type PlacementDetails } from './rules-903.ts';

/**
 * Placement stability, worked out from the episodes (never stored), as the DfE's stability measures count it:
 *  - short-term: three or more placements in the last 12 months;
 *  - long-term: children under 16 looked after for 2½ years or more, and in the same placement for 2 years or more.
 * A placement is a run of episodes with the same placement: a change of legal status alone does not start one, a
 * temporary placement is not counted, and returning from a temporary placement to the same placement continues it.
 */
export interface StabilityEpisode extends PlacementDetails {
  startDate: string;
  endDate: string | null;
}

/** An episode as the database holds it, as stability counts it. */
export const stabilityEpisodeOf = (e: {
  start_date: string;
  end_date: string | null;
  legal_status: string;
  placement_type: string;
  placement_provider: string | null;
  carer_name: string | null;
  urn: string | null;
  placement_postcode: string | null;
}): StabilityEpisode => ({
  startDate: e.start_date,
  endDate: e.end_date,
  legalStatus: e.legal_status,
  placementType: e.placement_type,
  placementProvider: e.placement_provider,
  carerName: e.carer_name,
  urn: e.urn,
  placementPostcode: e.placement_postcode,
});

export interface Placement {
  startDate: string;
  endDate: string | null;
  placementType: string;
  carerName: string | null;
}

export const UNSTABLE_PLACEMENTS = 3;

/** The placements among these episodes (of one child, oldest first), temporary placements left out. */
export function placementsOf(episodes: readonly StabilityEpisode[]): Placement[] {
  const placements: (Placement & { details: PlacementDetails })[] = [];
  for (const e of episodes) {
    if (isTemporaryPlacement(e.placementType)) continue;
    const last = placements.at(-1);
    if (last && !placementChanged(last.details, e)) {
      last.endDate = e.endDate;
      continue;
    }
    placements.push({ startDate: e.startDate, endDate: e.endDate, placementType: e.placementType, carerName: e.carerName, details: e });
  }
  return placements.map(({ details: _details, ...p }) => p);
}

export interface Stability {
  /** Placements the child has been in during the 12 months to today. */
  placementsInYear: number;
  /** Three or more placements in the year. */
  unstable: boolean;
  /** When the current placement began (temporary absences do not break it), or null when not looked after. */
  currentPlacementSince: string | null;
  /** In the long-term stability group: under 16 and looked after 2½ years or more. */
  longTermGroup: boolean;
  /** In that group and in the same placement 2 years or more. */
  longTermStable: boolean;
}

/**
 * Stability today for a child looked after since `periodStart` (the current period, or null if not looked after).
 * `episodes` are all the child's episodes, oldest first; the year counts placements in any period.
 */
export function stabilityOf(episodes: readonly StabilityEpisode[], input: { periodStart: string | null; dateOfBirth: string | null; today: string }): Stability {
  const placements = placementsOf(episodes);
  const yearAgo = addMonths(input.today, -12);
  const placementsInYear = placements.filter((p) => p.startDate <= input.today && (p.endDate === null || p.endDate > yearAgo)).length;
  const open = input.periodStart ? placements.filter((p) => p.endDate === null).at(-1) ?? placements.at(-1) : undefined;
  const currentPlacementSince = open && input.periodStart ? open.startDate : null;
  const under16 = input.dateOfBirth ? ageAt(input.dateOfBirth, input.today) < 16 : true;
  const longTermGroup = Boolean(input.periodStart) && under16 && input.periodStart! <= addMonths(input.today, -30);
  const longTermStable = longTermGroup && currentPlacementSince !== null && currentPlacementSince <= addMonths(input.today, -24);
  return { placementsInYear, unstable: placementsInYear >= UNSTABLE_PLACEMENTS, currentPlacementSince, longTermGroup, longTermStable };
}
