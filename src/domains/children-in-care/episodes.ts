import { isTemporaryPlacement } from '../../platform/codes/ssda903.ts';
import { type PlacementDetails, type Problem, placementProblems } from './rules-903.ts';

/**
 * SSDA903 episodes, worked out from what changed. A change of legal status or placement ends the current episode
 * the same day (REC X1) and starts the next, with the reason for the new episode (RNE) following from what
 * differs:
 *  - legal status only → L; placement and carer → P; placement with the same carer → T;
 *  - legal status and placement and carer together → B; legal status and placement, same carer → U;
 *  - coming back from a temporary placement is always a return to a placement → P (or B with a new legal status),
 *    as rule 383 expects.
 * The reason for a placement change (REASON_PLACE_CHANGE) goes on the episode that ends, and is required when
 * neither placement is temporary (rules 225, 226).
 *
 * Same-day corrections: an episode must last at least a day (rule 355), so a change dated the day the current
 * episode started does not create a zero-length episode. It corrects the current episode in place: its values are
 * replaced and its RNE worked out again against the episode before it (or stays S if it opened the period). A
 * correction that leaves it the same as the episode before it is refused: that is no change at all.
 */

export interface EpisodeState extends PlacementDetails {
  id: string;
  startDate: string;
  reasonNewEpisode: string;
  homePostcode: string | null;
}

export interface ChangeInput extends PlacementDetails {
  date: string;
  homePostcode: string | null;
  /** Whether the child stays with the same carers when the placement changes (T / U rather than P / B). */
  sameCarer: boolean | null;
  reasonPlaceChange: string | null;
}

export type ChangePlan =
  | {
      kind: 'new';
      /** The episode that ends on the same day (REC X1), with its reason for the move. */
      end: { episodeId: string; endDate: string; reasonPlaceChange: string | null };
      start: PlacementDetails & { startDate: string; reasonNewEpisode: string; homePostcode: string | null };
    }
  | {
      kind: 'correct';
      episodeId: string;
      values: PlacementDetails & { reasonNewEpisode: string; homePostcode: string | null };
      /** The episode before, whose reason for the move follows the corrected placement. */
      previous: { episodeId: string; reasonPlaceChange: string | null } | null;
    };

const same = (a: string | null, b: string | null) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** Whether the placement differs: its type, provider, carer, setting (URN) or address. */
export function placementChanged(before: PlacementDetails, after: PlacementDetails): boolean {
  return (
    before.placementType !== after.placementType ||
    !same(before.placementProvider, after.placementProvider) ||
    !same(before.carerName, after.carerName) ||
    !same(before.urn, after.urn) ||
    !same(before.placementPostcode, after.placementPostcode)
  );
}

/** The 903 reason for a new episode following `before`, or null when nothing 903 records has changed. */
export function reasonForNewEpisode(before: PlacementDetails, after: PlacementDetails, sameCarer: boolean | null): string | null {
  const legal = before.legalStatus !== after.legalStatus;
  const placement = placementChanged(before, after);
  if (!placement) return legal ? 'L' : null;
  const carerStays = Boolean(sameCarer) && !isTemporaryPlacement(before.placementType) && !isTemporaryPlacement(after.placementType);
  if (legal) return carerStays ? 'U' : 'B';
  return carerStays ? 'T' : 'P';
}

/** Whether a move between these placements needs a reason (rules 225, 226). */
export const moveNeedsReason = (before: PlacementDetails, after: PlacementDetails) =>
  placementChanged(before, after) && !isTemporaryPlacement(before.placementType) && !isTemporaryPlacement(after.placementType);

const detailsOf = (input: PlacementDetails): PlacementDetails => ({
  legalStatus: input.legalStatus,
  placementType: input.placementType,
  placementProvider: input.placementProvider,
  carerName: input.carerName,
  urn: input.urn,
  placementPostcode: input.placementPostcode,
});

/**
 * What a change does to the period's episodes: `episodes` are the period's, oldest first, the last one open.
 * Answers the plan, or the problems to show on the form.
 */
export function planChange(
  episodes: readonly EpisodeState[],
  input: ChangeInput,
  context: { dateOfBirth: string | null; today: string },
): { plan: ChangePlan } | { problems: Problem[] } {
  const current = episodes.at(-1);
  if (!current) throw new Error('A period of care always has an episode');
  const previous = episodes.length > 1 ? episodes.at(-2)! : null;
  const problems: Problem[] = [];
  if (input.date < current.startDate) problems.push({ field: 'date', message: `The date of the change must be on or after the current episode started` });
  if (input.date > context.today) problems.push({ field: 'date', message: 'The date of the change must be today or in the past' });
  problems.push(...placementProblems(input, { dateOfBirth: context.dateOfBirth, date: input.date }));
  const correcting = input.date === current.startDate;
  const before = correcting ? previous : current;
  const after = detailsOf(input);

  if (correcting && !before) {
    // Correcting the episode that opened the period: it stays S, and still cannot be a temporary placement (380).
    if (isTemporaryPlacement(input.placementType)) problems.push({ field: 'placementType', message: 'A period of care cannot start in a temporary placement' });
    if (!placementChanged(current, after) && current.legalStatus === after.legalStatus && same(current.homePostcode, input.homePostcode)) {
      problems.push({ field: 'legalStatus', message: 'Nothing has changed: change the legal status or the placement' });
    }
    if (problems.length) return { problems };
    return { plan: { kind: 'correct', episodeId: current.id, values: { ...after, reasonNewEpisode: 'S', homePostcode: input.homePostcode }, previous: null } };
  }

  const base = before!;
  const rne = reasonForNewEpisode(base, after, input.sameCarer);
  if (!rne) {
    problems.push({
      field: 'legalStatus',
      message: correcting ? 'This is the same as the episode before it: change the legal status or the placement' : 'Nothing has changed: change the legal status or the placement',
    });
  }
  const needsReason = moveNeedsReason(base, after);
  if (needsReason && !input.reasonPlaceChange) problems.push({ field: 'reasonPlaceChange', message: 'Select the reason for the change of placement' });
  if (needsReason && input.sameCarer === null) {
    problems.push({ field: 'sameCarer', message: 'Select whether the child is staying with the same carers' });
  }
  if (problems.length) return { problems };
  const reason = needsReason ? input.reasonPlaceChange : null;
  if (correcting) {
    return { plan: { kind: 'correct', episodeId: current.id, values: { ...after, reasonNewEpisode: rne!, homePostcode: input.homePostcode }, previous: { episodeId: base.id, reasonPlaceChange: reason } } };
  }
  return {
    plan: {
      kind: 'new',
      end: { episodeId: current.id, endDate: input.date, reasonPlaceChange: reason },
      start: { ...after, startDate: input.date, reasonNewEpisode: rne!, homePostcode: input.homePostcode },
    },
  };
}
