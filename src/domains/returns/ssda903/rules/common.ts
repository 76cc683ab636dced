import type { Hit, Rule, RuleContext } from '../../engine.ts';
import { isoDate, type Row, type Ssda903Return, type TableName } from '../tables.ts';

/** What every 903 rule sees: the year, and last year's return when one was recorded (rules 202-208, 502, 503). */
export interface Context903 extends RuleContext {
  previous: Ssda903Return | null;
}
export type Rule903 = Rule<Ssda903Return, Context903>;

/** A row of a table with its position (1 = the first row under the header) and its dates read. */
export interface Indexed {
  row: Row;
  n: number;
}
export interface Episode extends Indexed {
  decom: string | null;
  dec: string | null;
}

/** A return read once for all the rules: rows grouped by child, episodes in date order. */
export interface View {
  header: Map<string, Indexed>;
  episodes: Map<string, Episode[]>;
  rows: Record<TableName, Indexed[]>;
  byChild(table: TableName): Map<string, Indexed[]>;
}

const views = new WeakMap<Ssda903Return, View>();

export function view(ret: Ssda903Return): View {
  const known = views.get(ret);
  if (known) return known;
  const rows = Object.fromEntries(Object.entries(ret).map(([t, list]) => [t, list.map((row, i) => ({ row, n: i + 1 }))])) as Record<TableName, Indexed[]>;
  const grouped = new Map<TableName, Map<string, Indexed[]>>();
  const byChild = (table: TableName) => {
    let g = grouped.get(table);
    if (!g) {
      g = new Map();
      for (const r of rows[table]) {
        const list = g.get(r.row.CHILD ?? '');
        if (list) list.push(r);
        else g.set(r.row.CHILD ?? '', [r]);
      }
      grouped.set(table, g);
    }
    return g;
  };
  const header = new Map<string, Indexed>();
  for (const r of rows.Header) if (!header.has(r.row.CHILD ?? '')) header.set(r.row.CHILD ?? '', r);
  const episodes = new Map<string, Episode[]>();
  for (const r of rows.Episodes) {
    const e: Episode = { ...r, decom: isoDate(r.row.DECOM), dec: isoDate(r.row.DEC) };
    const list = episodes.get(r.row.CHILD ?? '');
    if (list) list.push(e);
    else episodes.set(r.row.CHILD ?? '', [e]);
  }
  for (const list of episodes.values()) list.sort((a, b) => (a.decom ?? '').localeCompare(b.decom ?? '') || a.n - b.n);
  const v: View = { header, episodes, rows, byChild };
  views.set(ret, v);
  return v;
}

export const at = (table: TableName, r: Indexed, field?: string): Hit => ({ child: r.row.CHILD || null, location: `${table} row ${r.n}`, ...(field ? { field } : {}) });

/** A rule that looks at each row of one table on its own. */
export function eachRow(table: TableName, failing: (row: Row, context: Context903, dates: (c: string) => string | null) => boolean | string | undefined | null) {
  return function* (ret: Ssda903Return, context: Context903): Iterable<Hit> {
    for (const r of view(ret).rows[table]) {
      const result = failing(r.row, context, (c) => isoDate(r.row[c]));
      if (result) yield at(table, r, typeof result === 'string' ? result : undefined);
    }
  };
}

/** A rule over each child's episodes in date order. */
export function eachChildEpisodes(failing: (episodes: Episode[], context: Context903, ret: Ssda903Return) => Iterable<Episode | [Episode, string]>) {
  return function* (ret: Ssda903Return, context: Context903): Iterable<Hit> {
    for (const list of view(ret).episodes.values()) {
      for (const e of failing(list, context, ret)) yield Array.isArray(e) ? at('Episodes', e[0], e[1]) : at('Episodes', e);
    }
  };
}

/** Whole years from a date of birth to a date (both YYYY-MM-DD). */
export function age(dob: string, date: string): number {
  let years = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  if (date.slice(5) < dob.slice(5)) years -= 1;
  return years;
}

export const dobOf = (ret: Ssda903Return, child: string): string | null => isoDate(view(ret).header.get(child)?.row.DOB);

export const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** A rule definition, typed. */
export const rule = (r: Rule903): Rule903 => r;
