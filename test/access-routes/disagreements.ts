import { type Rule, system } from './rules.ts';

/**
 * Professional disagreements. Every page asks `disagreements.view` (anyone who may raise one, and the business unit)
 * before it reads anything, so a random id is 403 to every other role and 404 to them; each disagreement then
 * decides who may see it and take each step (tested in src/domains/disagreements/disagreements.test.ts).
 */
export const DISAGREEMENT_ROUTES: Record<string, Rule> = {
  'GET /disagreements': system('disagreements.view'),
  'GET /disagreements/figures': system('aggregates.view'),
  'GET /disagreements/new': system('disagreements.raise'),
  'POST /disagreements/new': system('disagreements.raise'),
  'GET /disagreements/:id': system('disagreements.view'),
  'GET /disagreements/:id/respond': system('disagreements.view'),
  'POST /disagreements/:id/respond': system('disagreements.view'),
  'GET /disagreements/:id/escalate': system('disagreements.view'),
  'POST /disagreements/:id/escalate': system('disagreements.view'),
  'GET /disagreements/:id/resolve': system('disagreements.view'),
  'POST /disagreements/:id/resolve': system('disagreements.view'),
  'GET /disagreements/:id/withdraw': system('disagreements.view'),
  'POST /disagreements/:id/withdraw': system('disagreements.view'),
};
