import { person, type Rule, signedIn, system } from './rules.ts';

/**
 * Early help's routes. Case routes are `signedIn`: the case is loaded first (a random id is 404 to everyone) and
 * the child's record and the case's team decide the rest, which the early help tests cover (a partner not
 * involved gets 403, a Team Around the Child member is let in until they leave).
 */
export const EARLY_HELP_ROUTES: Record<string, Rule> = {
  'GET /early-help': system('person.search'),
  'GET /early-help/start': system('person.search'),
  'POST /early-help/start': system('person.search'),
  'GET /early-help/figures': system('aggregates.view'),
  'GET /people/:id/early-help': person('person.view'),
  'GET /people/:id/early-help/new': person('earlyhelp.open'),
  'POST /people/:id/early-help/new': person('earlyhelp.open'),
  'GET /people/:id/step-down': person('earlyhelp.step_down'),
  'POST /people/:id/step-down': person('earlyhelp.step_down'),
  'GET /early-help/cases/:id': signedIn,
  'GET /early-help/cases/:id/allocate': system('earlyhelp.list'),
  'POST /early-help/cases/:id/allocate': system('earlyhelp.list'),
  'GET /early-help/cases/:id/assessment': signedIn,
  'POST /early-help/cases/:id/assessment': signedIn,
  'GET /early-help/cases/:id/team/new': signedIn,
  'POST /early-help/cases/:id/team/new': signedIn,
  'POST /early-help/cases/:id/team/:memberId/end': signedIn,
  'GET /early-help/cases/:id/outcomes/new': signedIn,
  'POST /early-help/cases/:id/outcomes/new': signedIn,
  'GET /early-help/cases/:id/outcomes/:outcomeId/edit': signedIn,
  'POST /early-help/cases/:id/outcomes/:outcomeId/edit': signedIn,
  'POST /early-help/cases/:id/outcomes/:outcomeId/achieved': signedIn,
  'GET /early-help/cases/:id/actions/new': signedIn,
  'POST /early-help/cases/:id/actions/new': signedIn,
  'GET /early-help/cases/:id/actions/:actionId/edit': signedIn,
  'POST /early-help/cases/:id/actions/:actionId/edit': signedIn,
  'GET /early-help/cases/:id/reviews/new': signedIn,
  'POST /early-help/cases/:id/reviews/new': signedIn,
  'GET /early-help/cases/:id/close': signedIn,
  'POST /early-help/cases/:id/close': signedIn,
  'GET /early-help/cases/:id/step-up': signedIn,
  'POST /early-help/cases/:id/step-up': signedIn,
  'GET /api/v1/early-help/cases/:id': signedIn,
  'GET /api/v1/people/:id/early-help': person('person.view'),
  'POST /api/v1/early-help/cases/:id/reviews': signedIn,
};
