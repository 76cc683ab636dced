/**
 * Financial years (April to March), the years every annual report and statutory return counts in. A year is named
 * by the calendar year it starts in (2025 for April 2025 to March 2026), or as reports print it: "2025/26".
 */
export function financialYearStart(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/** The financial year a date falls in, as annual reports name it: "2012/13". */
export function financialYear(date: string): string {
  const start = financialYearStart(date);
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** "April 2025 to March 2026", for a heading or a choice of year. */
export const financialYearLabel = (start: number) => `April ${start} to March ${start + 1}`;

/** The first and last day of the financial year starting in April of `start`. */
export const financialYearRange = (start: number) => ({ from: `${start}-04-01`, to: `${start + 1}-03-31` });

/** The first and last day of a financial year named "2012/13", or null when the name is not one. */
export function financialYearBounds(name: string): { from: string; to: string } | null {
  const match = /^(\d{4})\/(\d{2})$/.exec(name);
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) return null;
  return financialYearRange(Number(match[1]));
}
