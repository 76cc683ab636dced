import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts';
import { collectionYearOf } from './engine.ts';
import type { ReturnKind } from './tables.ts';
import type { ValidatedKind } from './validate.ts';

/** The returns as the pages and the command line name them. */
export const RETURNS: Record<ReturnKind, { title: string; short: string; file: string; exportText: string }> = {
  cin: { title: 'Children in need census', short: 'CIN census', file: 'XML file', exportText: 'Export the CIN census XML' },
  '903': { title: 'SSDA903: children looked after', short: 'SSDA903', file: 'CSV files (zip)', exportText: 'Export the 903 CSV files (zip)' },
  'annex-a': { title: 'Ofsted Annex A', short: 'Annex A', file: 'Excel workbook', exportText: 'Export the Annex A workbook' },
};

export const SECTION = 'returns';

/** How many collection years back the pages offer: the DfE accepts amendments to recent years only. */
const YEARS_BACK = 4;

/** The current collection year (the one today falls in) first, then the years before it. */
export function offeredYears(today = ukToday()): number[] {
  const current = collectionYearOf(today);
  return Array.from({ length: YEARS_BACK + 1 }, (_, i) => current - i);
}

/** "1 April 2025 to 31 March 2026" is the 2026 collection: the DfE names a year by the March it ends in. */
export const yearLabel = (year: number) => `${year} (1 April ${year - 1} to 31 March ${year})`;

/** The return named in a path: `cin` or `903` (Annex A is a list at a date, not a collection year's return). */
export function validatedKind(value: unknown): ValidatedKind {
  if (value === 'cin' || value === '903') return value;
  throw new NotFoundError('There is no such return. The returns Cairn checks are the CIN census (cin) and the SSDA903 (903).');
}

/** A collection year from a path or a form: one of the offered years, or a 400 that says which are. */
export function collectionYearParam(value: unknown, today = ukToday()): number {
  const years = offeredYears(today);
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!years.includes(year)) {
    throw new BadRequestError(`Choose a collection year from ${years.at(-1)} to ${years[0]}. A collection year is named by the March it ends in: 2026 is 1 April 2025 to 31 March 2026.`);
  }
  return year;
}
