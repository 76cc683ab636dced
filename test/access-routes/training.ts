import { type Rule, signedIn, system } from './rules.ts';

/**
 * Training. Anyone signed in may see the programme, book, cancel their own booking, evaluate a session they
 * attended and say later what changed (a random id is 404; someone who did not attend is refused with 403, but only
 * once the session exists, so not in this matrix), and submit their own agency's course for validation (another
 * agency's submission is 404 to them). The business manager runs the programme (`partnership.manage`); figures are
 * for the business manager and board members (`quality.view`).
 */
export const TRAINING_ROUTES: Record<string, Rule> = {
  'GET /training': signedIn,
  'GET /training/sessions/:id': signedIn,
  'POST /training/sessions/:id/book': signedIn,
  'POST /training/sessions/:id/cancel-booking': signedIn,
  'GET /training/sessions/:id/evaluation': signedIn,
  'POST /training/sessions/:id/evaluation': signedIn,
  'GET /training/sessions/:id/impact': signedIn,
  'POST /training/sessions/:id/impact': signedIn,
  'GET /training/validation': signedIn,
  'GET /training/validation/new': signedIn,
  'POST /training/validation/new': signedIn,
  'GET /training/validation/:id': signedIn,
  'GET /training/validation/:id/decision': system('partnership.manage'),
  'POST /training/validation/:id/decision': system('partnership.manage'),
  'GET /training/courses': system('partnership.manage'),
  'GET /training/courses/new': system('partnership.manage'),
  'POST /training/courses/new': system('partnership.manage'),
  'GET /training/courses/:id': system('partnership.manage'),
  'GET /training/courses/:id/edit': system('partnership.manage'),
  'POST /training/courses/:id/edit': system('partnership.manage'),
  'GET /training/courses/:id/sessions/new': system('partnership.manage'),
  'POST /training/courses/:id/sessions/new': system('partnership.manage'),
  'GET /training/sessions/:id/cancel': system('partnership.manage'),
  'POST /training/sessions/:id/cancel': system('partnership.manage'),
  'POST /training/sessions/:id/attendance': system('partnership.manage'),
  'GET /training/figures': system('quality.view'),
};
