/**
 * The records behind one figure, for managers (`dataset.records`). Each row says when and what; the child is named,
 * with a link to their record, only where the access layer lets this user see that child. Everyone else in the list
 * is counted but not named. The list is audited like any other list of people: once as a whole, and once for each
 * child named in it.
 */
import { z } from 'zod';
import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { personNames } from '../people/service.ts';
import { BREAKDOWN_LABELS, keyLabel } from './indicators/breakdowns.ts';
import { recordsBehind } from './indicators/compute.ts';
import type { Breakdown, Indicator } from './indicators/types.ts';
import { type ChosenPeriod, oneValue } from './period.ts';

/** A page shows this many; the rest are counted. */
export const RECORDS_SHOWN = 200;

export interface Filter {
  breakdown: Breakdown;
  key: string;
}

/** A key as a breakdown names it: agency and locality names are free text, so only their length and control characters are checked. */
const key = z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]+$/u);

/**
 * Reads the filters of a records link (`by`, `key`, then `then`, `key2`) against the indicator's own breakdowns;
 * anything else is a 400 saying what was wrong.
 */
export function readFilters(indicator: Indicator, query: unknown): { filters: Filter[]; countedOnly: boolean } {
  const q = (query ?? {}) as Record<string, unknown>;
  const own = z.enum(indicator.breakdowns.filter((b) => b !== 'incidents') as [Breakdown, ...Breakdown[]]);
  const pair = (b: unknown, k: unknown, which: string): Filter | null => {
    const by = oneValue(b);
    const value = oneValue(k);
    if (by === undefined && value === undefined) return null;
    const parsed = z.object({ breakdown: own, key }).safeParse({ breakdown: by, key: value });
    if (!parsed.success) throw new BadRequestError(`The ${which} split of the figure is not one this indicator has, or its value is missing.`);
    return parsed.data;
  };
  const first = pair(q.by, q.key, 'first');
  const second = pair(q.then, q.key2, 'second');
  if (second && !first) throw new BadRequestError('A second split needs a first.');
  if (first && second && first.breakdown === second.breakdown) throw new BadRequestError('The two splits must be different.');
  return { filters: [first, second].filter((f): f is Filter => f !== null), countedOnly: oneValue(q.counted) === '1' && indicator.measure === 'percent' };
}

export interface RecordRow {
  dated: string;
  what: string;
  personId: string | null;
  /** Null when this user may not see the child: they are counted, not named. */
  name: string | null;
}

export interface RecordsList {
  total: number;
  rows: RecordRow[];
  /** "Age: Under 1; Quarter: 30 Jun 2024". */
  filterText: string;
  hiddenCount: number;
}

export async function recordsList(ctx: RequestContext, indicator: Indicator, period: ChosenPeriod, filters: Filter[], countedOnly: boolean): Promise<RecordsList> {
  authorise(ctx, 'dataset.records');
  const found = await recordsBehind(ctx.db, indicator, period, filters, { countedOnly, limit: RECORDS_SHOWN });
  const ids = [...new Set(found.rows.map((r) => r.person_id).filter((id): id is string => id !== null))];
  const visible = await viewablePeople(ctx, ids);
  const names = await personNames(ctx.db, [...visible]);
  await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'dataset.records', outcome: 'allowed', resourceType: 'dataset_records', requestId: ctx.requestId });
  for (const personId of visible) {
    await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'dataset.records', outcome: 'allowed', resourceType: 'person', resourceId: personId, personId, requestId: ctx.requestId });
  }
  const rows = found.rows.map((r) => ({
    dated: r.dated,
    what: indicator.recordLabel,
    personId: r.person_id && visible.has(r.person_id) ? r.person_id : null,
    name: r.person_id && visible.has(r.person_id) ? (names.get(r.person_id) ?? null) : null,
  }));
  return {
    total: found.total,
    rows,
    filterText: filters.map((f) => `${BREAKDOWN_LABELS[f.breakdown]}: ${keyLabel(f.breakdown, f.key, indicator)}`).join('; '),
    hiddenCount: rows.filter((r) => r.name === null).length,
  };
}
