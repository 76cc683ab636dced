import { stateMachine } from '../../platform/state-machine.ts';

export const PLACES = {
  home: 'Home (the child’s usual residence or another home)',
  hospital: 'Hospital',
  public_place: 'Public place',
  other: 'Other',
} as const;

export const EXPECTATIONS = {
  expected: 'Expected',
  unexpected: 'Unexpected',
} as const;

export const RAPID_RESPONSES = {
  held: 'A joint agency response was held',
  not_held: 'No joint agency response was held',
} as const;

/** Who told the panel of the death, and the agencies it asks for what they know. */
export const AGENCIES = {
  hospital: 'Hospital (acute trust)',
  gp: 'GP',
  community_health: 'Community health (health visiting, school nursing)',
  mental_health: 'Mental health services',
  ambulance: 'Ambulance service',
  police: 'Police',
  coroner: 'Coroner',
  social_care: 'Children’s social care',
  early_help: 'Early help',
  education: 'School or college',
  early_years: 'Early years setting',
  youth_justice: 'Youth justice service',
  housing: 'Housing',
  registrar: 'Registrar',
  other: 'Other',
} as const;

/** The ten categories of death of the national child death review dataset (NCMD), in its order. */
export const CATEGORIES = {
  inflicted: 'Deliberately inflicted injury, abuse or neglect',
  suicide: 'Suicide or deliberate self-inflicted harm',
  trauma: 'Trauma and other external factors',
  malignancy: 'Malignancy',
  acute: 'Acute medical or surgical condition',
  chronic: 'Chronic medical condition',
  congenital: 'Chromosomal, genetic and congenital anomalies',
  perinatal: 'Perinatal/neonatal event',
  infection: 'Infection',
  sudden: 'Sudden unexpected, unexplained death',
} as const;

export const MODIFIABLE = {
  yes: 'Yes: modifiable factors identified',
  no: 'No modifiable factors identified',
  insufficient: 'Insufficient information to decide',
} as const;

/** The domains in which a modifiable factor may lie. */
export const FACTOR_DOMAINS = {
  child: 'Factors intrinsic to the child',
  family: 'Social environment, including family',
  parenting: 'Parenting capacity',
  services: 'Service provision',
} as const;

/** Age at death, in the bands the annual reports use. */
export const AGE_BANDS = {
  under1: 'Under 1',
  '1to4': '1 to 4',
  '5to9': '5 to 9',
  '10to14': '10 to 14',
  '15to17': '15 to 17',
} as const;

export type CaseState = 'gathering' | 'awaiting_review' | 'reviewed';

/**
 * Information is gathered until every agency asked has returned what it holds (or said it holds nothing); then
 * the case waits for the panel, whose review completes it. Asking another agency reopens the gathering.
 */
export const CDOP_MACHINE = stateMachine<CaseState>(
  'child death review',
  { gathering: ['awaiting_review'], awaiting_review: ['gathering', 'reviewed'], reviewed: [] },
  { gathering: 'Gathering information', awaiting_review: 'Awaiting panel review', reviewed: 'Reviewed' },
);

/** Where a case stands, from its own rows: never stored, so it cannot disagree with them. */
export function stateOf(c: { reviewed_on: string | null }, requests: readonly { returned_on: string | null }[]): CaseState {
  if (c.reviewed_on) return 'reviewed';
  return requests.length && requests.every((r) => r.returned_on) ? 'awaiting_review' : 'gathering';
}

/** Completed years of age on the day of death. */
export function ageAtDeath(dateOfBirth: string, diedOn: string): number {
  const years = Number(diedOn.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return diedOn.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export function ageBand(dateOfBirth: string, diedOn: string): keyof typeof AGE_BANDS {
  const age = ageAtDeath(dateOfBirth, diedOn);
  return age < 1 ? 'under1' : age < 5 ? '1to4' : age < 10 ? '5to9' : age < 15 ? '10to14' : '15to17';
}
