import { person, type Rule, signedIn, system } from './rules.ts';

/**
 * Children in care's routes. Becoming looked after is social care work on the child (socialcare.work, decided by
 * authoriseCase with no named team, the same decision as on the person). Period routes are `signedIn`: the period is loaded first (a
 * random id is 404 to everyone), then the child's record decides; the children-in-care tests cover a partner
 * refused (403) and the IRO-only review form.
 */
export const CHILDREN_IN_CARE_ROUTES: Record<string, Rule> = {
  'GET /children-in-care': system('socialcare.list'),
  'GET /people/:id/care': person('person.view'),
  'GET /people/:id/care/new': person('socialcare.work'),
  'POST /people/:id/care/new': person('socialcare.work'),
  'GET /care/:id': signedIn,
  'GET /care/:id/change': signedIn,
  'POST /care/:id/change': signedIn,
  'GET /care/:id/cease': signedIn,
  'POST /care/:id/cease': signedIn,
  'GET /care/:id/iro': signedIn,
  'POST /care/:id/iro': signedIn,
  'GET /care/:id/reviews/new': signedIn,
  'POST /care/:id/reviews/new': signedIn,
  'GET /care/:id/checks/new': signedIn,
  'POST /care/:id/checks/new': signedIn,
  'GET /api/v1/people/:id/care': person('person.view'),
  'GET /api/v1/care/:id': signedIn,
};
