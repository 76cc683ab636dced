import { type Rule, system } from './rules.ts';

/**
 * The MARAC. Every route asks `marac.work` before it reads anything (a random id is 403 to everyone else and 404
 * to the coordinator); the people on a case are then audited as MARAC reads or changes.
 */
export const MARAC_ROUTES: Record<string, Rule> = {
  'GET /marac': system('marac.work'),
  'GET /marac/figures': system('marac.work'),
  'GET /marac/new': system('marac.work'),
  'POST /marac/new': system('marac.work'),
  'GET /marac/cases/:id': system('marac.work'),
  'GET /marac/cases/:id/close': system('marac.work'),
  'POST /marac/cases/:id/close': system('marac.work'),
  'POST /marac/cases/:id/actions/:actionId/done': system('marac.work'),
  'GET /marac/meetings': system('marac.work'),
  'POST /marac/meetings': system('marac.work'),
  'GET /marac/meetings/:id': system('marac.work'),
  'POST /marac/meetings/:id/agenda': system('marac.work'),
  'GET /marac/meetings/:id/discussions/:discussionId': system('marac.work'),
  'POST /marac/meetings/:id/discussions/:discussionId': system('marac.work'),
};
