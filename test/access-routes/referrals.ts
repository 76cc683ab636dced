import { person, type Rule, signedIn, system } from './rules.ts';

/**
 * Referral, assessment and children in need. Pages about an episode, assessment or plan are `signedIn`: the record
 * is loaded first (a random id is 404 to everyone), then children's social care staff who may see the child are
 * let in and managers alone authorise and close; src/domains/referrals/access.test.ts covers those refusals.
 * Reading a child's referrals is social care's and needs the child's record: exactly `socialcare.refer`'s rule.
 */
export const REFERRAL_ROUTES: Record<string, Rule> = {
  'GET /people/:id/referrals/new': person('socialcare.refer'),
  'POST /people/:id/referrals/new': person('socialcare.refer'),
  'GET /referrals': system('socialcare.list'),
  'GET /referrals/:id': signedIn,
  'GET /referrals/:id/no-further-action': signedIn,
  'POST /referrals/:id/no-further-action': signedIn,
  'GET /referrals/:id/primary-need': signedIn,
  'POST /referrals/:id/primary-need': signedIn,
  'GET /referrals/:id/disability': signedIn,
  'POST /referrals/:id/disability': signedIn,
  'GET /referrals/:id/close': signedIn,
  'POST /referrals/:id/close': signedIn,
  'GET /referrals/:id/assessment/new': signedIn,
  'POST /referrals/:id/assessment/new': signedIn,
  'GET /assessments/:id': signedIn,
  'POST /assessments/:id': signedIn,
  'GET /assessments/:id/authorise': signedIn,
  'POST /assessments/:id/authorise': signedIn,
  'GET /cin-plans/:id': signedIn,
  'GET /cin-plans/:id/items/new': signedIn,
  'POST /cin-plans/:id/items/new': signedIn,
  'GET /cin-plans/:id/items/:itemId/edit': signedIn,
  'POST /cin-plans/:id/items/:itemId/edit': signedIn,
  'POST /cin-plans/:id/items/:itemId/done': signedIn,
  'GET /cin-plans/:id/reviews/new': signedIn,
  'POST /cin-plans/:id/reviews/new': signedIn,
  'GET /cin-plans/:id/end': signedIn,
  'POST /cin-plans/:id/end': signedIn,
  'GET /api/v1/people/:id/referrals': person('socialcare.refer'),
  'POST /api/v1/people/:id/referrals': person('socialcare.refer', { referralDate: '2025-06-02', source: '3A', reason: 'Access matrix check' }),
  'GET /api/v1/referrals/:id': signedIn,
};
