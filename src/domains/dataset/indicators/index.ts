import { CHILD_PROTECTION } from './child-protection.ts';
import { FRONT_DOOR } from './front-door.ts';
import type { Indicator } from './types.ts';

/** Every indicator of the partnership dataset, each defined once, in the order the dashboards list them. */
export const INDICATORS: Indicator[] = [...FRONT_DOOR, ...CHILD_PROTECTION];

const byId = new Map(INDICATORS.map((i) => [i.id, i]));
export const indicatorById = (id: string): Indicator | undefined => byId.get(id);
