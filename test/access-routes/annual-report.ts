import { type Rule, system } from './rules.ts';

/**
 * The annual report: every page and download asks `aggregates.view` before it reads the year; the commentary form,
 * shown or submitted, asks `report.edit` (analysts and the business manager) first. A year that is not one is 404 to
 * those allowed, 403 to everyone else. Figures only, suppressed; nothing here names a child.
 */
const view = system('aggregates.view');
const edit = system('report.edit');

export const ANNUAL_REPORT_ROUTES: Record<string, Rule> = {
  'GET /reports/annual': view,
  'GET /reports/annual/:year': view,
  'GET /reports/annual/:year/report.html': view,
  'GET /reports/annual/:year/report.pdf': view,
  'GET /reports/annual/:year/report.xlsx': view,
  'GET /reports/annual/:year/commentary/:section': edit,
  'POST /reports/annual/:year/commentary/:section': edit,
};
