import type { Rule } from './rules.ts';

export const FRONT_DOOR_ROUTES: Record<string, Rule> = {};
