import type { Rule } from './rules.ts';

export const BOARD_ROUTES: Record<string, Rule> = {};
