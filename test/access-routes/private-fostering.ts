import { person, type Rule, signedIn, system } from './rules.ts';

/**
 * Private fostering. The list, the figures and choosing a child are social care staff's (`socialcare.list`);
 * recording a notification is social care work on the child (`socialcare.work`). Arrangement routes
 * (/private-fostering/:id…) are `signedIn`: the arrangement is loaded first (a random id is 404 to everyone), then
 * the child's record decides, as `socialcare.work` (or `socialcare.authorise` to confirm a decision), which the
 * private fostering tests cover for a partner practitioner, an analyst, a practitioner and a manager.
 */
export const PRIVATE_FOSTERING_ROUTES: Record<string, Rule> = {
  'GET /private-fostering': system('socialcare.list'),
  'GET /private-fostering/figures': system('socialcare.list'),
  'GET /private-fostering/new': system('socialcare.list'),
  'POST /private-fostering/new': system('socialcare.list'),
  'GET /people/:id/private-fostering/new': person('socialcare.work'),
  'POST /people/:id/private-fostering/new': person('socialcare.work'),
  'GET /private-fostering/:id': signedIn,
  'GET /private-fostering/:id/visits/new': signedIn,
  'POST /private-fostering/:id/visits/new': signedIn,
  'GET /private-fostering/:id/assessment': signedIn,
  'POST /private-fostering/:id/assessment': signedIn,
  'GET /private-fostering/:id/confirm': signedIn,
  'POST /private-fostering/:id/confirm': signedIn,
  'GET /private-fostering/:id/details': signedIn,
  'POST /private-fostering/:id/details': signedIn,
  'GET /private-fostering/:id/end': signedIn,
  'POST /private-fostering/:id/end': signedIn,
};
