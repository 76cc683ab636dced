/**
 * The validation engine shared by the CIN census and the SSDA903: a rule is data (the DfE rule code, error or query,
 * the fields it looks at, the collection years it applies to, a message in our own words) plus one pure check over a
 * whole return. The same rules run over Cairn's own export, over files from any other system (parsed into the same
 * shape), over one child while a worker records, and over a whole authority for the analyst's readiness page.
 */

/** An error must be fixed before the DfE accepts the return; a query may stand with an explanation (rules ending Q). */
export type Severity = 'error' | 'query';

/** The census year that ends on 31 March of `year`: `--year 2025` is 1 April 2024 to 31 March 2025. */
export interface CollectionPeriod {
  year: number;
  start: string;
  end: string;
}

export function collectionPeriod(year: number): CollectionPeriod {
  if (!Number.isInteger(year) || year < 2011 || year > 2035) throw new RangeError(`A collection year is between 2011 and 2035, not ${year}.`);
  return { year, start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

/** The collection year a date falls in: 2025-03-31 is in 2025, 2025-04-01 in 2026. */
export const collectionYearOf = (date: string) => (Number(date.slice(5, 7)) >= 4 ? Number(date.slice(0, 4)) + 1 : Number(date.slice(0, 4)));

export interface RuleContext {
  period: CollectionPeriod;
}

/** Where a rule found a problem: the child (LAchildID / CHILD; null for a whole-file problem) and the item. */
export interface Hit {
  child: string | null;
  /** Which item in the child's return: "CINdetails 2 › Assessment 1", "Episodes row 14". Empty for the child. */
  location?: string;
  /** The field to fix; the rule's first field when not given. */
  field?: string;
}

export interface Rule<Data, Context extends RuleContext = RuleContext> {
  /** The DfE rule code as the DfE writes it: '8500', '8525Q', '503A', 'INT01'. */
  code: string;
  severity: Severity;
  /** What is wrong and how to put it right, in plain English. */
  message: string;
  /** The return's own field names (XML elements, CSV columns) the rule reads. */
  fields: string[];
  /** Collection years the rule applies to, inclusive; open-ended when not given. */
  years?: { from?: number; to?: number };
  check(data: Data, context: Context): Iterable<Hit>;
}

export interface Failure {
  rule: string;
  severity: Severity;
  message: string;
  child: string | null;
  location: string;
  field: string;
}

export const appliesIn = (rule: Pick<Rule<unknown>, 'years'>, year: number) =>
  (rule.years?.from === undefined || year >= rule.years.from) && (rule.years?.to === undefined || year <= rule.years.to);

/** Runs every rule that applies in the context's year; failures come out in rule order, then as each rule found them. */
export function runRules<Data, Context extends RuleContext>(rules: readonly Rule<Data, Context>[], data: Data, context: Context): Failure[] {
  const failures: Failure[] = [];
  for (const rule of rules) {
    if (!appliesIn(rule, context.period.year)) continue;
    for (const hit of rule.check(data, context)) {
      failures.push({
        rule: rule.code,
        severity: rule.severity,
        message: rule.message,
        child: hit.child,
        location: hit.location ?? '',
        field: hit.field ?? rule.fields[0] ?? '',
      });
    }
  }
  return failures;
}

/** Failures grouped by rule, most failures first (errors before queries), as the readiness page lists them. */
export function failuresByRule(failures: readonly Failure[]): { rule: string; severity: Severity; message: string; failures: Failure[] }[] {
  const groups = new Map<string, { rule: string; severity: Severity; message: string; failures: Failure[] }>();
  for (const failure of failures) {
    const group = groups.get(failure.rule) ?? { rule: failure.rule, severity: failure.severity, message: failure.message, failures: [] };
    group.failures.push(failure);
    groups.set(failure.rule, group);
  }
  return [...groups.values()].sort((a, b) => (a.severity === b.severity ? b.failures.length - a.failures.length : a.severity === 'error' ? -1 : 1));
}

/** A file that cannot be read as the return it claims to be: the message names the file, line or element. */
export class ReturnFileError extends Error {}
