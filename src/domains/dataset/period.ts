/**
 * The period a dashboard or indicator page counts over, chosen in its query string (`?year=2024` for April 2024 to
 * March 2025, `?year=ytd` for this financial year so far). With no choice: the last complete financial year.
 */
import { z } from 'zod';
import { financialYear, financialYearLabel, financialYearRange, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { Period } from './indicators/types.ts';

export const YEAR_TO_DATE = 'ytd';

export interface ChosenPeriod extends Period {
  /** What the query string says: a financial year's start, or "ytd". */
  key: string;
  /** The financial year the period falls in (targets and comparators are kept by it). */
  year: number;
  /** "April 2024 to March 2025", or "1 April 2026 to 6 December 2026 (this year to date)". */
  label: string;
  /** For file names: "2024-25", or "2026-27-to-2026-12-06". */
  slug: string;
}

/** The earliest year anyone may ask for: nothing in Cairn is older, and a typo should not scan decades. */
const EARLIEST = 2000;

const yearChoice = (today: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === YEAR_TO_DATE || (/^\d{4}$/.test(v) && Number(v) >= EARLIEST && Number(v) < financialYearStart(today)), {
      message: 'Choose a period from the list',
    });

/** The last financial year that has ended by `today`. */
export const lastCompleteYear = (today: string) => financialYearStart(today) - 1;

export function periodOf(key: string, today: string): ChosenPeriod {
  if (key === YEAR_TO_DATE) {
    const year = financialYearStart(today);
    const from = financialYearRange(year).from;
    return { key, year, from, to: today, label: `${formatDate(from)} to ${formatDate(today)} (this year to date)`, slug: `${financialYear(today).replace('/', '-')}-to-${today}` };
  }
  const year = Number(key);
  return { key, year, ...financialYearRange(year), label: financialYearLabel(year), slug: financialYear(`${year}-04-01`).replace('/', '-') };
}

/** One value of a query string (a repeated key keeps its first). */
export const oneValue = (value: unknown): string | undefined => (Array.isArray(value) ? oneValue(value[0]) : typeof value === 'string' ? value : undefined);

/** Reads `year` from a query string: the period, or the message to show beside the picker. */
export function readPeriod(query: unknown, today: string): { input: string; period: ChosenPeriod | null; error: string | null } {
  const raw = oneValue((query as Record<string, unknown> | null)?.year)?.trim();
  const input = raw || String(lastCompleteYear(today));
  const parsed = yearChoice(today).safeParse(input);
  if (!parsed.success) return { input, period: null, error: parsed.error.issues[0]?.message ?? 'Choose a period from the list' };
  return { input, period: periodOf(parsed.data, today), error: null };
}

/**
 * The picker's choices: this year to date, then each complete financial year from the earliest with records (newest
 * first), keeping a chosen year that falls outside them (a bookmarked link to an older year still reads as chosen).
 */
export function periodChoices(earliestYear: number | null, chosen: string, today: string): { value: string; text: string; selected: boolean }[] {
  const last = lastCompleteYear(today);
  const first = Math.max(EARLIEST, Math.min(earliestYear ?? last, last));
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  if (/^\d{4}$/.test(chosen) && !years.includes(Number(chosen)) && Number(chosen) >= EARLIEST && Number(chosen) <= last) years.push(Number(chosen));
  return [
    { value: YEAR_TO_DATE, text: periodOf(YEAR_TO_DATE, today).label, selected: chosen === YEAR_TO_DATE },
    ...years.sort((a, b) => b - a).map((y) => ({ value: String(y), text: financialYearLabel(y), selected: chosen === String(y) })),
  ];
}
