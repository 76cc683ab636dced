import type { Rule } from './rules.ts';

export const DATASET_SETTINGS_ROUTES: Record<string, Rule> = {};
