import type { Rule } from './rules.ts';

export const PANEL_ROUTES: Record<string, Rule> = {};
