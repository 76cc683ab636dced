import { addMonths } from '../../../platform/calendar/working-days.ts';

/**
 * Ofsted's Annex A lists (shared/reference/statutory-returns.md §3.2): each list's number, sheet name, look-back
 * period and columns, as data. Headers are the words of Ofsted's template, in its order; a builder fills each row in
 * this order, so the header and the cells can never drift apart. Ofsted revises the template from time to time:
 * change the words here and nowhere else.
 */

/** How a column's cells are written: a date is a real Excel date shown DD/MM/YYYY; a choice has a dropdown. */
export type ColumnKind = 'id' | 'text' | 'date' | 'number' | 'choice';

export interface Column {
  header: string;
  kind: ColumnKind;
  /** The dropdown values of a choice column (Ofsted's lettered values, or code: description). */
  choices?: readonly string[];
  /** Why Cairn leaves this column empty, when it holds no data for it (docs/returns/annex-a.md lists them). */
  notHeld?: string;
}

export type ListNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

/**
 * Each list's look-back: 6 months for the front door, children in need and child protection lists (and children in
 * care and care leavers open in that time), 12 months for adoption. The period ends on the list's date (inclusive).
 */
export const LOOK_BACK_MONTHS: Record<ListNumber, number> = { 1: 6, 2: 6, 3: 6, 4: 6, 5: 6, 6: 6, 7: 6, 8: 6, 9: 6, 10: 12, 11: 12 };

/** Counts "in the last 12 months" (referrals, section 47s, placements, missing episodes) look back this far. */
export const COUNT_MONTHS = 12;

export interface LookBack {
  from: string;
  to: string;
}

/** The period a list covers at `asAt`: from the same day `months` earlier to `asAt`, both inclusive. */
export const lookBack = (list: ListNumber, asAt: string): LookBack => ({ from: addMonths(asAt, -LOOK_BACK_MONTHS[list]), to: asAt });

// ── Ofsted's dropdown values ──
export const GENDER = { M: 'a) Male', F: 'b) Female', U: 'c) Not stated/recorded' } as const;
export const GENDER_CHOICES = ['a) Male', 'b) Female', 'c) Not stated/recorded', 'd) Neither'];
/** Ofsted's order of the ethnicity codes (its letters follow this order, not the census's). */
export const ETHNICITY_ORDER = ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'];
export const YES = 'a) Yes';
export const NO = 'b) No';
export const UNKNOWN = 'c) Unknown';
export const YES_NO = [YES, NO];
export const YES_NO_UNKNOWN = [YES, NO, UNKNOWN];

/** 'a', 'b', … 'z', then 'aa', 'ab' … for the lettered values. */
export const letter = (index: number): string => (index < 26 ? String.fromCharCode(97 + index) : letter(Math.floor(index / 26) - 1) + letter(index % 26));
export const lettered = (values: readonly string[]) => values.map((v, i) => `${letter(i)}) ${v}`);
export const ETHNICITY_CHOICES = lettered(ETHNICITY_ORDER);

/** The Ofsted lettered value of a code from a list in Ofsted's order, or null for a code outside it. */
export function letteredCode(order: readonly string[], code: string | null | undefined, describe?: (code: string) => string): string | null {
  if (!code) return null;
  const at = order.indexOf(code);
  return at < 0 ? null : `${letter(at)}) ${describe ? describe(code) : code}`;
}

export const ABUSE_ORDER = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'];
export const ABUSE_WORDS: Record<string, string> = { NEG: 'Neglect', PHY: 'Physical abuse', SAB: 'Sexual abuse', EMO: 'Emotional abuse', MUL: 'Multiple/not recommended' };
export const ABUSE_CHOICES = ABUSE_ORDER.map((c, i) => `${letter(i)}) ${ABUSE_WORDS[c]}`);

export const CASE_STATUS = ['a) Looked after child', 'b) Child Protection plan', 'c) Child in need plan', 'd) Open assessment', 'e) Closed episode'] as const;
export const ELIGIBILITY = { relevant: 'a) Relevant child', former_relevant: 'b) Former relevant child', qualifying: 'c) Qualifying care leaver', eligible: 'd) Eligible child' } as const;
export const IN_TOUCH = { YES: 'a) Yes', NO: 'b) No', DIED: 'c) Died', REFU: 'd) Refu', NREQ: 'e) NREQ', RHOM: 'f) Rhom' } as const;
export const SUITABILITY = ['a) Suitable', 'b) Unsuitable'] as const;
export const PERMANENCE = ['a) Return to family', 'b) Adoption', 'c) SGO/CAO', 'd) Supported living in the community', 'e) Long-term residential placement', 'f) Long-term fostering', 'g) other'];
export const PLACEMENT_LOCATION = ['a) In', 'b) Out'];

