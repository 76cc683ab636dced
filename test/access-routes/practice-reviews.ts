import { type Rule, system } from './rules.ts';

/**
 * Practice reviews. The chair's routes ask `reviews.work` before they read anything (a random id is 403 to everyone
 * else and 404 to the chair); the children on a review are then audited as reads or changes. The tracker, learning
 * briefings and figures ask `reviews.track` and name reviews, never children. A progress update is refused (403)
 * to a manager of another agency and to board members, but only once the action exists, so not in this matrix.
 */
export const PRACTICE_REVIEW_ROUTES: Record<string, Rule> = {
  'GET /practice-reviews': system('reviews.work'),
  'GET /practice-reviews/new': system('reviews.work'),
  'POST /practice-reviews/new': system('reviews.work'),
  'GET /practice-reviews/:id': system('reviews.work'),
  'GET /practice-reviews/:id/notification': system('reviews.work'),
  'POST /practice-reviews/:id/notification': system('reviews.work'),
  'GET /practice-reviews/:id/rapid-review': system('reviews.work'),
  'POST /practice-reviews/:id/rapid-review': system('reviews.work'),
  'GET /practice-reviews/:id/decision': system('reviews.work'),
  'POST /practice-reviews/:id/decision': system('reviews.work'),
  'GET /practice-reviews/:id/review': system('reviews.work'),
  'POST /practice-reviews/:id/review': system('reviews.work'),
  'GET /practice-reviews/:id/recommendations/new': system('reviews.work'),
  'POST /practice-reviews/:id/recommendations/new': system('reviews.work'),
  'GET /practice-reviews/:id/recommendations/:recommendationId/actions/new': system('reviews.work'),
  'POST /practice-reviews/:id/recommendations/:recommendationId/actions/new': system('reviews.work'),
  'GET /practice-reviews/:id/close': system('reviews.work'),
  'POST /practice-reviews/:id/close': system('reviews.work'),
  'GET /practice-reviews/briefings/new': system('reviews.work'),
  'POST /practice-reviews/briefings/new': system('reviews.work'),
  'GET /practice-reviews/figures': system('reviews.track'),
  'GET /practice-reviews/actions': system('reviews.track'),
  'GET /practice-reviews/actions/:id': system('reviews.track'),
  'GET /practice-reviews/actions/:id/update': system('reviews.track'),
  'POST /practice-reviews/actions/:id/update': system('reviews.track'),
  'GET /practice-reviews/briefings': system('reviews.track'),
  'GET /practice-reviews/briefings/:id': system('reviews.track'),
};
