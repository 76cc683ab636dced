import { person, type Rule, system } from './rules.ts';

/** Casework across children's social care: the child's social care record, allocation, visits, caseloads. */
export const CASEWORK_ROUTES: Record<string, Rule> = {
  'GET /people/:id/social-care': person('person.view'),
  'GET /people/:id/allocate': person('caseload.allocate'),
  'POST /people/:id/allocate': person('caseload.allocate'),
  'GET /people/:id/visits/new': person('socialcare.work'),
  'POST /people/:id/visits/new': person('socialcare.work'),
  'GET /social-care': system('socialcare.list'),
  'GET /social-care/caseloads': system('caseload.view'),
  'GET /social-care/team': system('caseload.allocate'),
  'GET /social-care/timescales': system('socialcare.list'),
  'GET /api/v1/people/:id/social-care': person('person.view'),
  'POST /api/v1/people/:id/visits': person('socialcare.work', { visitDate: '2026-01-05', purpose: 'child_in_need', seen: 'alone', notes: 'Seen at home.' }),
};
