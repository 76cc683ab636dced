import { type Rule, system } from './rules.ts';

/**
 * The partnership dataset's dashboards, indicator pages and downloads ask `aggregates.view` before anything else
 * (a random indicator id is 403 to those without it and 404 to those with it); the records behind a figure ask
 * `dataset.records` (managers) first, and each child in the list is then decided by the access layer.
 */
const figures = system('aggregates.view');

export const DATASET_DASHBOARD_ROUTES: Record<string, Rule> = {
  'GET /dataset': figures,
  'GET /dataset/services/:service': figures,
  'GET /dataset/indicators': figures,
  'GET /dataset/indicators/:id': figures,
  'GET /dataset/indicators/:id/table.csv': figures,
  'GET /dataset/indicators/:id/table.xlsx': figures,
  'GET /dataset/indicators/:id/records': system('dataset.records'),
};
