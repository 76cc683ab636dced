import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from './format.ts';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, '..', '..');
export const govukFrontendDist = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

/**
 * Pages are named by their path under src/, e.g. `domains/people/views/show.njk`, so a template's name says
 * where it lives. Shared layouts (`layout.njk`, `error.njk`) and the GOV.UK macros (`govuk/...`) resolve too.
 */
export function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(here, 'templates'), govukFrontendDist, src]), {
    autoescape: true,
  });
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('trim', trim);
  return env;
}

/**
 * Nunjucks' own `trim` strips with /^\s*|\s*$/, which tries the second branch from every position of the string:
 * quadratic in its length. The GOV.UK macros trim every block they are given, a whole page's content among them,
 * so on a long page (a chronology) it cost more than everything else put together. Same result, linear time; a
 * string marked safe stays safe.
 */
function trim(value: unknown): unknown {
  const trimmed = value === undefined || value === null ? '' : String(value).trim();
  return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
}
