import { person, type Rule, signedIn, system } from './rules.ts';

/**
 * Missing children. Episode routes (/missing/:id…) are `signedIn`: the episode is loaded first (a random id is 404
 * to everyone), then the child's record decides — recording a return is `missing.report` (anyone who can see the
 * child), the interview steps `missing.interview` (social care, early help, the allocated worker), which the
 * missing tests cover. Screening is social care work on the child (`socialcare.work`).
 */
export const MISSING_ROUTES: Record<string, Rule> = {
  'GET /missing': system('socialcare.list'),
  'GET /people/:id/missing': person('person.view'),
  'GET /people/:id/missing/new': person('missing.report'),
  'POST /people/:id/missing/new': person('missing.report'),
  'GET /missing/:id': signedIn,
  'GET /missing/:id/return': signedIn,
  'POST /missing/:id/return': signedIn,
  'GET /missing/:id/interview/offer': signedIn,
  'POST /missing/:id/interview/offer': signedIn,
  'GET /missing/:id/interview/answer': signedIn,
  'POST /missing/:id/interview/answer': signedIn,
  'GET /missing/:id/interview/complete': signedIn,
  'POST /missing/:id/interview/complete': signedIn,
  'GET /people/:id/exploitation/new': person('socialcare.work'),
  'POST /people/:id/exploitation/new': person('socialcare.work'),
  'GET /api/v1/people/:id/missing': person('person.view'),
  'POST /api/v1/people/:id/missing': person('missing.report', { MISSING: 'M', startedAt: '2026-01-01T10:00:00Z', riskLevel: 'low', circumstances: 'matrix' }),
  'POST /api/v1/missing/:id/return': signedIn,
};