// ── The columns ──
const id: Column = { header: 'Child Unique ID', kind: 'id' };
const gender: Column = { header: 'Gender', kind: 'choice', choices: GENDER_CHOICES };
const ethnicity: Column = { header: 'Ethnicity', kind: 'choice', choices: ETHNICITY_CHOICES };
const dob: Column = { header: 'Date of Birth', kind: 'date' };
const age: Column = { header: 'Age of Child (Years)', kind: 'number' };
const disability: Column = { header: 'Does the Child have a Disability', kind: 'choice', choices: YES_NO_UNKNOWN };
const team: Column = { header: 'Allocated Team', kind: 'text' };
const worker: Column = { header: 'Allocated Worker', kind: 'text' };
const date = (header: string, notHeld?: string): Column => ({ header, kind: 'date', ...(notHeld ? { notHeld } : {}) });
const count = (header: string): Column => ({ header, kind: 'number' });
const choice = (header: string, choices: readonly string[], notHeld?: string): Column => ({ header, kind: 'choice', choices, ...(notHeld ? { notHeld } : {}) });
const text = (header: string, notHeld?: string): Column => ({ header, kind: 'text', ...(notHeld ? { notHeld } : {}) });
const common = [id, gender, ethnicity, dob, age];

export interface ListDefinition {
  number: ListNumber;
  title: string;
  /** The worksheet's name (at most 31 characters, Excel's limit). */
  sheet: string;
  columns: Column[];
}

/** Choice lists filled in by codes.ts (they come from the shared census and 903 code sets). */
export interface CodeChoices {
  contactSource: readonly string[];
  primaryNeed: readonly string[];
  closureReason: readonly string[];
  legalStatus: readonly string[];
  placementType: readonly string[];
  placementProvider: readonly string[];
  ceasedReason: readonly string[];
  accommodation: readonly string[];
  activity: readonly string[];
}

