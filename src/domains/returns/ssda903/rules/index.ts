import type { Rule903 } from './common.ts';
import { HEADER_RULES } from './header.ts';

/** Every SSDA903 rule Cairn checks, in the order the readiness page lists them within a severity. */
export const RULES_903: readonly Rule903[] = [...HEADER_RULES];
