import { type Rule, signedIn, system } from './rules.ts';

/**
 * Notifications: everyone signed in keeps their own settings (they read and write only their own row); the outbox and
 * "retry now" are the administrators' (`integrations.manage`), asked before anything is read.
 */
export const NOTIFICATION_ROUTES: Record<string, Rule> = {
  'GET /account/notifications': signedIn,
  'POST /account/notifications': signedIn,
  'GET /admin/notifications': system('integrations.manage'),
  'POST /admin/notifications/:id/retry': system('integrations.manage'),
};
