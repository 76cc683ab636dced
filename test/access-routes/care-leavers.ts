import { person, type Rule, signedIn, system } from './rules.ts';

/**
 * Care leavers. Record routes (/care-leavers/:id…) are `signedIn`: the record is loaded first (a random id is 404 to
 * everyone), then the young person's record decides who may see it and social care staff or the personal adviser
 * who may change it, which the care leaver tests cover. Opening a record is social care work on the young person
 * (`socialcare.work`).
 */
export const CARE_LEAVER_ROUTES: Record<string, Rule> = {
  'GET /care-leavers': system('socialcare.list'),
  'GET /care-leavers/:id': signedIn,
  'GET /people/:id/care-leaver/new': person('socialcare.work'),
  'POST /people/:id/care-leaver/new': person('socialcare.work'),
  'GET /care-leavers/:id/plans/new': signedIn,
  'POST /care-leavers/:id/plans/new': signedIn,
  'GET /care-leavers/:id/contacts/new': signedIn,
  'POST /care-leavers/:id/contacts/new': signedIn,
  'GET /care-leavers/:id/adviser': signedIn,
  'POST /care-leavers/:id/adviser': signedIn,
  'GET /care-leavers/:id/close': signedIn,
  'POST /care-leavers/:id/close': signedIn,
  'GET /api/v1/care-leavers/:id': signedIn,
  'GET /api/v1/people/:id/care-leaver': person('person.view'),
};
