/** Who referred the case: the agencies SafeLives' MARAC data asks about. */
export const REFERRING_AGENCIES = {
  police: 'Police',
  idva: 'IDVA service',
  social_care: 'Children’s social care',
  health: 'Health',
  housing: 'Housing',
  probation: 'Probation',
  education: 'Education',
  voluntary: 'Voluntary sector',
  other: 'Other',
} as const;

/** Why the case meets the MARAC threshold: a DASH score of 14 or more, or a professional's judgement, or escalation. */
export const RISK_BASES = {
  dash: 'DASH risk assessment score',
  professional_judgement: 'Professional judgement',
  escalation: 'Escalation (repeated incidents)',
} as const;

/** The usual high-risk threshold on the 27-question DASH risk checklist. */
export const DASH_HIGH_RISK = 14;
export const DASH_MAX = 27;

/** A repeat is a new referral within 12 months of the victim's last one. */
export const REPEAT_WINDOW_MONTHS = 12;

export const OUTCOMES = {
  closed: 'Case closed',
  carried: 'Carried to the next meeting',
} as const;

export const CLOSURE_REASONS = {
  actions_complete: 'Actions complete: risk reduced',
  moved_away: 'Victim moved out of the area (case transferred)',
  declined: 'Victim declined further support',
  other: 'Other',
} as const;

export const label = <T extends Record<string, string>>(set: T, code: string | null | undefined) => (code ? ((set as Record<string, string>)[code] ?? code) : '');
