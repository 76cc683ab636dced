import { type Rule, system } from './rules.ts';

/**
 * Peer groups and the MET hub agenda. Seeing them is `outside.view`; starting and changing groups, their members,
 * places, discussions and actions is `outside.groups` (children's social care and panel chairs), asked before any
 * group is read, so a random id is 403 to everyone refused and 404 to the rest. The children on them are filtered
 * person by person (see the domain's tests).
 */
export const OUTSIDE_GROUP_ROUTES: Record<string, Rule> = {
  'GET /exploitation': system('outside.view'),
  'GET /peer-groups': system('outside.view'),
  'GET /peer-groups/new': system('outside.groups'),
  'POST /peer-groups/new': system('outside.groups'),
  'GET /peer-groups/:id': system('outside.view'),
  'GET /peer-groups/:id/edit': system('outside.groups'),
  'POST /peer-groups/:id/edit': system('outside.groups'),
  'GET /peer-groups/:id/members/new': system('outside.groups'),
  'POST /peer-groups/:id/members/new': system('outside.groups'),
  'GET /peer-groups/:id/members/:memberId/end': system('outside.groups'),
  'POST /peer-groups/:id/members/:memberId/end': system('outside.groups'),
  'GET /peer-groups/:id/places': system('outside.groups'),
  'POST /peer-groups/:id/places': system('outside.groups'),
  'POST /peer-groups/:id/places/:placeId/remove': system('outside.groups'),
  'GET /peer-groups/:id/discussions/new': system('outside.groups'),
  'POST /peer-groups/:id/discussions/new': system('outside.groups'),
  'GET /peer-groups/:id/actions/:actionId/done': system('outside.groups'),
  'POST /peer-groups/:id/actions/:actionId/done': system('outside.groups'),
};
