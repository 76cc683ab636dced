import type { Rule } from './rules.ts';

export const TRAINING_ROUTES: Record<string, Rule> = {};
