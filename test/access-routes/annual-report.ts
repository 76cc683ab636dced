import type { Rule } from './rules.ts';

export const ANNUAL_REPORT_ROUTES: Record<string, Rule> = {};
