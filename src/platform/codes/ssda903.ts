import type { CodeSet } from './cin.ts';

/** SSDA903 (children looked after) code sets (shared/reference/statutory-returns.md §2.3). */

export const LEGAL_STATUSES: CodeSet = {
  C1: 'Interim care order (section 38)',
  C2: 'Full care order (section 31)',
  E1: 'Placement order granted',
  V2: 'Accommodated under section 20 (single period)',
  V3: 'Short breaks, each break recorded',
  V4: 'Short breaks, the agreement recorded',
  L1: 'Police protection, in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Child assessment order, in local authority accommodation',
  J1: 'Remanded to local authority or youth detention accommodation',
  J2: 'Local authority accommodation under PACE',
  J3: 'Youth rehabilitation order with a residence or intensive fostering requirement',
};

/** Reason for a new episode (RNE). */
export const NEW_EPISODE_REASONS: CodeSet = {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carer',
  T: 'Change of placement, same carer',
  B: 'Change of legal status and of placement and carer',
  U: 'Change of legal status and of placement, same carer',
};

/** Placement types valid from 2025-26 (H5, P2 and Z1 retired). */
export const PLACEMENT_TYPES: CodeSet = {
  U1: 'Foster placement with a relative or friend: long-term',
  U2: 'Foster placement with a relative or friend who is also an approved adopter',
  U3: 'Foster placement with a relative or friend: other',
  U4: 'Foster placement with another carer: long-term',
  U5: 'Foster placement with another carer who is also an approved adopter',
  U6: 'Foster placement with another carer: other',
  A3: 'Placed for adoption with consent, with current foster carers',
  A4: 'Placed for adoption with consent, not with current foster carers',
  A5: 'Placed for adoption with a placement order, with current foster carers',
  A6: 'Placed for adoption with a placement order, not with current foster carers',
  K1: 'Secure children’s home',
  K2: 'Children’s home',
  K3: 'Supported accommodation (16 and over)',
  P1: 'Placed with own parents or others with parental responsibility',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS or health establishment',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution',
  S1: 'Residential school',
  T0: 'Temporary move of any kind',
  T1: 'Temporary period in hospital',
  T2: 'Temporary absence on holiday',
  T3: 'Temporary placement while the usual foster carer is on holiday',
  T4: 'Temporary placement of 7 days or less',
  Z11: 'Other placement (type 1)',
  Z12: 'Other placement (type 2)',
  Z13: 'Other placement (type 3)',
  Z14: 'Other placement (type 4)',
};
export const isTemporaryPlacement = (code: string) => code.startsWith('T');
/** Placements recorded without a provider (rules 213, 178). */
export const placementNeedsProvider = (code: string) => !code.startsWith('T') && !code.startsWith('Z');

export const PLACEMENT_PROVIDERS: CodeSet = {
  PR0: 'Parents or others with parental responsibility',
  PR1: 'Own local authority provision',
  PR2: 'Another local authority’s provision',
  PR3: 'Other public provision (for example the NHS)',
  PR4: 'Private provision',
  PR5: 'Voluntary or third sector provision',
};

/** Reason episode ceased (REC). X1 is only ever written by the system when a new episode follows. */
export const EPISODE_CEASED_REASONS: CodeSet = {
  X1: 'Episode ends and a new one starts the same day',
  E11: 'Adopted: application unopposed',
  E12: 'Adopted: consent dispensed with by the court',
  E2: 'Died',
  E3: 'Care taken over by another local authority',
  E4A: 'Returned home to parents as part of the care plan',
  E4B: 'Returned home to parents, not as part of the care plan',
  E13: 'Left care to live with parents, relatives or others without parental responsibility',
  E41: 'Child arrangements order granted',
  E45: 'Special guardianship order to former foster carers who are relatives or friends',
  E46: 'Special guardianship order to former foster carers who are not relatives or friends',
  E47: 'Special guardianship order to other carers who are relatives or friends',
  E48: 'Special guardianship order to other carers who are not relatives or friends',
  E5: 'Moved to independent living with formal support',
  E6: 'Moved to independent living without formal support',
  E7: 'Transferred to residential care funded by adult social care',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment found the young person to be 18 or over',
  E16: 'Moved abroad',
  E17: 'Aged 18 or over and stayed with current carers (staying put)',
  E8: 'Ceased for any other reason',
};

