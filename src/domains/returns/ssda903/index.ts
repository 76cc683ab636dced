import { type CollectionPeriod, type Failure, runRules } from '../engine.ts';
import { RULES_903 } from './rules/index.ts';
import type { Ssda903Return } from './tables.ts';

/**
 * The SSDA903 children looked after return: built from Cairn's records (build.ts), written and read as the DfE's
 * CSV tables (csv.ts), checked by the DfE's rules (rules/), last year's submission kept for the year-on-year rules
 * (snapshots.ts). Other modules use only what is exported here.
 */
export { build903Return, type BuildOptions } from './build.ts';
export { parse903Files, write903Files } from './csv.ts';
export { previous903, record903Snapshot } from './snapshots.ts';
export { RULES_903 } from './rules/index.ts';
export type { Context903, Rule903 } from './rules/common.ts';
export { type Row, type Ssda903Return, TABLE_NAMES, TABLES, type TableName } from './tables.ts';

/** Runs every 903 rule for the year over a return (and last year's, for the year-on-year rules). */
export function validate903(ret: Ssda903Return, period: CollectionPeriod, previous: Ssda903Return | null): Failure[] {
  return runRules(RULES_903, ret, { period, previous });
}
