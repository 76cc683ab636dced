import { person, type Rule, system } from './rules.ts';

/**
 * Scored practice tools. Configuring tools is the partnership business manager's (`partnership.manage`), asked before
 * anything is read (a random id is 403 to everyone else and 404 to the manager). A child's scores are read with
 * `person.view` and scored or corrected with `tools.score`, both decided on the child before the tool or scoring is
 * looked up, so a random tool or scoring id is 403 where the child is refused and 404 otherwise.
 */
export const PRACTICE_TOOL_ROUTES: Record<string, Rule> = {
  'GET /practice-tools': system('partnership.manage'),
  'GET /practice-tools/new': system('partnership.manage'),
  'POST /practice-tools/new': system('partnership.manage'),
  'GET /practice-tools/:id': system('partnership.manage'),
  'GET /practice-tools/:id/edit': system('partnership.manage'),
  'POST /practice-tools/:id/edit': system('partnership.manage'),
  'POST /practice-tools/:id/publish': system('partnership.manage'),
  'GET /people/:id/practice-tools': person('person.view'),
  'GET /people/:id/practice-tools/:toolId': person('person.view'),
  'GET /people/:id/practice-tools/:toolId/score': person('tools.score'),
  'POST /people/:id/practice-tools/:toolId/score': person('tools.score'),
  'GET /people/:id/practice-tools/scorings/:scoringId': person('person.view'),
  'GET /people/:id/practice-tools/scorings/:scoringId/edit': person('tools.score'),
  'POST /people/:id/practice-tools/scorings/:scoringId/edit': person('tools.score'),
};
