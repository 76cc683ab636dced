import { workingDaysBetween } from '../../../../platform/calendar/working-days.ts';
import { type CinRule, before, episodeRule, isDate, itemRule, overlap, pairs } from './kit.ts';
import type { CinSection47 } from '../model.ts';

/** Rules about section 47 enquiries and the initial child protection conferences that follow them. */

/** Still open at the reference date: no conference yet, and not decided that none is needed. */
const open = (s: CinSection47) => !s.DateOfInitialCPC && s.ICPCnotRequired !== true;
/** When the enquiry ended as far as the census knows: its conference, or its start when none was needed (no later date is sent). */
const endOf = (s: CinSection47) => s.DateOfInitialCPC ?? (s.ICPCnotRequired === true ? s.S47ActualStartDate : null);
const weekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

export const S47_RULES: CinRule[] = [
  itemRule(
    { code: '2889', severity: 'error', message: 'The section 47 enquiry starts before the referral date.', fields: ['S47ActualStartDate'] },
    'Section47',
    (s, d) => before(s.S47ActualStartDate, d.CINreferralDate),
  ),
  episodeRule(
    { code: '1104', severity: 'error', message: 'An initial conference is dated before the referral.', fields: ['DateOfInitialCPC'] },
    (d) => [d.DateOfInitialCPC, ...d.Section47.map((s) => s.DateOfInitialCPC)].some((date) => before(date, d.CINreferralDate)),
  ),
  itemRule(
    { code: '8615', severity: 'error', message: 'A section 47 enquiry with an initial conference must have a start date on or before the conference.', fields: ['S47ActualStartDate', 'DateOfInitialCPC'] },
    'Section47',
    (s) => (isDate(s.DateOfInitialCPC) && !isDate(s.S47ActualStartDate)) || before(s.DateOfInitialCPC, s.S47ActualStartDate),
  ),
  itemRule(
    { code: '8715', severity: 'error', message: 'The initial conference after the section 47 enquiry is dated outside the census year.', fields: ['DateOfInitialCPC'] },
    'Section47',
    (s, _d, _c, ctx) => isDate(s.DateOfInitialCPC) && (s.DateOfInitialCPC < ctx.period.start || s.DateOfInitialCPC > ctx.period.end),
  ),
  itemRule(
    { code: '8870Q', severity: 'query', message: 'The initial conference’s target date falls on a weekend: it should be 15 working days after the strategy discussion.', fields: ['InitialCPCtarget'] },
    'Section47',
    (s) => isDate(s.InitialCPCtarget) && weekend(s.InitialCPCtarget),
  ),
  itemRule(
    { code: '8875', severity: 'error', message: 'The initial conference is dated on a Saturday or Sunday.', fields: ['DateOfInitialCPC'] },
    'Section47',
    (s) => isDate(s.DateOfInitialCPC) && weekend(s.DateOfInitialCPC),
  ),
  itemRule(
    { code: '8740', severity: 'error', message: 'A section 47 enquiry still open at the end of the census year must have started in the census year.', fields: ['S47ActualStartDate'] },
    'Section47',
    (s, _d, _c, ctx) => open(s) && isDate(s.S47ActualStartDate) && s.S47ActualStartDate < ctx.period.start,
  ),
  itemRule(
    { code: '8675Q', severity: 'query', message: 'A section 47 enquiry with no conference (and none decided unnecessary) started more than 15 working days before the end of the census year.', fields: ['S47ActualStartDate'] },
    'Section47',
    (s, _d, _c, ctx) => open(s) && isDate(s.S47ActualStartDate) && workingDaysBetween(s.S47ActualStartDate, ctx.period.end) > 15,
  ),
  episodeRule(
    { code: '8839', severity: 'error', message: 'The episode has more than one section 47 enquiry still open.', fields: ['S47ActualStartDate'] },
    (d) => d.Section47.filter(open).length > 1,
  ),
  episodeRule(
    { code: '8890', severity: 'error', message: 'Two section 47 enquiries in the episode overlap: one starts while another is still open.', fields: ['S47ActualStartDate'] },
    (d) => [...pairs(d.Section47)].some(([a, b]) => overlap(a.S47ActualStartDate, endOf(a), b.S47ActualStartDate, endOf(b))),
  ),
];
