/**
 * The financial year (April to March) a date falls in, as annual reports name it: "2012/13". The LADO and MARAC
 * figures hold copies of the same rule that can move here.
 */
export function financialYear(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The first and last day of a financial year named "2012/13", or null when the name is not one. */
export function financialYearBounds(name: string): { from: string; to: string } | null {
  const match = /^(\d{4})\/(\d{2})$/.exec(name);
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) return null;
  return { from: `${match[1]}-04-01`, to: `${Number(match[1]) + 1}-03-31` };
}
