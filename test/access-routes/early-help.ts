import type { Rule } from './rules.ts';

export const EARLY_HELP_ROUTES: Record<string, Rule> = {};
