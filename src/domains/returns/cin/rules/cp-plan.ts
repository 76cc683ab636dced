import { ABUSE_CATEGORIES, MULTIPLE_CATEGORIES } from '../../../../platform/codes/cin.ts';
import type { CinChild, CinDetails } from '../model.ts';
import { episodeLocation } from '../model.ts';
import { type CinRule, before, childRule, episodeRule, isDate, itemRule, overlap, pairs } from './kit.ts';

/** Rules about child protection plans, their reviews, and how they sit with conferences and CIN plans. */

const CATEGORIES = new Set([...Object.keys(ABUSE_CATEGORIES), MULTIPLE_CATEGORIES]);
const plansOf = (c: CinChild) => c.CINdetails.flatMap((d) => d.ChildProtectionPlans);
/** The initial conference dates in an episode: on its section 47s, or on the episode when there was none. */
const conferenceDates = (d: CinDetails) => [d.DateOfInitialCPC, ...d.Section47.map((s) => s.DateOfInitialCPC)].filter(isDate);

export const CP_PLAN_RULES: CinRule[] = [
  itemRule(
    { code: '1105', severity: 'error', message: 'The child protection plan starts before the referral date.', fields: ['CPPstartDate'] },
    'ChildProtectionPlans',
    (p, d) => before(p.CPPstartDate, d.CINreferralDate),
  ),
  itemRule(
    { code: '8720', severity: 'error', message: 'The child protection plan’s start date is missing or after the census reference date.', fields: ['CPPstartDate'] },
    'ChildProtectionPlans',
    (p, _d, _c, ctx) => !isDate(p.CPPstartDate) || p.CPPstartDate > ctx.period.end,
  ),
  itemRule(
    { code: '8925', severity: 'error', message: 'The child protection plan ends before it started.', fields: ['CPPendDate'] },
    'ChildProtectionPlans',
    (p) => before(p.CPPendDate, p.CPPstartDate),
  ),
  itemRule(
    { code: '8930', severity: 'error', message: 'The child protection plan’s end date is outside the census year.', fields: ['CPPendDate'] },
    'ChildProtectionPlans',
    (p, _d, _c, ctx) => isDate(p.CPPendDate) && (p.CPPendDate < ctx.period.start || p.CPPendDate > ctx.period.end),
  ),
  itemRule(
    { code: '8840', severity: 'error', message: 'The child protection plan starts and ends on the same day.', fields: ['CPPendDate'] },
    'ChildProtectionPlans',
    (p) => isDate(p.CPPstartDate) && p.CPPendDate === p.CPPstartDate,
  ),
  itemRule(
    { code: '8841', severity: 'error', message: 'A review conference is dated on or before the plan started, or after it ended.', fields: ['CPPreviewDate'] },
    'ChildProtectionPlans',
    (p) => p.CPPreviewDate.some((r) => isDate(r) && ((isDate(p.CPPstartDate) && r <= p.CPPstartDate) || (isDate(p.CPPendDate) && r > p.CPPendDate))),
  ),
  itemRule(
    { code: '8842Q', severity: 'query', message: 'A review conference is recorded without a valid date.', fields: ['CPPreviewDate'] },
    'ChildProtectionPlans',
    (p) => p.CPPreviewDate.some((r) => !isDate(r)),
  ),
  itemRule(
    { code: '8905', severity: 'error', message: 'The initial category of abuse is missing or is not NEG, PHY, SAB, EMO or MUL.', fields: ['InitialCategoryOfAbuse'] },
    'ChildProtectionPlans',
    (p) => !CATEGORIES.has(p.InitialCategoryOfAbuse ?? ''),
  ),
  itemRule(
    { code: '8910', severity: 'error', message: 'The latest category of abuse is missing or is not NEG, PHY, SAB, EMO or MUL.', fields: ['LatestCategoryOfAbuse'] },
    'ChildProtectionPlans',
    (p) => !CATEGORIES.has(p.LatestCategoryOfAbuse ?? ''),
  ),
  itemRule(
    { code: '8730', severity: 'error', message: 'The number of previous child protection plans must be given as a whole number, 0 or more.', fields: ['NumberOfPreviousCPP'] },
    'ChildProtectionPlans',
    (p) => p.NumberOfPreviousCPP === null || p.NumberOfPreviousCPP < 0,
  ),
  episodeRule(
    { code: '2885', severity: 'error', message: 'A child protection plan starting in the census year does not start on the date of an initial conference in the episode.', fields: ['CPPstartDate'] },
    (d, _c, ctx) => {
      const dates = new Set(conferenceDates(d));
      return d.ChildProtectionPlans.some((p) => isDate(p.CPPstartDate) && p.CPPstartDate >= ctx.period.start && !dates.has(p.CPPstartDate));
    },
  ),
  episodeRule(
    { code: '2883', severity: 'error', message: 'More child protection plans start in the census year than initial conferences were held in it.', fields: ['CPPstartDate'] },
    (d, _c, ctx) => {
      const inYear = (date: string | null) => isDate(date) && date >= ctx.period.start && date <= ctx.period.end;
      return d.ChildProtectionPlans.filter((p) => inYear(p.CPPstartDate)).length > conferenceDates(d).filter(inYear).length;
    },
  ),
  childRule(
    { code: '8935', severity: 'error', message: 'The child has more than one open child protection plan.', fields: ['CPPendDate'] },
    (c) => plansOf(c).filter((p) => !p.CPPendDate).length > 1,
  ),
  childRule(
    { code: '8940', severity: 'error', message: 'Two of the child’s child protection plans overlap: a plan may start the day the last one ended, not before.', fields: ['CPPstartDate'] },
    (c) => [...pairs(plansOf(c))].some(([a, b]) => overlap(a.CPPstartDate, a.CPPendDate, b.CPPstartDate, b.CPPendDate)),
  ),
  episodeRule(
    { code: '4001', severity: 'error', message: 'The episode has an open child in need plan and an open child protection plan: the CIN plan ends when the CP plan starts.', fields: ['CINPlanEndDate'] },
    (d) => d.CINPlanDates.some((p) => !p.CINPlanEndDate) && d.ChildProtectionPlans.some((p) => !p.CPPendDate),
  ),
  episodeRule(
    { code: '4003', severity: 'error', message: 'A child protection review conference is dated while a child in need plan was open (other than on the day the CP plan ended).', fields: ['CPPreviewDate'] },
    (d) =>
      d.ChildProtectionPlans.some((p) =>
        p.CPPreviewDate.some((r) => r !== p.CPPendDate && d.CINPlanDates.some((q) => isDate(q.CINPlanStartDate) && isDate(r) && r >= q.CINPlanStartDate && (q.CINPlanEndDate === null || r < q.CINPlanEndDate))),
      ),
  ),
  {
    code: '4016',
    severity: 'error',
    message: 'A child in need plan runs at the same time as a child protection plan: a child is on one or the other.',
    fields: ['CINPlanStartDate'],
    *check(ret) {
      for (const c of ret.Children) {
        const cp = plansOf(c);
        for (const [i, d] of c.CINdetails.entries()) {
          // A CIN plan may end the day a CP plan starts, and start the day one ends (4017 looks at the start).
          if (d.CINPlanDates.some((p) => cp.some((q) => overlap(p.CINPlanStartDate, p.CINPlanEndDate, q.CPPstartDate, q.CPPendDate)))) {
            yield { child: c.ChildIdentifiers.LAchildID, location: episodeLocation(i) };
          }
        }
      }
    },
  },
];
