import { ABUSE_CATEGORIES, MULTIPLE_CATEGORIES } from '../../../../platform/codes/cin.ts';
import type { CinChild, CinDetails } from '../model.ts';
import { type CinRule, before, childRule, episodeRule, isDate, itemRule, overlap, pairs } from './kit.ts';

/** Rules about child protection plans, their reviews, and how they sit with conferences and CIN plans. */

const CATEGORIES = new Set([...Object.keys(ABUSE_CATEGORIES), MULTIPLE_CATEGORIES]);
const plansOf = (c: CinChild) => c.CINdetails.flatMap((d) => d.ChildProtectionPlans);
/** The initial conference dates in an episode: on its section 47s, or on the episode when there was none. */
/** A date on or after a start and before an end (or with no end): the other plan was open that day. */
const within = (date: string | null, start: string | null, end: string | null) => isDate(date) && isDate(start) && date >= start && (!isDate(end) || date < end);
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
  // A child is on a CIN plan or a CP plan, never both: neither may start while the other is open (it may start the
  // day the other ended). The DfE checks this across all the child's episodes.
  childRule(
    { code: '4016', severity: 'error', message: 'A child in need plan starts while a child protection plan is open: a child is on one or the other.', fields: ['CINPlanStartDate'] },
    (c) => {
      const cin = c.CINdetails.flatMap((d) => d.CINPlanDates);
      return cin.some((p) => plansOf(c).some((q) => within(p.CINPlanStartDate, q.CPPstartDate, q.CPPendDate)));
    },
  ),
  childRule(
    { code: '4017', severity: 'error', message: 'A child protection plan starts while a child in need plan is open: end the CIN plan the day the CP plan starts.', fields: ['CPPstartDate'] },
    (c) => {
      const cin = c.CINdetails.flatMap((d) => d.CINPlanDates);
      return plansOf(c).some((q) => cin.some((p) => within(q.CPPstartDate, p.CINPlanStartDate, p.CINPlanEndDate)));
    },
  ),
];
