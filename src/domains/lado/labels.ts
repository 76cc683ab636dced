import { stateMachine } from '../../platform/state-machine.ts';

/** Who referred the concern: the agencies of the LSCB's allegations data tables (seed 001), in its order. */
export const REFERRING_AGENCIES = {
  social_care: 'Social care',
  health: 'Health',
  education: 'Education',
  foster_carers: 'Foster carers',
  connexions: 'Connexions',
  police: 'Police',
  yot: 'Youth offending team (YOT)',
  probation: 'Probation',
  cafcass: 'CAFCASS',
  secure_estate: 'Secure estate',
  nspcc: 'NSPCC',
  voluntary_youth: 'Voluntary youth organisations',
  faith: 'Faith groups',
  armed_forces: 'Armed forces',
  immigration: 'Immigration and asylum support services',
  other: 'Other',
} as const;

/** Where the adult works: the employing sector the LADO reports on. */
export const SECTORS = {
  education: 'Education (schools and colleges)',
  early_years: 'Early years and childcare',
  social_care: 'Children’s social care',
  foster_care: 'Foster care',
  residential: 'Residential care',
  health: 'Health',
  police: 'Police',
  secure_estate: 'Secure estate',
  faith: 'Faith organisation',
  voluntary_youth: 'Voluntary and youth organisations',
  sport: 'Sport and leisure',
  transport: 'Transport',
  other: 'Other',
} as const;

/** The categories of harm, and conduct or suitability (behaviour that shows the adult may not be safe to work with children). */
export const CATEGORIES = {
  physical: 'Physical',
  sexual: 'Sexual',
  emotional: 'Emotional',
  neglect: 'Neglect',
  conduct: 'Conduct or suitability',
} as const;

export const DECISIONS = {
  meeting: 'Threshold met: allegation management meeting',
  advice_only: 'Advice only: no further LADO action',
} as const;

/** Outcomes as Working Together defines them. */
export const OUTCOMES = {
  substantiated: 'Substantiated',
  unsubstantiated: 'Unsubstantiated',
  unfounded: 'Unfounded',
  false: 'False',
  malicious: 'Malicious',
} as const;

export const SANCTIONS = {
  dismissal: 'Dismissal',
  resignation: 'Resignation',
  dbs_referral: 'Referral to the DBS',
  regulator_referral: 'Referral to a regulator or professional body',
  disciplinary_warning: 'Disciplinary warning',
  training: 'Training',
  no_action: 'No action',
  other: 'Other',
} as const;

export const REGULATORS = {
  ofsted: 'Ofsted',
  tra: 'Teaching Regulation Agency',
  swe: 'Social Work England',
  nmc: 'Nursing and Midwifery Council',
  gmc: 'General Medical Council',
  hcpc: 'Health and Care Professions Council',
  charity_commission: 'Charity Commission',
  other: 'Other professional body',
} as const;

export type CaseState = 'received' | 'meetings' | 'advice' | 'closed';

/** A case is considered (meetings or advice), and closes from either; closing never deletes anything. */
export const LADO_MACHINE = stateMachine<CaseState>(
  'LADO case',
  { received: ['meetings', 'advice'], meetings: ['closed'], advice: ['closed'], closed: [] },
  { received: 'Awaiting initial consideration', meetings: 'Allegation management', advice: 'Advice given', closed: 'Closed' },
);

export const stateOf = (c: { decision: string | null; closed_on: string | null }): CaseState =>
  c.closed_on ? 'closed' : c.decision === 'meeting' ? 'meetings' : c.decision === 'advice_only' ? 'advice' : 'received';
