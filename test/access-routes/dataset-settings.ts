import { type Rule, system } from './rules.ts';

/**
 * The partnership dataset's inputs: population estimates and targets are read by everyone who sees figures
 * (`aggregates.view`) and changed only by analysts (`dataset.configure`), as is the suppression threshold. Each route
 * asks before it reads anything, so a random year or indicator is 403 to everyone else and 404 to an analyst.
 */
export const DATASET_SETTINGS_ROUTES: Record<string, Rule> = {
  'GET /dataset/population': system('aggregates.view'),
  'GET /dataset/population/:year': system('aggregates.view'),
  'GET /dataset/population/new': system('dataset.configure'),
  'POST /dataset/population/new': system('dataset.configure'),
  'GET /dataset/population/:year/edit': system('dataset.configure'),
  'POST /dataset/population/:year/edit': system('dataset.configure'),
  'GET /dataset/population/import': system('dataset.configure'),
  'POST /dataset/population/import': system('dataset.configure'),
  'GET /dataset/targets': system('aggregates.view'),
  'GET /dataset/targets/:indicatorId/:year/edit': system('dataset.configure'),
  'POST /dataset/targets/:indicatorId/:year/edit': system('dataset.configure'),
  'GET /dataset/settings': system('dataset.configure'),
  'POST /dataset/settings': system('dataset.configure'),
};
