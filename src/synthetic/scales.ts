/**
 * The sizes the generator builds. `peterborough` is calibrated to the 2012/13 safeguarding board report (seed 001):
 * about 44,000 children aged 0–17. `kent` is eight times that. Teams grow with the children so caseloads stay
 * realistic (about 18 cases a social worker).
 */
export const SCALES = {
  tiny: { children: 2_000, teamsPerKind: 1 },
  peterborough: { children: 44_000, teamsPerKind: 2 },
  kent: { children: 350_000, teamsPerKind: 14 },
} as const;

export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as [ScaleName, ...ScaleName[]];

/** Social workers in each generated team (plus its manager). */
export const WORKERS_PER_TEAM = 6;
