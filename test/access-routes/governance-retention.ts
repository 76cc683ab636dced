import { type Rule, system } from './rules.ts';

/**
 * Retention is the data protection officer's (`governance.retention`). Every route asks before it reads anything,
 * so a random person, hold or record type is 403 to everyone else and 404 to the officer; a review then writes
 * 'retention.review' to the access audit for the person.
 */
export const GOVERNANCE_RETENTION_ROUTES: Record<string, Rule> = {
  'GET /governance/retention': system('governance.retention'),
  'GET /governance/retention/schedule': system('governance.retention'),
  'GET /governance/retention/schedule/:type': system('governance.retention'),
  'POST /governance/retention/schedule/:type': system('governance.retention'),
  'GET /governance/retention/people/:id': system('governance.retention'),
  'POST /governance/retention/people/:id/keep': system('governance.retention'),
  'GET /governance/retention/people/:id/destroy': system('governance.retention'),
  'POST /governance/retention/people/:id/destroy': system('governance.retention'),
  'GET /governance/retention/people/:id/hold': system('governance.retention'),
  'POST /governance/retention/people/:id/hold': system('governance.retention'),
  'GET /governance/retention/holds': system('governance.retention'),
  'GET /governance/retention/holds/:id/release': system('governance.retention'),
  'POST /governance/retention/holds/:id/release': system('governance.retention'),
  'GET /governance/retention/log': system('governance.retention'),
};
