import { type CinRule, before, episodeRule, isDate, itemRule, overlap, pairs } from './kit.ts';

/** Rules about child in need plans (section 17). */
export const CIN_PLAN_RULES: CinRule[] = [
  itemRule(
    { code: '4015', severity: 'error', message: 'The child in need plan starts before the referral date.', fields: ['CINPlanStartDate'] },
    'CINPlanDates',
    (p, d) => before(p.CINPlanStartDate, d.CINreferralDate),
  ),
  itemRule(
    { code: '4011', severity: 'error', message: 'The child in need plan ends before it started.', fields: ['CINPlanEndDate'] },
    'CINPlanDates',
    (p) => before(p.CINPlanEndDate, p.CINPlanStartDate),
  ),
  itemRule(
    { code: '4013', severity: 'error', message: 'The child in need plan’s end date is outside the census year.', fields: ['CINPlanEndDate'] },
    'CINPlanDates',
    (p, _d, _c, ctx) => isDate(p.CINPlanEndDate) && (p.CINPlanEndDate < ctx.period.start || p.CINPlanEndDate > ctx.period.end),
  ),
  itemRule(
    { code: '4009', severity: 'error', message: 'The child in need plan ends after the child’s date of death.', fields: ['CINPlanEndDate'] },
    'CINPlanDates',
    (p, _d, c) => before(c.ChildIdentifiers.PersonDeathDate, p.CINPlanEndDate),
  ),
  itemRule(
    { code: '4010', severity: 'error', message: 'The child in need plan’s start date is missing or after the census reference date.', fields: ['CINPlanStartDate'] },
    'CINPlanDates',
    (p, _d, _c, ctx) => !isDate(p.CINPlanStartDate) || p.CINPlanStartDate > ctx.period.end,
  ),
  itemRule(
    { code: '4008', severity: 'error', message: 'The child in need plan starts after the child’s date of death.', fields: ['CINPlanStartDate'] },
    'CINPlanDates',
    (p, _d, c) => before(c.ChildIdentifiers.PersonDeathDate, p.CINPlanStartDate),
  ),
  itemRule(
    { code: '4012Q', severity: 'query', message: 'The child in need plan starts and ends on the same day: check the dates.', fields: ['CINPlanEndDate'] },
    'CINPlanDates',
    (p) => isDate(p.CINPlanStartDate) && p.CINPlanEndDate === p.CINPlanStartDate,
  ),
  itemRule(
    { code: '4000', severity: 'error', message: 'A referral that led to no further action cannot have a child in need plan.', fields: ['CINPlanStartDate'] },
    'CINPlanDates',
    (_p, d) => d.ReferralNFA === true,
  ),
  episodeRule(
    { code: '4004', severity: 'error', message: 'The episode has more than one open child in need plan.', fields: ['CINPlanEndDate'] },
    (d) => d.CINPlanDates.filter((p) => !p.CINPlanEndDate).length > 1,
  ),
  episodeRule(
    { code: '4014', severity: 'error', message: 'Two child in need plans in the episode overlap.', fields: ['CINPlanStartDate'] },
    (d) => [...pairs(d.CINPlanDates)].some(([a, b]) => overlap(a.CINPlanStartDate, a.CINPlanEndDate, b.CINPlanStartDate, b.CINPlanEndDate)),
  ),
];
