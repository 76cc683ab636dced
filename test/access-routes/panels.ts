import { person, type Rule, signedIn, system } from './rules.ts';

const chair = system('panels.chair');

/**
 * Panels: the panels, their meetings and agendas are system actions (panel chairs, early help and social care staff
 * see them; chairs and social care managers run them), each child's part then checked on the child's record.
 * A referral's page and marking an action done are decided from the record (the child's record, the action's owner).
 */
export const PANEL_ROUTES: Record<string, Rule> = {
  'GET /panels': system('panels.view'),
  'GET /panels/new': chair,
  'POST /panels/new': chair,
  'GET /panels/:id': system('panels.view'),
  'GET /panels/:id/edit': chair,
  'POST /panels/:id/edit': chair,
  'GET /people/:id/panel-referrals/new': person('panels.refer'),
  'POST /people/:id/panel-referrals/new': person('panels.refer'),
  'GET /panels/referrals/:id': signedIn,
  'GET /panels/referrals/:id/close': chair,
  'POST /panels/referrals/:id/close': chair,
  'POST /panels/actions/:id/complete': signedIn,
  'GET /panels/:id/meetings/new': chair,
  'POST /panels/:id/meetings/new': chair,
  'GET /panels/meetings/:id': system('panels.view'),
  'GET /panels/meetings/:id/edit': chair,
  'POST /panels/meetings/:id/edit': chair,
  'POST /panels/meetings/:id/agenda': chair,
  'POST /panels/meetings/:id/agenda/:itemId/remove': chair,
  'POST /panels/meetings/:id/finish': chair,
  'GET /panels/meetings/:id/cancel': chair,
  'POST /panels/meetings/:id/cancel': chair,
  'GET /panels/meetings/:id/attendance': chair,
  'POST /panels/meetings/:id/attendance': chair,
  'POST /panels/meetings/:id/attendance/add': chair,
  'POST /panels/meetings/:id/attendance/:attendeeId/remove': chair,
  'GET /panels/agenda-items/:id': chair,
  'POST /panels/agenda-items/:id': chair,
  'POST /panels/agenda-items/:id/actions': chair,
};
