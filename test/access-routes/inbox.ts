import { type Rule, system } from './rules.ts';

export const INBOX_ROUTES: Record<string, Rule> = {
  'GET /work': system('contact.create'),
};
