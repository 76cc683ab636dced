import { type Rule, system } from './rules.ts';

/**
 * The LADO service. Every route asks `lado.work` before it reads anything (a random id is 403 to everyone else
 * and 404 to the LADO); the adult's and each child's record are then audited as LADO reads or changes.
 */
export const LADO_ROUTES: Record<string, Rule> = {
  'GET /lado': system('lado.work'),
  'GET /lado/figures': system('lado.work'),
  'GET /lado/new': system('lado.work'),
  'POST /lado/new': system('lado.work'),
  'GET /lado/:id': system('lado.work'),
  'GET /lado/:id/edit': system('lado.work'),
  'POST /lado/:id/edit': system('lado.work'),
  'GET /lado/:id/decision': system('lado.work'),
  'POST /lado/:id/decision': system('lado.work'),
  'GET /lado/:id/agencies': system('lado.work'),
  'POST /lado/:id/agencies': system('lado.work'),
  'GET /lado/:id/close': system('lado.work'),
  'POST /lado/:id/close': system('lado.work'),
  'GET /lado/:id/meetings/new': system('lado.work'),
  'POST /lado/:id/meetings/new': system('lado.work'),
  'GET /lado/:id/actions/:actionId/done': system('lado.work'),
  'POST /lado/:id/actions/:actionId/done': system('lado.work'),
};
