import type { Rule } from './rules.ts';

export const PRACTICE_TOOL_ROUTES: Record<string, Rule> = {};
