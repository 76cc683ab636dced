import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { recordAccess } from '../../platform/audit/audit.ts';
import { actionLabel, OUTCOME_LABELS } from '../../platform/audit/labels.ts';
import { PAGE_SIZE } from '../../platform/http/pagination.ts';
import { parseDateRange } from '../../platform/views/date-input.ts';
import { dayAfter, startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { type AuditFilters, type AuditRow, distinctActions, searchAudit } from '../../platform/audit/repository.ts';
import { fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { auditFilterForm } from './schema.ts';
import { toCsv as spreadsheetCsv } from '../../platform/downloads/spreadsheet.ts';

/** Past this, an export is refused rather than left to exhaust memory: narrow the filters instead. */
export const EXPORT_LIMIT = 100_000;

/** The filters as typed (kept in the form), the errors, and the filters the query uses when there are none. */
export function readAuditFilters(query: Record<string, unknown>) {
  const raw = Object.fromEntries(['email', 'personId', 'action', 'outcome'].map((k) => [k, typeof query[k] === 'string' ? (query[k] as string).slice(0, 400) : '']));
  const parsed = auditFilterForm.safeParse(raw);
  const errors = parsed.success ? noErrors() : fromZodError(parsed.error);
  const range = parseDateRange(query, errors);
  const form = parsed.success ? parsed.data : { email: '', personId: '', action: '', outcome: '' as const };
  const filters: AuditFilters = {
    email: form.email || null,
    personId: form.personId || null,
    action: form.action || null,
    outcome: form.outcome || null,
    from: range.from ? startOfUkDay(range.from) : null,
    before: range.to ? startOfUkDay(dayAfter(range.to)) : null,
  };
  return { raw, filters, errors, fromInput: range.fromInput, toInput: range.toInput, valid: errors.summary.length === 0 };
}

export async function searchAccessAudit(ctx: RequestContext, filters: AuditFilters, page: number) {
  authorise(ctx, 'audit.search');
  const [result, actions] = await Promise.all([
    searchAudit(ctx.db, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    distinctActions(ctx.db),
  ]);
  return { ...result, actions };
}

export async function knownActions(ctx: RequestContext) {
  authorise(ctx, 'audit.search');
  return distinctActions(ctx.db);
}

const HEADER = ['Time (UTC)', 'User', 'Email address', 'Agency', 'Action', 'Action code', 'Outcome', 'Resource type', 'Resource id', 'Person id', 'Reason'];

export function toCsv(rows: AuditRow[]): string {
  return spreadsheetCsv(
    HEADER,
    rows.map((r) => [r.at.toISOString(), r.userName, r.userEmail, r.agencyName, actionLabel(r.action), r.action, OUTCOME_LABELS[r.outcome].text, r.resourceType, r.resourceId, r.personId, r.reason]),
  );
}

/** The export is itself access to personal data, so it is audited like any other. */
export async function exportAccessAudit(ctx: RequestContext, filters: AuditFilters): Promise<{ csv: string; truncated: boolean }> {
  authorise(ctx, 'audit.search');
  const { rows, total } = await searchAudit(ctx.db, filters, { limit: EXPORT_LIMIT, offset: 0 });
  await recordAccess(ctx.db, {
    userId: ctx.actor.id,
    action: 'audit.export',
    outcome: 'allowed',
    resourceType: 'access_audit',
    personId: filters.personId ?? null,
    resourceId: filters.personId ?? null,
    requestId: ctx.requestId,
  });
  return { csv: toCsv(rows), truncated: total > rows.length };
}
