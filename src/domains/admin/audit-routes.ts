import type { FastifyInstance } from 'fastify';
import { actionLabel, OUTCOME_LABELS, OUTCOMES } from '../../platform/audit/labels.ts';
import { pageNumber, pagination } from '../../platform/http/pagination.ts';
import { dateInputError, dateInputItems } from '../../platform/views/date-input.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { exportAccessAudit, knownActions, readAuditFilters, searchAccessAudit } from './audit-service.ts';

export async function auditRoutes(app: FastifyInstance) {
  app.get('/admin/audit', async (request, reply) => {
    const ctx = request.ctx();
    const query = request.query as Record<string, unknown>;
    const { raw, filters, errors, fromInput, toInput, valid } = readAuditFilters(query);
    const page = pageNumber(query.page);
    const result = valid ? await searchAccessAudit(ctx, filters, page) : { rows: [], total: 0, actions: await knownActions(ctx) };
    const filterQuery: Record<string, string> = {
      ...raw,
      ...Object.fromEntries(['from', 'to'].flatMap((p) => ['day', 'month', 'year'].map((part) => [`${p}-${part}`, String(query[`${p}-${part}`] ?? '')]))),
    };
    return reply.status(valid ? 200 : 400).page('domains/admin/views/audit.njk', {
      title: 'Access audit',
      section: 'audit',
      errors,
      values: raw,
      fromItems: dateInputItems(fromInput, 'from', errors),
      toItems: dateInputItems(toInput, 'to', errors),
      fromError: dateInputError('from', errors),
      toError: dateInputError('to', errors),
      actionItems: [{ value: '', text: 'Any action' }, ...result.actions.map((a) => ({ value: a, text: actionLabel(a), selected: a === raw.action }))],
      outcomeItems: [{ value: '', text: 'Any outcome' }, ...OUTCOMES.map((o) => ({ value: o, text: OUTCOME_LABELS[o].text, selected: o === raw.outcome }))],
      rows: result.rows.map((r) => ({ ...r, actionText: actionLabel(r.action), outcomeTag: OUTCOME_LABELS[r.outcome] })),
      total: result.total,
      valid,
      pagination: pagination('/admin/audit', filterQuery, page, result.total),
      csvHref: `/admin/audit.csv?${new URLSearchParams(Object.entries(filterQuery).filter(([, v]) => v !== '')).toString()}`,
    });
  });

  app.get('/admin/audit.csv', async (request, reply) => {
    const ctx = request.ctx();
    const { filters, errors, valid } = readAuditFilters(request.query as Record<string, unknown>);
    if (!valid) throw new BadRequestError(errors.summary.map((e) => e.text).join('. '));
    const { csv, truncated } = await exportAccessAudit(ctx, filters);
    const stamp = new Date().toISOString().slice(0, 10);
    if (truncated) reply.header('x-cairn-truncated', 'true');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="access-audit-${stamp}.csv"`)
      .send(`\uFEFF${csv}`);
  });
}
