import type { Rule } from './rules.ts';

export const DATASET_DASHBOARD_ROUTES: Record<string, Rule> = {};
