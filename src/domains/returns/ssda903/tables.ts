/**
 * The SSDA903 tables as the DfE specifies them (shared/reference/statutory-returns.md §2.2): each table's file name,
 * its columns in the DfE's order, and which columns hold dates. A return is these tables as rows of strings keyed
 * by the DfE's column names, dates written DD/MM/YYYY, exactly as the files carry them: so one shape serves
 * Cairn's own export and files from any other system, and the rules never depend on where the rows came from.
 */
export const TABLE_NAMES = ['Header', 'Episodes', 'Reviews', 'UASC', 'OC2', 'OC3', 'AD1', 'PlacedAdoption', 'PrevPerm', 'Missing'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type Row = Record<string, string>;
export type Ssda903Return = Record<TableName, Row[]>;

export interface TableSpec {
  /** The CSV file name Cairn writes (other systems' names are recognised by their columns). */
  file: string;
  columns: readonly string[];
  /** Columns in DD/MM/YYYY form: an unreadable one makes the file unreadable. */
  dates: readonly string[];
}

export const TABLES: Record<TableName, TableSpec> = {
  Header: { file: 'header.csv', columns: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'], dates: ['DOB', 'MC_DOB'] },
  Episodes: {
    file: 'episodes.csv',
    columns: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
    dates: ['DECOM', 'DEC'],
  },
  Reviews: { file: 'reviews.csv', columns: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'], dates: ['DOB', 'REVIEW'] },
  UASC: { file: 'uasc.csv', columns: ['CHILD', 'SEX', 'DOB', 'DUC'], dates: ['DOB', 'DUC'] },
  OC2: {
    file: 'oc2.csv',
    columns: [
      'CHILD',
      'DOB',
      'SDQ_SCORE',
      'SDQ_REASON',
      'CONVICTED',
      'HEALTH_CHECK',
      'IMMUNISATIONS',
      'TEETH_CHECK',
      'HEALTH_ASSESSMENT',
      'SUBSTANCE_MISUSE',
      'INTERVENTION_RECEIVED',
      'INTERVENTION_OFFERED',
    ],
    dates: ['DOB'],
  },
  OC3: { file: 'oc3.csv', columns: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'], dates: ['DOB'] },
  AD1: { file: 'ad1.csv', columns: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'], dates: ['DOB', 'DATE_INT', 'DATE_MATCH'] },
  PlacedAdoption: { file: 'placed_for_adoption.csv', columns: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'], dates: ['DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED'] },
  PrevPerm: { file: 'previous_permanence.csv', columns: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'], dates: ['DOB'] },
  Missing: { file: 'missing.csv', columns: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'], dates: ['DOB', 'MIS_START', 'MIS_END'] },
};

export const emptyReturn = (): Ssda903Return => Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as Ssda903Return;

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'; null or empty → ''. */
export const ukDate = (iso: string | null | undefined): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Dates repeat across a return's rows: each distinct one is read once (a whole authority is tens of thousands). */
const known = new Map<string, string | null>();

/** 'DD/MM/YYYY' → 'YYYY-MM-DD', or null when it is not a real date. */
export function isoDate(uk: string | undefined): string | null {
  if (!uk) return null;
  const cached = known.get(uk);
  if (cached !== undefined) return cached;
  const m = /^\s*(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(uk);
  let iso: string | null = null;
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!)) iso = `${m[3]}-${m[2]}-${m[1]}`;
  }
  if (known.size > 100_000) known.clear();
  known.set(uk, iso);
  return iso;
}
