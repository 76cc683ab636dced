import { CHILD_PROTECTION } from './child-protection.ts';
import { CHILDREN_IN_CARE } from './children-in-care.ts';
import { EARLY_HELP } from './early-help.ts';
import { FRONT_DOOR } from './front-door.ts';
import { MISSING } from './missing.ts';
import { PARTNERSHIP } from './partnership.ts';
import { SOCIAL_CARE } from './social-care.ts';
import type { Indicator } from './types.ts';

/** Every indicator of the partnership dataset, each defined once, in the order the dashboards list them. */
export const INDICATORS: Indicator[] = [...FRONT_DOOR, ...SOCIAL_CARE, ...CHILD_PROTECTION, ...CHILDREN_IN_CARE, ...EARLY_HELP, ...MISSING, ...PARTNERSHIP];

const byId = new Map(INDICATORS.map((i) => [i.id, i]));
export const indicatorById = (id: string): Indicator | undefined => byId.get(id);
