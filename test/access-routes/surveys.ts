import type { Rule } from './rules.ts';

export const SURVEY_ROUTES: Record<string, Rule> = {};
