/** The first moment of a calendar date in UK time, for `at >= start of from AND at < start of day after to`. */
export function startOfUkDay(date: string): Date {
  // Europe/London is UTC or UTC+1; find the offset on that day from the formatted hour of noon UTC.
  const noon = new Date(`${date}T12:00:00Z`);
  const ukHour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(noon));
  return new Date(Date.parse(`${date}T00:00:00Z`) - (ukHour - 12) * 3_600_000);
}

export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
