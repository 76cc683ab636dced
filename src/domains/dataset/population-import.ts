import { AGES, FIRST_YEAR, LAST_YEAR, MAX_COUNT, type YearEstimates } from './schema-settings.ts';

/**
 * Reads population estimates from CSV text: a header `year,age,count` then one line per year and single year of
 * age. A byte order mark, Windows line endings, quoted values, spaces around values and blank lines are all
 * tolerated (spreadsheets write them). Every line is checked and every problem reported with its line number; a
 * year in the file must have all 18 ages, so importing it can replace the year whole.
 */

export const MAX_LINES = 5000;

export interface ImportProblem {
  /** The line of the file (1 is the header), or null for a problem with a year as a whole. */
  line: number | null;
  message: string;
}

export interface ParsedImport {
  years: YearEstimates[];
  problems: ImportProblem[];
}

/** One CSV line's values: commas separate, double quotes may wrap a value ("" is a quote inside one). */
export function csvValues(line: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      values.push(current.trim());
      current = '';
    } else current += c;
  }
  values.push(current.trim());
  return values;
}

const listed = (items: readonly (string | number)[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
/** A value as typed, short enough to quote back in a message. */
const shown = (value: string) => `“${value.length > 20 ? `${value.slice(0, 20)}…` : value}”`;

export function parsePopulationCsv(text: string, source: string): ParsedImport {
  const problems: ImportProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { years: [], problems: [{ line: null, message: 'The file is empty: it needs the header year,age,count and a line for each year and age' }] };
  const header = csvValues(lines[headerIndex]!).map((h) => h.toLowerCase());
  if (header.join(',') !== 'year,age,count') {
    return { years: [], problems: [{ line: headerIndex + 1, message: `Line ${headerIndex + 1}: the first line must be the header year,age,count` }] };
  }
  const dataLines = lines.length - headerIndex - 1;
  if (dataLines > MAX_LINES) return { years: [], problems: [{ line: null, message: `The file has more than ${MAX_LINES.toLocaleString('en-GB')} lines: import fewer years at a time` }] };

  const byYear = new Map<number, Map<number, { count: number; line: number }>>();
  const troubled = new Set<number>();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const n = i + 1;
    const at = (message: string) => problems.push({ line: n, message: `Line ${n}: ${message}` });
    const values = csvValues(raw);
    if (values.length !== 3) {
      at(`expected 3 values (year, age, count) but found ${values.length}`);
      continue;
    }
    const [yearText, ageText, countText] = values as [string, string, string];
    const before = problems.length;
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) at(`the year ${shown(yearText)} must be 4 digits between ${FIRST_YEAR} and ${LAST_YEAR}`);
    const age = /^\d{1,2}$/.test(ageText) ? Number(ageText) : NaN;
    if (!(age >= 0 && age <= 17)) at(`the age ${shown(ageText)} must be a whole number from 0 to 17`);
    // "2,450" in quotes is a count with a thousands separator.
    const digits = /^\d{1,3}(,\d{3})+$/.test(countText) ? countText.replace(/,/g, '') : countText;
    const count = /^\d+$/.test(digits) ? Number(digits) : NaN;
    if (Number.isNaN(count)) at(`the count ${shown(countText)} must be a whole number of children, 0 or more`);
    else if (count > MAX_COUNT) at(`the count ${countText} must be ${MAX_COUNT.toLocaleString('en-GB')} or fewer`);
    if (problems.length > before) {
      // The year's missing ages would only repeat this line's problem.
      if (!Number.isNaN(year)) troubled.add(year);
      continue;
    }
    const ages = byYear.get(year) ?? new Map<number, { count: number; line: number }>();
    byYear.set(year, ages);
    const earlier = ages.get(age);
    if (earlier) at(`age ${age} in ${year} is already on line ${earlier.line}`);
    else ages.set(age, { count, line: n });
  }

  if (!byYear.size && !problems.length) problems.push({ line: null, message: 'The file has the header but no figures: add a line for each year and age' });
  const years: YearEstimates[] = [];
  for (const [year, ages] of [...byYear].sort(([a], [b]) => a - b)) {
    const missing = AGES.filter((age) => !ages.has(age));
    if (missing.length && troubled.has(year)) continue;
    if (missing.length) {
      problems.push({ line: null, message: `${year} has no line for ${missing.length === 1 ? 'age' : 'ages'} ${listed(missing)}: a year needs all 18 ages, 0 to 17` });
      continue;
    }
    years.push({ year, counts: AGES.map((age) => ages.get(age)!.count), source });
  }
  return { years: problems.length ? [] : years, problems };
}
