import { type Rule, signedIn } from './rules.ts';

/** The partnership hub lists only what each user may reach; the pages behind it check for themselves. */
export const PARTNERSHIP_ROUTES: Record<string, Rule> = {
  'GET /partnership': signedIn,
};
