import { type Rule, system } from './rules.ts';

/**
 * Places of concern (harm outside the home). Every route asks `outside.view` or `outside.record` before it reads
 * anything, so a random id is 403 to those refused and 404 to the rest; the people on a place are then filtered
 * one by one (a partner sees only the children their agency may open).
 */
export const OUTSIDE_PLACES_ROUTES: Record<string, Rule> = {
  'GET /places': system('outside.view'),
  'GET /places/new': system('outside.record'),
  'POST /places/new': system('outside.record'),
  'GET /places/:id': system('outside.view'),
  'GET /places/:id/edit': system('outside.record'),
  'POST /places/:id/edit': system('outside.record'),
  'GET /places/:id/incidents/new': system('outside.record'),
  'POST /places/:id/incidents/new': system('outside.record'),
};
