/** The last day of the month `months` after the one `monthEnd` falls in: 2026-01-31 + 1 is 2026-02-28. */
export function monthEndAfter(monthEnd: string, months: number): string {
  const year = Number(monthEnd.slice(0, 4));
  const month = Number(monthEnd.slice(5, 7));
  return new Date(Date.UTC(year, month + months, 0)).toISOString().slice(0, 10);
}
