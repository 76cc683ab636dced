import type { Rule } from './rules.ts';

export const CASE_AUDIT_ROUTES: Record<string, Rule> = {};
