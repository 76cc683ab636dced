import type { Rule } from './rules.ts';

export const INBOX_ROUTES: Record<string, Rule> = {};
