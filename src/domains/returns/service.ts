/**
 * The analyst's readiness page: a return validated over the authority's records for a collection year, failures
 * grouped by rule (errors first), each naming the child by their return identifier, where in the return and the
 * field; a link to the child's record only for a reader who may open it (need to know, decided per child).
 */
import { authorise, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { failuresByRule, type Severity } from './engine.ts';
import { cinFiles, ssda903Files } from './exports.ts';
import * as repo from './repository.ts';
import type { ReturnsSettings } from './settings.ts';
import { record903Snapshot } from './ssda903/index.ts';
import { type ValidatedKind, validateRecords } from './validate.ts';

/** Failures shown under each rule on the overview; the rest are a click away, a page at a time. */
export const OVERVIEW_PER_RULE = 10;
export const PAGE_SIZE = 50;

export interface ShownFailure {
  child: string | null;
  location: string;
  field: string;
  /** Set only when the reader may open the child's record. */
  href: string | null;
}

export interface RuleGroup {
  rule: string;
  severity: Severity;
  message: string;
  count: number;
  children: number;
  failures: ShownFailure[];
}

export interface Readiness {
  kind: ValidatedKind;
  year: number;
  children: number;
  errors: number;
  queries: number;
  groups: RuleGroup[];
  /** When one rule is asked for: that rule's failures a page at a time. */
  rule: { code: string; page: number; pages: number } | null;
  snapshot: repo.SnapshotInfo | null;
}

export async function readiness(
  ctx: RequestContext,
  kind: ValidatedKind,
  year: number,
  settings: ReturnsSettings,
  options: { rule?: string; page?: number } = {},
): Promise<Readiness> {
  authorise(ctx, 'returns.prepare');
  const [validation, snapshot] = await Promise.all([validateRecords(ctx.db, kind, year, settings), repo.snapshotInfo(ctx.db, kind, year)]);
  const all = failuresByRule(validation.failures);
  const chosen = options.rule ? all.filter((g) => g.rule === options.rule) : all;
  const pages = options.rule ? Math.max(1, Math.ceil((chosen[0]?.failures.length ?? 0) / PAGE_SIZE)) : 1;
  const page = Math.min(Math.max(1, options.page ?? 1), pages);
  const slice = <T>(items: T[]) => (options.rule ? items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) : items.slice(0, OVERVIEW_PER_RULE));

  // Links are decided only for the children on screen: one query for who they are, one for who may be opened.
  const shown = chosen.map((g) => ({ ...g, failures: slice(g.failures) }));
  const people = await repo.peopleByReturnId(ctx.db, shown.flatMap((g) => g.failures.map((f) => f.child)).filter((c): c is string => c !== null));
  const viewable = await viewablePeople(ctx, [...people.values()]);
  const href = (child: string | null) => {
    const id = child === null ? undefined : people.get(child);
    return id && viewable.has(id) ? `/people/${id}/social-care` : null;
  };
  await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'returns.prepare', outcome: 'allowed', resourceType: 'statutory_return', resourceId: null, requestId: ctx.requestId });

  return {
    kind,
    year,
    children: validation.children,
    errors: validation.failures.filter((f) => f.severity === 'error').length,
    queries: validation.failures.filter((f) => f.severity === 'query').length,
    groups: shown.map((g, i) => ({
      rule: g.rule,
      severity: g.severity,
      message: g.message,
      count: chosen[i]!.failures.length,
      children: new Set(chosen[i]!.failures.map((f) => f.child)).size,
      failures: g.failures.map((f) => ({ child: f.child, location: f.location, field: f.field, href: href(f.child) })),
    })),
    rule: options.rule ? { code: options.rule, page, pages } : null,
    snapshot,
  };
}

/**
 * Keeps the return as Cairn builds it now as the one submitted for the year (replacing any recorded before): next
 * year's 903 is checked against it, as the DfE checks it against what was sent.
 */
export async function recordSubmitted(ctx: RequestContext, kind: ValidatedKind, year: number, settings: ReturnsSettings): Promise<void> {
  authorise(ctx, 'returns.prepare');
  if (kind === '903') await record903Snapshot(ctx.db, year, await ssda903Files(ctx.db, year, settings), ctx.actor.id, { replace: true });
  else await repo.saveSnapshot(ctx.db, 'cin', year, await cinFiles(ctx.db, year, settings), ctx.actor.id);
  await recordAccess(ctx.db, { userId: ctx.actor.id, action: 'returns.submitted', outcome: 'allowed', resourceType: 'statutory_return', resourceId: null, requestId: ctx.requestId });
}
