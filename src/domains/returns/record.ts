/**
 * "Problems for the statutory returns" on a child's social care record: the CIN census and SSDA903 rules run over
 * this one child for the current collection year, so a worker puts a record right as they work rather than an
 * analyst chasing it at year end. Shown only to children's social care staff who may work on the child, and only
 * when there is something to fix.
 */
import { loadPersonScope, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import type { RecordSection, SectionSource } from '../casework/record-section.ts';
import { collectionYearOf } from './engine.ts';
import { RETURNS } from './labels.ts';
import { returnIdOf } from './repository.ts';
import type { ReturnsSettings } from './settings.ts';
import { childProblems } from './validate.ts';

export const PROBLEMS_TITLE = 'Problems for the statutory returns';

/**
 * The authority's return header, handed over when the returns' routes are registered (sections are called with
 * the request's context, which does not carry the configuration). Until then the section shows nothing.
 */
let configured: ReturnsSettings | null = null;
export const useReturnsSettings = (settings: ReturnsSettings) => {
  configured = settings;
};

export const returnProblemsSection: SectionSource = async (ctx: RequestContext, personId: string): Promise<RecordSection | null> => {
  if (!configured) return null;
  const scope = await loadPersonScope(ctx, personId);
  if (!scope || !can(ctx.actor, 'socialcare.work', { kind: 'case', case: { person: scope, teamUserIds: [] } }).allowed) return null;
  const returnId = await returnIdOf(ctx.db, personId);
  if (!returnId) return null;
  const year = collectionYearOf(ukToday());
  const problems = await childProblems(ctx.db, personId, returnId, year, configured);
  if (!problems.length) return null;
  const errors = problems.filter((p) => p.failure.severity === 'error').length;
  const queries = problems.length - errors;
  const counts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', queries ? `${queries} quer${queries === 1 ? 'y' : 'ies'}` : ''].filter(Boolean).join(' and ');
  return {
    title: PROBLEMS_TITLE,
    status: `${counts} in this child’s part of the ${year} returns (1 April ${year - 1} to 31 March ${year}). Put the record right and the problem goes.`,
    rows: problems
      .sort((a, b) => (a.failure.severity === b.failure.severity ? 0 : a.failure.severity === 'error' ? -1 : 1))
      .map(({ kind, failure }) => ({
        label: `${RETURNS[kind].short} ${failure.severity === 'error' ? 'error' : 'query'} ${failure.rule}`,
        value: `${failure.message} Field to fix: ${failure.field}${failure.location ? ` (${failure.location})` : ''}.`,
      })),
    actions: [],
  };
};
