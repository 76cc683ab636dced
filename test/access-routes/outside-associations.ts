import { person, type Rule } from './rules.ts';

/**
 * A person's network and associations (harm outside the home). `outside.view` and `outside.record` about one person
 * need both the role and that person's record to be visible, so each route answers 403 exactly where can() refuses
 * for the person in the path. An association is then shown only if its other person is visible too (a random
 * association id is 404); the associations tests cover the other end and break-glass.
 */
export const OUTSIDE_ASSOCIATION_ROUTES: Record<string, Rule> = {
  'GET /people/:id/network': person('outside.view'),
  'GET /people/:id/associations/new': person('outside.record'),
  'POST /people/:id/associations/new': person('outside.record'),
  'GET /people/:id/associations/:associationId/end': person('outside.record'),
  'POST /people/:id/associations/:associationId/end': person('outside.record'),
};
