import { type Rule, signedIn, system } from './rules.ts';

/**
 * Section 11 self-assessment. The landing page shows each user what they may do, so anyone signed in reaches it.
 * The business manager's pages ask `partnership.manage`; the summary and a return's page `quality.view` (business
 * manager and board); answering `section11.answer`, then the return must be the user's own agency's (403 for
 * another agency's, which needs a real return, so it is tested in section11.test.ts).
 */
export const SECTION11_ROUTES: Record<string, Rule> = {
  'GET /section-11': signedIn,
  'GET /section-11/standards': system('partnership.manage'),
  'GET /section-11/standards/new': system('partnership.manage'),
  'POST /section-11/standards/new': system('partnership.manage'),
  'GET /section-11/standards/:id': system('partnership.manage'),
  'POST /section-11/standards/:id': system('partnership.manage'),
  'GET /section-11/rounds/new': system('partnership.manage'),
  'POST /section-11/rounds/new': system('partnership.manage'),
  'GET /section-11/rounds/:id': system('partnership.manage'),
  'POST /section-11/rounds/:id/close': system('partnership.manage'),
  'GET /section-11/rounds/:id/summary': system('quality.view'),
  'GET /section-11/returns/:id': system('quality.view'),
  'GET /section-11/returns/:id/answer': system('section11.answer'),
  'POST /section-11/returns/:id/answer': system('section11.answer'),
  'POST /section-11/returns/:id/reopen': system('partnership.manage'),
  'GET /section-11/returns/:id/extend': system('partnership.manage'),
  'POST /section-11/returns/:id/extend': system('partnership.manage'),
  'GET /section-11/returns/:id/challenge': system('partnership.manage'),
  'POST /section-11/returns/:id/challenge': system('partnership.manage'),
};
