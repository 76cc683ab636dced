import type { Rule } from './rules.ts';

export const SECTION11_ROUTES: Record<string, Rule> = {};
