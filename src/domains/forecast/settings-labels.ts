import { type Adjustment, NOT_KNOWN, type State, STATE_LABELS, STATES, type StateOrPool } from './types.ts';

/** What a unit cost is "of", for messages: "Enter the weekly cost of residential care". */
export const COST_NOUNS: Record<State, string> = {
  care_residential: 'residential care',
  care_fostering_agency: 'agency fostering',
  care_fostering_in_house: 'in-house fostering',
  care_kinship: 'kinship care',
  care_other: 'other care placements',
  cp: 'a child protection plan',
  cin: 'a child in need plan',
  care_leaver: 'a care leaver',
  early_help: 'early help',
};

/** What each weekly cost should cover, shown beside it so analysts replace like with like. */
export const COST_COVERS: Record<State, string> = {
  care_residential: 'The average weekly fee of a children’s home placement, the council’s own or bought in.',
  care_fostering_agency: 'An independent fostering agency’s weekly fee: the carer’s allowance and the agency’s support.',
  care_fostering_in_house: 'The council’s own foster carers’ allowance and fee, with a share of their supervising social worker.',
  care_kinship: 'Family and friends carers’ allowance and the support to the placement.',
  care_other: 'Every other placement (placed with parents, supported accommodation, secure, hospital) on average.',
  cp: 'Social work visits, child protection conferences and core groups.',
  cin: 'Social work time and services under section 17.',
  care_leaver: 'Personal adviser, accommodation and setting-up-home support, staying put.',
  early_help: 'A family support worker or lead professional and the Team Around the Family.',
};

/** Every state with its label, pool last: the choices of where children leaving a state go. */
export const DESTINATIONS: Record<StateOrPool, string> = { ...STATE_LABELS };
export const STATE_CHOICES: Record<State, string> = Object.fromEntries(STATES.map((s) => [s, STATE_LABELS[s]])) as Record<State, string>;

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** One change to the rates in words, for lists and comparisons: "Entries into residential care −10%". */
export function describeAdjustment(adjustment: Adjustment): string {
  if (adjustment.kind === 'entries') return `Entries into ${STATE_LABELS[adjustment.to]}: ${signed(adjustment.percent)}%`;
  const to = adjustment.to === NOT_KNOWN ? 'leave services' : `go to ${STATE_LABELS[adjustment.to]}`;
  return `Children leaving ${STATE_LABELS[adjustment.from]} who ${to}: ${signed(adjustment.points)} points`;
}
