import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { financialYear } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { REFERRING_AGENCIES } from './labels.ts';
import * as repo from './repository.ts';

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * The MARAC's year-on-year figures, worked out from the cases: referrals by the year they were made, with their
 * repeats (a referral within 12 months of the victim's last), children in the households, referrals by agency,
 * and the actions due that year that were done by their due date; and the cases discussed at the year's meetings.
 */
export async function maracFigures(ctx: RequestContext) {
  authorise(ctx, 'marac.work');
  const today = ukToday();
  const cases = await repo.casesForFigures(ctx.db);
  const actions = (await repo.actionsForFigures(ctx.db)).filter((a) => a.due_on <= today);
  const discussions = await repo.discussionsForFigures(ctx.db);
  const years = [...new Set([...cases.map((c) => financialYear(c.referred_on)), ...discussions.map((d) => financialYear(d.held_on))])].sort();
  const inYear = (y: string) => cases.filter((c) => financialYear(c.referred_on) === y);
  const dueInYear = (y: string) => actions.filter((a) => financialYear(a.due_on) === y);
  const summary = years.map((y) => {
    const rows = inYear(y);
    const repeats = rows.filter((r) => r.repeat_of).length;
    const due = dueInYear(y);
    const onTime = due.filter((a) => a.done_on && a.done_on <= a.due_on).length;
    const discussed = new Set(discussions.filter((d) => financialYear(d.held_on) === y).map((d) => d.case_id)).size;
    return { year: y, cases: rows.length, discussed, repeats, repeatPercent: percent(repeats, rows.length), children: rows.reduce((n, r) => n + r.children, 0), actionsDue: due.length, onTime, onTimePercent: percent(onTime, due.length) };
  });
  const agencyCodes = [...Object.keys(REFERRING_AGENCIES), ...new Set(cases.map((c) => c.referring_agency).filter((a) => !(a in REFERRING_AGENCIES)))];
  const byAgency = agencyCodes.map((code) => ({
    label: (REFERRING_AGENCIES as Record<string, string>)[code] ?? code,
    counts: years.map((y) => inYear(y).filter((c) => c.referring_agency === code).length),
  }));
  return { years, summary, byAgency };
}
