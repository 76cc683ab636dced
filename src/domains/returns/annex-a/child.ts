import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { ETHNICITY_ORDER, GENDER, NO, UNKNOWN, YES, letteredCode } from './lists.ts';
import { allocationRows, peopleRows } from './repository.ts';

/**
 * The columns every list shares (Child Unique ID, Gender, Ethnicity, Date of Birth, Age of Child (Years), Does the
 * Child have a Disability) and who the child is allocated to, worked out once per child for the whole workbook.
 */
export type Cell = string | number | null;

/** One row of a list before it is put in column order: header → value; a header not given is the child's own. */
export interface ListRow {
  personId: string;
  values: Record<string, Cell>;
}

export interface ChildFacts {
  values: Record<string, Cell>;
}

/** Whole years old on `date` (null before birth). */
export function ageOn(dateOfBirth: string, date: string): number | null {
  let age = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (date.slice(5) < dateOfBirth.slice(5)) age -= 1;
  return age < 0 ? null : age;
}

/**
 * A child's disability as Ofsted asks it: yes when any disability is recorded, no when "no disability" (NONE) is, and
 * unknown when nothing has been recorded at all.
 */
export function disabilityValue(codes: readonly string[]): string {
  if (codes.some((c) => c !== 'NONE')) return YES;
  return codes.includes('NONE') ? NO : UNKNOWN;
}

interface Allocation {
  start_date: string;
  end_date: string | null;
  worker: string;
  team: string | null;
}

/**
 * The allocation that applies on `asAt`: the one open that day (the latest to start when there are two), otherwise,
 * for a child whose case has closed, the last one before it, so the list still says who held the case.
 */
export function allocationOn(allocations: readonly Allocation[], asAt: string): Allocation | null {
  let open: Allocation | null = null;
  let last: Allocation | null = null;
  for (const a of allocations) {
    if (a.start_date > asAt) continue;
    if (a.end_date === null || a.end_date >= asAt) open = a;
    else if (!last || (a.end_date ?? '') >= (last.end_date ?? '')) last = a;
  }
  return open ?? last;
}

/**
 * The shared columns for every child on any list, from one query for the people and one for the allocations.
 * Children whose record was merged into another are left out (their records moved with them).
 */
export async function childFacts(db: Kysely<Database>, personIds: readonly string[], asAt: string): Promise<Map<string, ChildFacts>> {
  const [people, allocations] = await Promise.all([peopleRows(db, personIds), allocationRows(db, personIds, asAt)]);
  const byPerson = groupBy(allocations, (a) => a.person_id);
  const facts = new Map<string, ChildFacts>();
  for (const p of people) {
    if (p.merged_into) continue;
    const allocation = allocationOn(byPerson.get(p.id) ?? [], asAt);
    facts.set(p.id, {
      values: {
        'Child Unique ID': p.return_id,
        Gender: p.sex ? GENDER[p.sex] : null,
        Ethnicity: letteredCode(ETHNICITY_ORDER, p.ethnicity),
        'Date of Birth': p.date_of_birth,
        'Age of Child (Years)': p.date_of_birth ? ageOn(p.date_of_birth, asAt) : null,
        'Does the Child have a Disability': disabilityValue(p.disabilities ?? []),
        'Allocated Team': allocation?.team ?? p.team ?? null,
        'Allocated Worker': allocation?.worker ?? null,
      },
    });
  }
  return facts;
}

// ── Small helpers the list builders share ──
export const yesNo = (value: boolean | null | undefined): string | null => (value === null || value === undefined ? null : value ? YES : NO);

/** The latest of some dates (ISO text), or null. */
export function latest(dates: Iterable<string | null | undefined>): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}

/** Groups rows by a key. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Whether [start, end] overlaps [from, to] (an open end runs on). */
export const overlaps = (start: string, end: string | null, from: string, to: string) => start <= to && (end === null || end >= from);
