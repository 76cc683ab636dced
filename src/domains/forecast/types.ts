/**
 * The shapes the forecast's parts share: the history read from the records (history.ts), the model fitted to it and
 * projected forward (model.ts), costs and scenarios (costs.ts, scenarios.ts), and the pages and CLI that show them.
 */

/** The states a child can be in at a month end, most intensive first: a child in two services counts in the first. */
export const STATES = [
  'care_residential',
  'care_fostering_agency',
  'care_fostering_in_house',
  'care_kinship',
  'care_other',
  'cp',
  'cin',
  'care_leaver',
  'early_help',
] as const;
export type State = (typeof STATES)[number];
/** Everyone else: children of the area not known to any service (the pool entries come from, and exits return to). */
export const NOT_KNOWN = 'not_known' as const;
export type StateOrPool = State | typeof NOT_KNOWN;

export const STATE_LABELS: Record<StateOrPool, string> = {
  care_residential: 'In care: residential',
  care_fostering_agency: 'In care: agency fostering',
  care_fostering_in_house: 'In care: in-house fostering',
  care_kinship: 'In care: kinship (family and friends)',
  care_other: 'In care: other placements',
  cp: 'Child protection plan',
  cin: 'Child in need',
  care_leaver: 'Care leaver',
  early_help: 'Early help',
  not_known: 'Not known to services',
};

/** Age bands by age at the month end. 18_plus holds care leavers only: nobody enters it from the pool. */
export const AGE_BANDS = ['under_1', '1_4', '5_9', '10_15', '16_17', '18_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  under_1: 'Under 1', '1_4': '1 to 4', '5_9': '5 to 9', '10_15': '10 to 15', '16_17': '16 to 17', '18_plus': '18 and over',
};
/** Width of each band in months, for ageing (18_plus has none: children leave it through observed exits). */
export const BAND_MONTHS: Record<AgeBand, number | null> = { under_1: 12, '1_4': 48, '5_9': 60, '10_15': 72, '16_17': 24, '18_plus': null };

/** Counts by band then state (or pool); every band and state present, zero when none. */
export type Counts = Record<AgeBand, Record<StateOrPool, number>>;

/**
 * One observed month: the children in each band and state at the start (the previous month end) and where they were
 * at its end. `transitions[band][from][to]` counts children by their band at the start, pool included at both ends
 * (a child whose case closes moves to the pool); staying put is `from === to`.
 */
export interface ObservedMonth {
  /** The month's last day, ISO `YYYY-MM-DD`. */
  monthEnd: string;
  start: Counts;
  transitions: Record<AgeBand, Record<StateOrPool, Record<StateOrPool, number>>>;
}

/** What the records say, ready for fitting: months oldest first, then the position at the cut-off. */
export interface History {
  /** The last month end of the reference window: forecasts start from here. */
  cutOff: string;
  months: ObservedMonth[];
  /** Children by band and state at the cut-off (the pool is the population less those known). */
  atCutOff: Counts;
}

/** Monthly transition probabilities by band: `rates[band][from][to]`, each row summing to 1. */
export type Rates = Record<AgeBand, Record<StateOrPool, Record<StateOrPool, number>>>;

/**
 * A change to the fitted rates. `entries`: every move into `to` from another state or the pool scaled by
 * (100 + percent)%, the difference staying where it was. `share`: of the children leaving `from` each month, `points`
 * more in every hundred go to `to`, taken proportionally from the other destinations.
 */
export type Adjustment =
  | { kind: 'entries'; to: State; percent: number }
  | { kind: 'share'; from: State; to: StateOrPool; points: number };

export interface Scenario {
  id: string;
  name: string;
  adjustments: Adjustment[];
}

/** One state's forecast month: the central estimate and the 50% and 90% intervals. */
export interface Band5 {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface ForecastMonth {
  /** The month's last day, ISO. */
  monthEnd: string;
  byState: Record<State, Band5>;
  /** All children in care (the five care states together). */
  inCare: Band5;
}

export interface Forecast {
  cutOff: string;
  months: ForecastMonth[];
}

/** Weekly unit cost in pounds per child in each state, at the prices of `priceBase` (a date), rising each year. */
export interface UnitCosts {
  weekly: Record<State, number>;
  annualInflationPercent: number;
  priceBase: string;
}

export interface BacktestResult {
  cutOff: string;
  /** Mean absolute percentage error over the months forecast, by state (null where the actual was always 0). */
  mapeByState: Record<State, number | null>;
  /** Children in care, all placements together. */
  mapeInCare: number | null;
  /** The mean of the states' errors, each weighted by its actual count. */
  mapeOverall: number | null;
  months: { monthEnd: string; forecast: Record<State, number>; actual: Record<State, number> }[];
}
