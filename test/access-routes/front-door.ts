import { type Rule, system } from './rules.ts';

/**
 * The front door's routes. Each checks its system action before reading the record, so a refused role gets 403
 * and an allowed one 404 for an unknown id; record-level rules (the agency that made a contact, the agency a
 * check was asked of) are covered in src/domains/front-door/*.test.ts.
 */
export const FRONT_DOOR_ROUTES: Record<string, Rule> = {
  'GET /contacts': system('contact.create'),
  'GET /contacts/new': system('contact.create'),
  'POST /contacts/new': system('contact.create'),
  'GET /contacts/:id': system('contact.create'),
  'GET /contacts/checks/:checkId': system('contact.create'),
  'POST /contacts/checks/:checkId': system('contact.create'),
  'POST /contacts/:id/allocate': system('frontdoor.work'),
  'GET /contacts/:id/checks/new': system('frontdoor.work'),
  'POST /contacts/:id/checks/new': system('frontdoor.work'),
  'POST /contacts/:id/checks/:checkId/withdraw': system('frontdoor.work'),
  'GET /contacts/:id/decision': system('frontdoor.work'),
  'POST /contacts/:id/decision': system('frontdoor.work'),
  'GET /contacts/:id/sign-off': system('frontdoor.sign_off'),
  'POST /contacts/:id/sign-off': system('frontdoor.sign_off'),
  'GET /admin/threshold': system('threshold.configure'),
  'GET /admin/threshold/levels/:level': system('threshold.configure'),
  'POST /admin/threshold/levels/:level': system('threshold.configure'),
  'GET /admin/threshold/domains/new': system('threshold.configure'),
  'POST /admin/threshold/domains/new': system('threshold.configure'),
  'GET /admin/threshold/domains/:id': system('threshold.configure'),
  'POST /admin/threshold/domains/:id': system('threshold.configure'),
  'POST /admin/threshold/domains/:id/move': system('threshold.configure'),
  'POST /admin/threshold/domains/:id/active': system('threshold.configure'),
  // A well-formed contact about a person who does not exist: allowed callers get 400, and nothing is created.
  'POST /api/v1/contacts': system('contact.create', {
    children: [{ personId: '00000000-0000-4000-8000-000000000000' }],
    source: 'school',
    referrer: { name: 'Access matrix' },
    reason: 'Access matrix check',
    presentingNeeds: ['other'],
    consent: 'given',
    urgency: 'standard',
  }),
  'GET /api/v1/contacts': system('contact.create'),
  'GET /api/v1/contacts/:id': system('contact.create'),
};
