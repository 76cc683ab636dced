import { person, type Rule, signedIn, system } from './rules.ts';

/**
 * Child protection's routes. Pages under /people/:id are children's social care work on a child the user may see:
 * `socialcare.work` on the child (the child visible, and the user children's social care staff).
 * Routes by record id load the record first (a random id is 404 to everyone); the child protection tests cover
 * who is refused (a partner, an analyst, a practitioner recording a conference).
 */
export const CHILD_PROTECTION_ROUTES: Record<string, Rule> = {
  'GET /child-protection': system('socialcare.list'),
  'GET /people/:id/child-protection': person('socialcare.work'),
  'GET /people/:id/strategy-discussions/new': person('socialcare.work'),
  'POST /people/:id/strategy-discussions/new': person('socialcare.work'),
  'GET /people/:id/child-protection/transfer-in': person('socialcare.work'),
  'POST /people/:id/child-protection/transfer-in': person('socialcare.work'),
  'GET /child-protection/enquiries/:id': signedIn,
  'POST /child-protection/enquiries/:id': signedIn,
  'GET /child-protection/conferences/:id': signedIn,
  'GET /child-protection/conferences/:id/record': signedIn,
  'POST /child-protection/conferences/:id/record': signedIn,
  'GET /child-protection/core-groups/:id/record': signedIn,
  'POST /child-protection/core-groups/:id/record': signedIn,
  'GET /child-protection/plans/:id': signedIn,
  'POST /child-protection/plans/:id/escalations': signedIn,
  'GET /api/v1/people/:id/child-protection': person('socialcare.work'),
  'GET /api/v1/child-protection/plans/:id': signedIn,
};
