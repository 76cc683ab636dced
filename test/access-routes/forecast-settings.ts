import { type Rule, system } from './rules.ts';

/**
 * The forecast's settings: unit costs and saved scenarios are the analysts' (`forecast.configure`). Each route asks
 * before it reads anything, so a random scenario id is 403 to everyone else and 404 to an analyst.
 */
export const FORECAST_SETTINGS_ROUTES: Record<string, Rule> = {
  'GET /forecast/costs': system('forecast.configure'),
  'POST /forecast/costs': system('forecast.configure'),
  'GET /forecast/scenarios': system('forecast.configure'),
  'GET /forecast/scenarios/new': system('forecast.configure'),
  'POST /forecast/scenarios/new': system('forecast.configure'),
  'GET /forecast/scenarios/:id/edit': system('forecast.configure'),
  'POST /forecast/scenarios/:id/edit': system('forecast.configure'),
  'GET /forecast/scenarios/:id/delete': system('forecast.configure'),
  'POST /forecast/scenarios/:id/delete': system('forecast.configure'),
};
