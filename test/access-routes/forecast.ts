import { type Rule, system } from './rules.ts';

/**
 * The forecast's pages and downloads: aggregates of whole services, for analysts, managers and board members
 * (`forecast.view`), asked before anything is read or any value checked.
 */
export const FORECAST_ROUTES: Record<string, Rule> = {
  'GET /forecast': system('forecast.view'),
  'GET /forecast/download.csv': system('forecast.view'),
  'GET /forecast/download.xlsx': system('forecast.view'),
  'GET /forecast/backtest': system('forecast.view'),
};
