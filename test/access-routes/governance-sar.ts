import { type Rule, system } from './rules.ts';

/**
 * Subject access requests are the data protection officer's (`governance.sar`). Each route asks before it reads
 * anything, so a random request id is 403 to everyone else and 404 to the officer. The landing page is also open to
 * `governance.retention`, held by the same role.
 */
export const GOVERNANCE_SAR_ROUTES: Record<string, Rule> = {
  'GET /governance': system('governance.sar'),
  'GET /governance/sars': system('governance.sar'),
  'GET /governance/sars/new': system('governance.sar'),
  'POST /governance/sars/new': system('governance.sar'),
  'GET /governance/sars/:id': system('governance.sar'),
  'GET /governance/sars/:id/extend': system('governance.sar'),
  'POST /governance/sars/:id/extend': system('governance.sar'),
  'GET /governance/sars/:id/pause': system('governance.sar'),
  'POST /governance/sars/:id/pause': system('governance.sar'),
  'GET /governance/sars/:id/resume': system('governance.sar'),
  'POST /governance/sars/:id/resume': system('governance.sar'),
  'GET /governance/sars/:id/close': system('governance.sar'),
  'POST /governance/sars/:id/close': system('governance.sar'),
  'POST /governance/sars/:id/compile': system('governance.sar'),
  'POST /governance/sars/:id/start-review': system('governance.sar'),
  'POST /governance/sars/:id/complete-review': system('governance.sar'),
  'GET /governance/sars/:id/bundle': system('governance.sar'),
  'GET /governance/sars/:id/items/:itemId': system('governance.sar'),
  'POST /governance/sars/:id/items/:itemId/redact': system('governance.sar'),
  'POST /governance/sars/:id/redactions/:redactionId/remove': system('governance.sar'),
  'POST /governance/sars/:id/accept-suggestions': system('governance.sar'),
  'GET /governance/sars/:id/disclose': system('governance.sar'),
  'POST /governance/sars/:id/disclose': system('governance.sar'),
  'GET /governance/sars/:id/disclosure.pdf': system('governance.sar'),
};
