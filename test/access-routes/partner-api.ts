import { type Rule, system } from './rules.ts';

/**
 * Partner systems: API tokens and webhooks are administrators' (`integrations.manage`). Each route asks before it
 * reads anything, so a random token, webhook or delivery id is 403 to everyone else and 404 to an administrator.
 * (What a token itself may call is decided by its scopes: src/domains/partner-api/scopes.ts and its tests.)
 */
export const PARTNER_API_ROUTES: Record<string, Rule> = {
  'GET /admin/api-tokens': system('integrations.manage'),
  'GET /admin/api-tokens/new': system('integrations.manage'),
  'POST /admin/api-tokens/new': system('integrations.manage'),
  'GET /admin/api-tokens/:id/revoke': system('integrations.manage'),
  'POST /admin/api-tokens/:id/revoke': system('integrations.manage'),
  'GET /admin/webhooks': system('integrations.manage'),
  'GET /admin/webhooks/new': system('integrations.manage'),
  'POST /admin/webhooks/new': system('integrations.manage'),
  'GET /admin/webhooks/:id': system('integrations.manage'),
  'GET /admin/webhooks/:id/disable': system('integrations.manage'),
  'POST /admin/webhooks/:id/disable': system('integrations.manage'),
  'POST /admin/webhooks/:id/deliveries/:deliveryId/redeliver': system('integrations.manage'),
};
