import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { CaseCategory } from './codes.ts';

/**
 * What each capability has open for these children, for weighting caseloads: each social care capability
 * answers for its own records in its `caseload.ts`.
 */
export type CaseCategorySource = (db: Kysely<Database>, personIds: readonly string[]) => Promise<Map<string, CaseCategory[]>>;

/** Adds `category` for each id in `ids` to the map (a helper for the sources). */
export function tally(map: Map<string, CaseCategory[]>, ids: readonly string[], category: CaseCategory): Map<string, CaseCategory[]> {
  for (const id of ids) map.set(id, [...(map.get(id) ?? []), category]);
  return map;
}
