import { ASSESSMENT_RULES } from './assessment.ts';
import { CHILD_RULES } from './child.ts';
import { CIN_PLAN_RULES } from './cin-plan.ts';
import { CP_PLAN_RULES } from './cp-plan.ts';
import { HEADER_RULES } from './header.ts';
import type { CinRule } from './kit.ts';
import { REFERRAL_RULES } from './referral.ts';
import { S47_RULES } from './s47.ts';

/** Every CIN census rule Cairn checks, in the order a file is read: header, child, episode, then the work inside. */
export const CIN_RULES: readonly CinRule[] = [...HEADER_RULES, ...CHILD_RULES, ...REFERRAL_RULES, ...ASSESSMENT_RULES, ...CIN_PLAN_RULES, ...S47_RULES, ...CP_PLAN_RULES];
