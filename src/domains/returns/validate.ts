/**
 * A return validated from the records: the whole authority for the readiness page, or one child (personIds) for
 * the problems shown on their record while a worker records.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { buildCinReturn, validateCin } from './cin/index.ts';
import { collectionPeriod, type Failure } from './engine.ts';
import type { ReturnsSettings } from './settings.ts';
import { build903Return, previous903, validate903 } from './ssda903/index.ts';
import type { Ssda903Return } from './ssda903/tables.ts';

export type ValidatedKind = 'cin' | '903';

export interface Validation {
  /** Children in the return. */
  children: number;
  failures: Failure[];
}

/** Only this child's rows of last year's 903: the year-on-year rules then compare the child with themselves. */
const onlyChild = (ret: Ssda903Return, child: string): Ssda903Return =>
  Object.fromEntries(Object.entries(ret).map(([table, rows]) => [table, rows.filter((r) => r.CHILD === child)])) as Ssda903Return;

export async function validateRecords(
  db: Kysely<Database>,
  kind: ValidatedKind,
  year: number,
  settings: ReturnsSettings,
  options: { personIds?: string[]; onProgress?: (done: number, total: number) => void; only?: string } = {},
): Promise<Validation> {
  const period = collectionPeriod(year);
  const { personIds, onProgress } = options;
  if (kind === 'cin') {
    const ret = await buildCinReturn(db, period, settings, { personIds, onProgress });
    return { children: ret.Children.length, failures: validateCin(ret, period) };
  }
  const ret = await build903Return(db, period, settings, { personIds, onProgress });
  // A child not looked after in the year has no 903 to check: last year's return is not read for nothing.
  if (personIds && !ret.Header.length) return { children: 0, failures: [] };
  const previous = await previous903(db, year);
  return { children: ret.Header.length, failures: validate903(ret, period, previous && options.only ? onlyChild(previous, options.only) : previous) };
}

/**
 * One child's problems in both returns for the year. A return of one child cannot be judged as a whole file,
 * so only failures naming the child are kept.
 */
export async function childProblems(db: Kysely<Database>, personId: string, returnId: string, year: number, settings: ReturnsSettings): Promise<{ kind: ValidatedKind; failure: Failure }[]> {
  const results = await Promise.all(
    (['cin', '903'] as const).map(async (kind) => {
      const { failures } = await validateRecords(db, kind, year, settings, { personIds: [personId], only: returnId });
      return failures.filter((f) => f.child === returnId).map((failure) => ({ kind, failure }));
    }),
  );
  return results.flat();
}