export const PLACEMENT_CHANGE_REASONS: CodeSet = {
  CARPL: 'Change to, or carrying out of, the care plan',
  CLOSE: 'Provider resigned or closed',
  ALLEG: 'Allegation (section 47)',
  STAND: 'Concern about standards of care',
  CUSTOD: 'Custody arrangement',
  CREQB: 'Carer asked for it to end because of the child’s behaviour',
  CREQO: 'Carer asked for it to end for another reason',
  CHILD: 'The child asked for it to end',
  LAREQ: 'The responsible or area authority asked for it to end',
  PLACE: 'Only the status of the placement changed',
  OTHER: 'Other',
};

export const REVIEW_PARTICIPATION: CodeSet = {
  PN0: 'Child under 4 at the time of the review',
  PN1: 'Attended and spoke for themselves',
  PN2: 'Attended; an advocate or the IRO spoke for them',
  PN3: 'Attended and gave their views non-verbally',
  PN4: 'Attended but did not contribute',
  PN5: 'Did not attend; briefed an advocate or the IRO',
  PN6: 'Did not attend; sent their views another way',
  PN7: 'Did not attend and gave no views',
};

export const CARE_LEAVER_IN_TOUCH: CodeSet = {
  YES: 'In touch',
  NO: 'Not in touch',
  DIED: 'Died since leaving care',
  REFU: 'Young person refuses contact',
  NREQ: 'Young person no longer needs services',
  RHOM: 'Returned home to parents for 6 months or more',
};

export const CARE_LEAVER_ACTIVITY: CodeSet = {
  F1: 'Higher education, full time',
  P1: 'Higher education, part time',
  F2: 'Other education, full time',
  P2: 'Other education, part time',
  F4: 'Apprenticeship, full time',
  P4: 'Apprenticeship, part time',
  F5: 'Training or employment, full time',
  P5: 'Training or employment, part time',
  G4: 'Not in education, employment or training: illness or disability',
  G5: 'Not in education, employment or training: other reasons',
  G6: 'Not in education, employment or training: pregnancy or parenting',
  '0': 'Not known',
};

/** OC3 ACCOM: the type letter; suitability (1 suitable, 2 unsuitable) is recorded beside it. */
export const CARE_LEAVER_ACCOMMODATION: CodeSet = {
  B: 'With parents or relatives',
  C: 'Community home or other residential care',
  D: 'Semi-independent or transitional accommodation',
  E: 'Supported lodgings',
  G: 'Gone abroad',
  H: 'Deported',
  K: 'Ordinary lodgings without formal support',
  R: 'Residence not known',
  S: 'No fixed abode or homeless',
  T: 'Foyer or similar',
  U: 'Independent living',
  V: 'Emergency accommodation',
  W: 'Bed and breakfast',
  X: 'In custody',
  Y: 'Other',
  Z: 'With former foster carers (staying put)',
};
/** Accommodation that is never suitable (S homeless, X custody). */
export const ALWAYS_UNSUITABLE = ['S', 'X'];

export const SOCIAL_WORKER_CHANGE_REASONS: CodeSet = {
  MANAGE: 'Caseload management',
  FCONTA: 'First contact or re-referral',
  LEFTRL: 'Previous social worker left the role',
  ORGRST: 'Organisational restructure',
  TSPROC: 'Transfer as part of the standard process',
  ABSENC: 'Cover for absence, or return from absence',
  CHCHAN: 'The child asked for a change',
  PCCHAN: 'A parent or carer asked for a change',
  OTHERS: 'Other',
};
