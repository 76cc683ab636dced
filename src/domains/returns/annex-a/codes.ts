import { CLOSURE_REASONS, type CodeSet, PRIMARY_NEEDS } from '../../../platform/codes/cin.ts';
import {
  CARE_LEAVER_ACCOMMODATION,
  CARE_LEAVER_ACTIVITY,
  EPISODE_CEASED_REASONS,
  LEGAL_STATUSES,
  PLACEMENT_PROVIDERS,
  PLACEMENT_TYPES,
} from '../../../platform/codes/ssda903.ts';
import type { CodeChoices } from './lists.ts';

/**
 * Annex A cell values for the census and 903 codes Cairn records. The contact and referral source is lettered as
 * Ofsted's template letters it ("a) 1A: Individual" … "u) 10: Unknown", with 5D, added later, as "p1)"); the other
 * coded columns are written "code: description" (the CIN need and closure codes "N1 - …", as the template has them)
 * from the one shared code set, so Annex A, the census and the 903 always agree.
 */
const SOURCE_VALUES: Record<string, string> = {
  '1A': 'a) 1A: Individual',
  '1B': 'b) 1B: Individual',
  '1C': 'c) 1C: Individual',
  '1D': 'd) 1D: Individual',
  '2A': 'e) 2A: Schools',
  '2B': 'f) 2B: Education services',
  '3A': 'g) 3A: Health services',
  '3B': 'h) 3B: Health services',
  '3C': 'i) 3C: Health services',
  '3D': 'j) 3D: Health services',
  '3E': 'k) 3E: Health services',
  '3F': 'l) 3F: Health services',
  '4': 'm) 4: Housing',
  '5A': 'n) 5A: LA services',
  '5B': 'o) 5B: LA services',
  '5C': 'p) 5C: LA services',
  '5D': 'p1) 5D: LA services',
  '6': 'q) 6: Police',
  '7': 'r) 7: Other legal agency',
  '8': 's) 8: Other',
  '9': 't) 9: Anonymous',
  '10': 'u) 10: Unknown',
};

export const sourceValue = (code: string | null | undefined) => (code ? (SOURCE_VALUES[code] ?? null) : null);

const described = (set: CodeSet, separator: string) => (code: string | null | undefined) => (code && set[code] ? `${code}${separator}${set[code]}` : null);

export const needValue = described(PRIMARY_NEEDS, ' - ');
export const closureValue = described(CLOSURE_REASONS, ' - ');
export const legalStatusValue = described(LEGAL_STATUSES, ': ');
export const placementTypeValue = described(PLACEMENT_TYPES, ': ');
export const providerValue = described(PLACEMENT_PROVIDERS, ': ');
export const ceasedValue = described(EPISODE_CEASED_REASONS, ': ');
export const accommodationValue = described(CARE_LEAVER_ACCOMMODATION, ': ');
export const activityValue = described(CARE_LEAVER_ACTIVITY, ': ');

const all = (set: CodeSet, value: (code: string) => string | null) => Object.keys(set).map((c) => value(c)!);

export const CODE_CHOICES: CodeChoices = {
  contactSource: Object.values(SOURCE_VALUES),
  primaryNeed: all(PRIMARY_NEEDS, needValue),
  closureReason: all(CLOSURE_REASONS, closureValue),
  legalStatus: all(LEGAL_STATUSES, legalStatusValue),
  placementType: all(PLACEMENT_TYPES, placementTypeValue),
  placementProvider: all(PLACEMENT_PROVIDERS, providerValue),
  // X1 is the 903's own mark for an episode followed by another, never a reason a child left care.
  ceasedReason: all(EPISODE_CEASED_REASONS, ceasedValue).filter((v) => !v.startsWith('X1')),
  accommodation: all(CARE_LEAVER_ACCOMMODATION, accommodationValue),
  activity: all(CARE_LEAVER_ACTIVITY, activityValue),
};
