import { type Rule, system } from './rules.ts';

/**
 * Child death reviews. Every route asks `cdop.work` before it reads anything (a random id is 403 to everyone else
 * and 404 to the child death review manager); the child's record is then audited as a CDOP read or change.
 */
export const CDOP_ROUTES: Record<string, Rule> = {
  'GET /cdop': system('cdop.work'),
  'GET /cdop/figures': system('cdop.work'),
  'GET /cdop/new': system('cdop.work'),
  'POST /cdop/new': system('cdop.work'),
  'GET /cdop/:id': system('cdop.work'),
  'GET /cdop/:id/edit': system('cdop.work'),
  'POST /cdop/:id/edit': system('cdop.work'),
  'GET /cdop/:id/requests/new': system('cdop.work'),
  'POST /cdop/:id/requests/new': system('cdop.work'),
  'GET /cdop/:id/review': system('cdop.work'),
  'POST /cdop/:id/review': system('cdop.work'),
  'GET /cdop/:id/requests/:requestId/return': system('cdop.work'),
  'POST /cdop/:id/requests/:requestId/return': system('cdop.work'),
};
