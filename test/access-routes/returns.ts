import { type Rule, system } from './rules.ts';

/**
 * The statutory returns pages: analysts and children's social care managers (`returns.prepare`), asked before
 * the return, year or run in the path is read. A run is further its requester's alone (404 to anyone else), and a
 * link from a failure to a child is decided per child by person.view (src/domains/returns/routes.test.ts).
 */
export const RETURNS_ROUTES: Record<string, Rule> = {
  'GET /returns': system('returns.prepare'),
  'GET /returns/annex-a': system('returns.prepare'),
  'POST /returns/annex-a/export': system('returns.prepare'),
  'GET /returns/runs/:id': system('returns.prepare'),
  'GET /returns/runs/:id/status': system('returns.prepare'),
  'GET /returns/runs/:id/download': system('returns.prepare'),
  'GET /returns/:kind/:year': system('returns.prepare'),
  'POST /returns/:kind/:year/export': system('returns.prepare'),
  'POST /returns/:kind/:year/submitted': system('returns.prepare'),
};
