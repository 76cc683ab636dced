import { type Rule, system } from './rules.ts';

/**
 * Single sign-on: the sign-in start and the provider's callbacks are public (nobody is signed in yet, and the
 * back-channel is called by the provider's server); the administrators' page is `integrations.manage`, asked before
 * anything is read, so a random id is 403 to everyone else and 404 to an administrator.
 */
export const SINGLE_SIGN_ON_ROUTES: Record<string, Rule> = {
  'GET /auth/oidc/sign-in': { kind: 'unchecked', why: 'public: starts signing in at the identity provider' },
  'GET /auth/oidc/callback': { kind: 'unchecked', why: 'public: the identity provider sends the browser back here; state, nonce and PKCE are checked' },
  'POST /auth/oidc/backchannel-logout': { kind: 'unchecked', why: 'public: called by the identity provider with a signed logout token' },
  'GET /admin/single-sign-on': system('integrations.manage'),
  'GET /admin/single-sign-on/mappings/new': system('integrations.manage'),
  'POST /admin/single-sign-on/mappings/new': system('integrations.manage'),
  'GET /admin/single-sign-on/mappings/:id/edit': system('integrations.manage'),
  'POST /admin/single-sign-on/mappings/:id/edit': system('integrations.manage'),
  'GET /admin/single-sign-on/mappings/:id/delete': system('integrations.manage'),
  'POST /admin/single-sign-on/mappings/:id/delete': system('integrations.manage'),
  'GET /admin/single-sign-on/agencies/:id': system('integrations.manage'),
  'POST /admin/single-sign-on/agencies/:id': system('integrations.manage'),
};
