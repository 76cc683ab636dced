import type { Rule903 } from './common.ts';
import { EPISODE_RULES } from './episodes.ts';
import { HEADER_RULES } from './header.ts';
import { OTHER_RULES } from './others.ts';
import { PLACEMENT_RULES } from './placements.ts';
import { YEAR_ON_YEAR_RULES } from './year-on-year.ts';

/** Every SSDA903 rule Cairn checks. */
export const RULES_903: readonly Rule903[] = [...HEADER_RULES, ...EPISODE_RULES, ...PLACEMENT_RULES, ...OTHER_RULES, ...YEAR_ON_YEAR_RULES];
