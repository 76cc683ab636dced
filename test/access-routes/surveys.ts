import { type Rule, signedIn, system } from './rules.ts';

/**
 * Surveys. The builder asks `partnership.manage` (the business manager) before it reads anything, so a random id is
 * 403 to everyone else; the list and results ask `quality.view` (business manager and board members) and show no
 * child and, for an anonymous survey, nobody's identity. Practitioners answer signed in (an unknown survey is 404).
 * Children answer at /s/:token with no account: the one-time link is the only key.
 */
export const SURVEY_ROUTES: Record<string, Rule> = {
  'GET /surveys': system('quality.view'),
  'GET /surveys/new': system('partnership.manage'),
  'POST /surveys/new': system('partnership.manage'),
  'GET /surveys/:id': system('partnership.manage'),
  'GET /surveys/:id/edit': system('partnership.manage'),
  'POST /surveys/:id/edit': system('partnership.manage'),
  'GET /surveys/:id/questions/new': system('partnership.manage'),
  'POST /surveys/:id/questions/new': system('partnership.manage'),
  'POST /surveys/:id/questions/:questionId/remove': system('partnership.manage'),
  'POST /surveys/:id/open': system('partnership.manage'),
  'POST /surveys/:id/close': system('partnership.manage'),
  'POST /surveys/:id/links': system('partnership.manage'),
  'GET /surveys/:id/results': system('quality.view'),
  'GET /surveys/:id/results.csv': system('quality.view'),
  'GET /surveys/to-answer': signedIn,
  'GET /surveys/:id/answer': signedIn,
  'POST /surveys/:id/answer': signedIn,
  'GET /s/:token': { kind: 'unchecked', why: 'A child’s one-time survey link: public by design (no account), rate-limited; the random token is the only key, used once' },
  'POST /s/:token': { kind: 'unchecked', why: 'A child’s answers through a one-time link: public by design, rate-limited, CSRF-checked, the token taken in the same transaction as the answers' },
  'GET /s/thank-you': { kind: 'unchecked', why: 'The thank-you page after a child answers: public, shows nothing but thanks' },
};
