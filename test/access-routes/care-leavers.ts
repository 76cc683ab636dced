import type { Rule } from './rules.ts';

/** This capability's routes, classified for the access matrix (see early-help.ts for the conventions). */
export const CARE_LEAVER_ROUTES: Record<string, Rule> = {};