export function listDefinitions(codes: CodeChoices): ListDefinition[] {
  return [
    { number: 1, title: 'Contacts', sheet: 'List 1 Contacts', columns: [...common, date('Date of Contact'), choice('Contact Source', codes.contactSource)] },
    {
      number: 2,
      title: 'Early help assessments',
      sheet: 'List 2 Early help',
      columns: [...common, date('Assessment start date'), date('Assessment completion date'), text('Organisation completing assessment')],
    },
    {
      number: 3,
      title: 'Referrals',
      sheet: 'List 3 Referrals',
      columns: [...common, date('Date of referral'), choice('Referral Source', codes.contactSource), choice('Referral NFA?', YES_NO), count('Number of Referrals in Last 12 Months'), team, worker],
    },
    {
      number: 4,
      title: 'Assessments',
      sheet: 'List 4 Assessments',
      columns: [
        ...common,
        disability,
        date('Continuous Assessment Start Date'),
        choice('Child Seen During Continuous Assessment', YES_NO_UNKNOWN),
        date('Continuous Assessment Date of Authorisation'),
        choice("Was the child assessed as requiring LA children's social care support?", YES_NO_UNKNOWN),
        team,
        worker,
      ],
    },
    {
      number: 5,
      title: 'Section 47 enquiries and ICPCs',
      sheet: 'List 5 S47 and ICPC',
      columns: [
        ...common,
        disability,
        date('Strategy discussion initiating Section 47 Enquiry Start Date'),
        choice('Was an Initial Child Protection Conference deemed unnecessary?', YES_NO),
        date('Date of Initial Child Protection Conference'),
        choice('Did the Initial Child Protection Conference Result in a Child Protection Plan', YES_NO),
        count('Number of Section 47 Enquiries in the last 12 months'),
        count('Number of ICPCs in the last 12 months'),
        team,
        worker,
      ],
    },
    {
      number: 6,
      title: 'Children in need',
      sheet: 'List 6 Children in need',
      columns: [
        ...common,
        disability,
        date('CIN Start Date'),
        choice('Primary Need Code', codes.primaryNeed),
        date('Date Child Was Last Seen'),
        date('CIN Closure Date'),
        choice('Reason for Closure', codes.closureReason),
        choice('Case Status', CASE_STATUS),
        team,
        worker,
      ],
    },
    {
      number: 7,
      title: 'Child protection',
      sheet: 'List 7 Child protection',
      columns: [
        ...common,
        disability,
        date('Child Protection Plan Start Date'),
        choice('Initial Category of Abuse', ABUSE_CHOICES),
        choice('Latest Category of Abuse', ABUSE_CHOICES),
        date('Date of the Last Statutory Visit'),
        choice('Was the Child Seen Alone?', YES_NO_UNKNOWN),
        date('Date of latest review conference'),
        date('Child Protection Plan End Date'),
        choice('Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)', YES_NO),
        count('Number of Previous Child Protection Plans'),
        team,
        worker,
      ],
    },
    {
      number: 8,
      title: 'Children in care',
      sheet: 'List 8 Children in care',
      columns: [
        ...common,
        choice('Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', YES_NO),
        disability,
        date('Date Started to be Looked After'),
        choice("Child's Category of Need", codes.primaryNeed),
        choice('Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)', YES_NO),
        date('Start date of current legal status'),
        choice("Child's Legal Status", codes.legalStatus),
        date('Date of Latest Statutory Review'),
        date('Date of Last Social Work Visit'),
        choice('What is the permanence plan for this child?', PERMANENCE, 'Cairn records the care plan as text, not a coded permanence plan.'),
        date('Date of Last IRO Visit / Contact to the Child'),
        date('Date of Last Health Assessment'),
        date('Date of Last Dental Check'),
        count('Number of Placements in the Last 12 months'),
        date('Date Ceased to be Looked After'),
        choice('Reason Ceased to be Looked After', codes.ceasedReason),
        date('Start Date of Most Recent Placement'),
        choice('Placement Type', codes.placementType),
        choice('Placement Provider', codes.placementProvider),
        text('Placement postcode'),
        text('URN of Placement'),
        choice('Placement Location', PLACEMENT_LOCATION, 'Cairn holds no map of the authority’s boundary to tell whether a placement postcode is inside it.'),
        text('LA of Placement', 'Cairn holds no postcode-to-local-authority lookup.'),
        count("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"),
        count("Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"),
        choice('Was the child offered a Return Interview after their last missing episode (Y/N)?', YES_NO_UNKNOWN),
        choice('Did the child accept a Return Interview after their last missing episode (Y/N)?', YES_NO_UNKNOWN),
        team,
        worker,
      ],
    },
    {
      number: 9,
      title: 'Care leavers',
      sheet: 'List 9 Care leavers',
      columns: [
        ...common,
        choice('Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)', YES_NO),
        disability,
        team,
        worker,
        text('Allocated Personal Advisor'),
        choice('Eligibility Category', Object.values(ELIGIBILITY)),
        date('Latest Pathway Plan Review Date'),
        choice('LA in Touch', Object.values(IN_TOUCH)),
        date('Latest Date of Contact'),
        choice('Type of Accommodation', codes.accommodation),
        choice('Suitability of Accommodation', SUITABILITY),
        choice('Activity Status', codes.activity),
      ],
    },
    {
      number: 10,
      title: 'Adoption',
      sheet: 'List 10 Adoption',
      columns: [
        id,
        text('Family identifier', 'Cairn records no adoptive family, so there is no family to identify.'),
        gender,
        ethnicity,
        dob,
        age,
        disability,
        date('Date the Child Entered Care'),
        date('Date of Decision that Child Should be Placed for Adoption', 'Cairn records no agency decision maker’s (ADM) decision.'),
        date('Date of Placement Order'),
        date('Date of Matching Child and Prospective Adopters', 'Cairn records no matching panel or match.'),
        date('Date Placed for Adoption'),
        date('Date of Adoption Order'),
        date('Date of Decision that Child Should No Longer be Placed for Adoption', 'Cairn records no reversal of an adoption decision.'),
        choice('Reason Why Child No Longer Placed for Adoption', REVERSAL_REASONS, 'Cairn records no reversal of an adoption decision.'),
        date('Date the child was placed for fostering in FFA or concurrent planning placement'),
      ],
    },
    {
      number: 11,
      title: 'Adopters',
      sheet: 'List 11 Adopters',
      columns: ADOPTER_COLUMNS.map((c) => ({ ...c, notHeld: 'Cairn has no adopter recruitment capability: it holds no adopters.' })),
    },
  ];
}

const REVERSAL_REASONS = [
  'RD1 - The child’s needs changed subsequent to the decision',
  'RD2 - The Court did not make a placement order',
  'RD3 - Prospective adopters could not be found',
  'RD4 - Any other reason',
];

const ADOPTER_COLUMNS: Column[] = [
  { header: 'Individual adopter identifier', kind: 'id' },
  { header: 'Family identifier', kind: 'text' },
  gender,
  ethnicity,
  { header: 'Disability', kind: 'choice', choices: YES_NO },
  { header: 'Is the (prospective) adopter fostering for adoption?', kind: 'choice', choices: YES_NO },
  ...['Date enquiry received', 'Date Stage 1 started', 'Date Stage 1 ended', 'Date Stage 2 started', 'Date Stage 2 ended', 'Date application submitted', 'Date application approved', 'Date adopter matched with child(ren)', 'Date child/children placed with adopter(s)'].map((h) => date(h)),
  count('No. of children placed'),
  date('Date of Adoption Order'),
  date('Date of leaving adoption process'),
  { header: 'Reason for leaving adoption process', kind: 'choice', choices: ['1 - Adopter withdrew from process', '2 - Process put on hold', '3 - Application refused'] },
];
