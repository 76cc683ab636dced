import type { Rule } from './rules.ts';

/** This capability's routes, classified for the access matrix (see early-help.ts for the conventions). */
export const CASEWORK_ROUTES: Record<string, Rule> = {};
