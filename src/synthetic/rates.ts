/**
 * The journey model's rates, calibrated to the 2012/13 report in seed 001 at `peterborough` scale (about 44,000
 * children). Monthly rates are per child per month; shares are probabilities at a branch. Changing one moves the
 * calibration report (`npm run cairn -- seed-report`); the calibration test holds them to ±10 %.
 *
 * Two runs are held to the seed: one year of data (the calibration test: what is open at the start comes from
 * `initial`) and the last complete financial year of five years of data ending today (stocks built by the model
 * itself). The rates are chosen so the model reaches a steady state rather than building up year on year:
 * stock ≈ starts × mean duration (a log-normal's mean is its median × e^(spread²/2)). The seed year itself was not
 * steady (plans rose from 185 to 270), so at steady state plans at the year start and plans ending stay above it.
 */
export const RATES = {
  /** Contacts to the front door, per child per month, by age band, before each child's own frailty. */
  contact: { unborn: 0, under1: 0.016, under5: 0.0095, under10: 0.0085, under16: 0.0105, under18: 0.008 },
  /** How unevenly contacts fall on families (gamma shape: smaller is more uneven; mean 1). */
  contactFrailtyShape: 0.6,
  contactOutcome: { no_further_action: 31, advice: 26, early_help: 4, social_care_referral: 33, strategy_discussion: 6 },
  contactAgency: { police: 30, school: 22, health: 16, csc: 8, vol: 8, housing: 6, probation: 3, eh: 7 },

  /** Early help opened directly by an agency, per child per month (pre-birth is the four months before birth). */
  earlyHelp: { unborn: 0.0047, under5: 0.00041, under11: 0.00047, under16: 0.00037, under18: 0.00009 },
  earlyHelpLead: { school: 57, health: 27, eh: 12, vol: 1, housing: 2, probation: 1 },
  earlyHelpMonths: { median: 7, spread: 0.5 },
  earlyHelpRegistered: 0.93,
  earlyHelpStepUp: 0.07,
  earlyHelpClosure: { needs_met: 70, family_withdrew: 13, moved_away: 7, transferred: 5, other: 5 },
  /** Early help cases taken to the locality MASG (the "CAF" route), and step-downs that go there too. */
  masgFromEarlyHelp: 0.33,
  masgFromStepDown: 0.6,
  masgFromAdvice: 0.005,

  /** A referral closed at once with no further action. */
  referralNfa: 0.08,
  /** What the assessment finds (a referral that began with a strategy discussion goes straight to section 47). */
  assessmentOutcome: { no_further_action: 40.5, early_help: 6.5, child_in_need_plan: 25, strategy_discussion: 27, care: 7 },
  /** Working days an assessment takes: median and spread; about one in six misses the 45-day clock. */
  assessmentWorkingDays: { median: 29, spread: 0.45 },
  strategyToSection47: 0.9,
  section47Outcome: { conference: 62, concerns_not_substantiated: 25, substantiated_no_conference: 13 },
  conferenceMakesPlan: 0.92,
  /** Initial conferences within 15 working days of the strategy discussion. */
  conferenceOnTime: 0.8,
  category: { NEG: 55, EMO: 27, PHY: 12, SAB: 5, MUL: 1 },
  /**
   * Months a child protection plan lasts: mean about 11, so about 320 plans a year hold about 280 open; about 5 %
   * reach two years (the seed: 9 of 232 ending). A wider spread puts too many past two years once the data is long.
   */
  cpPlanMonths: { median: 9.4, spread: 0.57 },
  /** After a plan: a child in need plan follows, or the child comes into care. */
  afterCpPlan: { child_in_need_plan: 69, close: 18, care: 13 },
  /**
   * Earlier plans before the data began, so repeat plans keep their real share: the chance tapers over ten years of
   * data (`HISTORIC_PLAN_TAPER_YEARS` in model-episode.ts) as repeats of plans inside the data take over.
   */
  historicPlan: 0.19,
  cinPlanMonths: { median: 6, spread: 0.55 },
  afterCinPlan: { close: 85, early_help: 10, care: 5 },

  /** Care: short stays return home; long stays end in adoption, special guardianship or adulthood. */
  careShortStay: 0.35,
  careShortMonths: { median: 3, spread: 0.8 },
  /** Long stays: mean about 43 months (cut short at 18), so about 170 admissions a year hold about 350 in care. */
  careLongMonths: { median: 34, spread: 0.7 },
  /** A placement lasts about this many months before a move. */
  placementMonths: { median: 14, spread: 0.9 },
  uascShare: 0.04,

  /** Open at the start of the data, per child, by age band: children in care, on plans, in need, in early help. */
  initial: {
    care: { under1: 0.0035, under5: 0.006, under10: 0.0065, under16: 0.0095, under18: 0.013 },
    cp: { under1: 0.0075, under5: 0.0054, under10: 0.0037, under16: 0.0028, under18: 0.001 },
    cin: 0.0135,
    earlyHelp: 0.011,
    /** Young people aged 18 to 20 at the start who left care at 18. */
    careLeaver: 0.0075,
  },

  /**
   * Missing: monthly incidents for a child aged 10–17, scaled by each child's own propensity (very uneven, and
   * higher in the families social care sees most, so children who come into care through the model go missing far
   * more than those already in care when the data begins: the in-care multiplier is set for the steady state).
   */
  missing: { under10: 0.00004, under13: 0.00055, under18: 0.00145, inCareMultiplier: 4.5, frailtyShape: 0.12 },
  /**
   * After going missing a child is more likely to go again: the rate multiplies, and eases month by month. A
   * stronger boost locks the most prone children into going missing every month, and their number builds up for
   * years (five years of data gave nearly three times the seed's incidents).
   */
  missingRepeatBoost: 1.5,
  missingBoostEases: 0.6,
  /**
   * Families who were just known to social care come back: contacts are likelier for a year after closure. Kept
   * at 1 (no boost): the families' own frailty already brings them back, and a boost built social care up year on
   * year (plans starting rose by a third from the first year to the fifth).
   */
  afterClosureContactBoost: 1,
  missingHours: { median: 14, spread: 1 },
  missingInterviewOffered: 0.9,
  missingInterviewAccepted: 0.7,
  missingScreened: 0.2,
  missingToMetHub: 0.3,
  missingLeadsToContact: 0.25,
} as const;

export type AgeBand = 'unborn' | 'under1' | 'under5' | 'under10' | 'under16' | 'under18';

export const ageBand = (ageYears: number): AgeBand =>
  ageYears < 0 ? 'unborn' : ageYears < 1 ? 'under1' : ageYears < 5 ? 'under5' : ageYears < 10 ? 'under10' : ageYears < 16 ? 'under16' : 'under18';
