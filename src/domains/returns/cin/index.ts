/**
 * The Children in Need census (shared/reference/statutory-returns.md §1): build it from Cairn's records, write and
 * read the DfE's XML, and check a return (Cairn's own or any other system's) against the DfE's rules.
 */
import { type CollectionPeriod, type Failure, runRules } from '../engine.ts';
import type { CinReturn } from './model.ts';
import { CIN_RULES } from './rules/index.ts';

export { buildCinReturn, type BuildOptions } from './build.ts';
export { cinXml, parseCinXml } from './xml.ts';
/** The schema's structure checked on XML text (order, nesting, required elements, value forms), for files from elsewhere. */
export { schemaProblems } from './schema.ts';
export type * from './model.ts';
export { CIN_RULES };

export function validateCin(ret: CinReturn, period: CollectionPeriod): Failure[] {
  return runRules(CIN_RULES, ret, { period });
}
