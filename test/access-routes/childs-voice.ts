import type { Rule } from './rules.ts';

export const CHILDS_VOICE_ROUTES: Record<string, Rule> = {};
