import type { PanelKind } from '../../db/types.ts';

/**
 * The code sets each kind of panel records. MASG routes, presenting issues and services come from the
 * partnership's own MASG returns (seed 001: "referrals by route", "top presenting issues", "top services offered");
 * the Unborn Baby Panel and MET hub lists are the concerns those panels discuss.
 */
export type Codes = Record<string, string>;

export interface PanelKindConfig {
  label: string;
  /** How a referral reaches the panel. */
  routes: Codes;
  routeLegend: string;
  /** What the panel is asked to consider (presenting issues, concerns, categories of harm). */
  issues: Codes;
  issuesLegend: string;
  /** Whether the panel scores "distance travelled" at entry and at each review (and offers services). */
  scoresDistance: boolean;
}

export const MASG_SERVICES: Codes = {
  housing_advice: 'Housing advice and support',
  school: 'School, pre-school or nursery',
  zero_nineteen: '0–19 service',
  childrens_centre: 'Children’s centre',
  health_visitor: 'Health visitor',
  school_nurse: 'School nurse',
  camhs: 'Child and adolescent mental health service',
  parenting: 'Parenting programme',
  connecting_families: 'Connecting Families',
  youth_offending: 'Youth offending service',
  educational_psychology: 'Educational psychology',
  attendance: 'Education attendance service',
  neighbourhood_policing: 'Neighbourhood policing',
  domestic_abuse: 'Domestic abuse service',
  substance_misuse: 'Substance misuse service',
  adult_mental_health: 'Adult mental health service',
  voluntary_sector: 'Voluntary sector family support',
};

export const PANEL_KINDS: Record<PanelKind, PanelKindConfig> = {
  masg: {
    label: 'Multi-Agency Support Group (MASG)',
    routeLegend: 'How has the child come to the MASG?',
    routes: {
      contact_below_threshold: 'Contact not meeting the social care threshold',
      step_down_initial: 'Step-down after an initial assessment',
      step_down_core: 'Step-down after a core assessment',
      caf: 'CAF: an existing early help case making little progress',
    },
    issuesLegend: 'Presenting issues',
    issues: {
      challenging_behaviour: 'Challenging behaviour',
      domestic_violence: 'Domestic violence',
      relationships: 'Relationships',
      young_person_health: 'Young person’s health',
      parental_mental_health: 'Parental mental health',
      housing: 'Housing',
      neglect: 'Neglect',
      substance_misuse: 'Substance misuse',
      sexualised_behaviour: 'Sexualised behaviour',
      inconsistent_parenting: 'Inconsistent parenting',
      self_harm: 'Self-harm',
      missing_from_home: 'Missing from home',
      parental_discord: 'Parental discord',
      eating_disorders: 'Eating disorders',
      personal_hygiene: 'Personal hygiene',
      language_barriers: 'Language barriers',
      overcrowding: 'Overcrowding',
      homelessness: 'Homelessness',
    },
    scoresDistance: true,
  },
  unborn_baby: {
    label: 'Unborn Baby Panel',
    routeLegend: 'Who raised the concern?',
    routes: {
      midwife: 'Midwife',
      health_visitor: 'Health visitor',
      social_care: 'Children’s social care',
      police: 'Police',
      other: 'Another agency',
    },
    issuesLegend: 'Concerns',
    issues: {
      domestic_abuse: 'Domestic abuse',
      substance_misuse: 'Substance misuse',
      parental_mental_health: 'Parental mental health',
      previous_children_removed: 'Previous children removed',
      learning_disability: 'Parental learning disability',
      young_parent: 'Young parent',
      housing: 'Housing',
    },
    scoresDistance: false,
  },
  met_hub: {
    label: 'MET hub (missing, exploited, trafficked)',
    routeLegend: 'Which agency is referring?',
    routes: {
      police: 'Police',
      social_care: 'Children’s social care',
      school: 'School',
      health: 'Health',
      youth_offending: 'Youth offending service',
      other: 'Another agency',
    },
    issuesLegend: 'Categories of concern',
    issues: {
      missing: 'Missing',
      cse: 'Child sexual exploitation',
      cce: 'Child criminal exploitation or county lines',
      trafficking: 'Trafficking',
      modern_slavery: 'Modern slavery',
    },
    scoresDistance: false,
  },
};

export const PANEL_KIND_KEYS = Object.keys(PANEL_KINDS) as [PanelKind, ...PanelKind[]];

/** Why a referral ends. */
export const CLOSURE_OUTCOMES: Codes = {
  needs_met: 'Needs met',
  stepped_up: 'Stepped up to children’s social care',
  continued_tac: 'Continued in the Team Around the Child',
  no_longer_meets_criteria: 'No longer meets the panel’s criteria',
  moved_away: 'Moved out of the area',
};

export const REFERRAL_STATUS: Record<'awaiting' | 'open' | 'closed', { text: string; colour: string }> = {
  awaiting: { text: 'Awaiting first discussion', colour: 'blue' },
  open: { text: 'Open', colour: 'green' },
  closed: { text: 'Closed', colour: 'grey' },
};

export const MEETING_STATUS: Record<'planned' | 'held' | 'cancelled', { text: string; colour: string }> = {
  planned: { text: 'Planned', colour: 'blue' },
  held: { text: 'Held', colour: 'green' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
};

export const ITEM_STATUS: Record<'pending' | 'decided' | 'deferred', { text: string; colour: string }> = {
  pending: { text: 'To discuss', colour: 'yellow' },
  decided: { text: 'Decided', colour: 'green' },
  deferred: { text: 'Deferred', colour: 'grey' },
};

export const ATTENDANCE: Record<'present' | 'apologies' | 'absent', string> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
};

/** What the panel decides about a child at one discussion. */
export const ITEM_OUTCOMES = {
  continue: 'Keep open and review at a later meeting',
  close: 'Close the referral',
  defer: 'Defer to the next meeting (not discussed)',
} as const;
export type ItemOutcome = keyof typeof ITEM_OUTCOMES;

export const labelOf = (codes: Codes, code: string) => codes[code] ?? code;
export const kindLabel = (kind: string) => PANEL_KINDS[kind as PanelKind]?.label ?? kind;
export const routeLabel = (kind: string, code: string) => labelOf(PANEL_KINDS[kind as PanelKind]?.routes ?? {}, code);
export const issueLabel = (kind: string, code: string) => labelOf(PANEL_KINDS[kind as PanelKind]?.issues ?? {}, code);

/** Radio or checkbox items for a GOV.UK component, marking what was chosen. */
export function choiceItems(codes: Codes, chosen: string | readonly string[] | undefined) {
  const picked = new Set(Array.isArray(chosen) ? chosen : chosen ? [chosen] : []);
  return Object.entries(codes).map(([value, text]) => ({ value, text, checked: picked.has(value) }));
}
