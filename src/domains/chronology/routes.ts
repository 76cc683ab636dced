import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { pageNumber, pagination } from '../../platform/http/pagination.ts';
import { dateInputError, dateInputItems, parseDateRange } from '../../platform/views/date-input.ts';
import { dayAfter, startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { entryTypeLabel } from './labels.ts';
import { chronologyFilterForm } from './schema.ts';
import { readChronology } from './service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_FIELDS = ['from', 'to'].flatMap((p) => ['day', 'month', 'year'].map((part) => `${p}-${part}`));

export const chronologyRoutes = fp(async (app: FastifyInstance) => {
  app.get('/people/:id/chronology', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) throw new NotFoundError();
    const query = request.query as Record<string, unknown>;
    const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string).slice(0, 200) : '');
    const raw = { type: str('type'), agency: str('agency') };
    const parsed = chronologyFilterForm.safeParse(raw);
    const errors = parsed.success ? noErrors() : fromZodError(parsed.error);
    const range = parseDateRange(query, errors);
    const valid = errors.summary.length === 0;
    const page = pageNumber(query.page);
    const filters = valid
      ? {
          entryType: raw.type || null,
          agencyId: raw.agency || null,
          from: range.from ? startOfUkDay(range.from) : null,
          before: range.to ? startOfUkDay(dayAfter(range.to)) : null,
        }
      : null;
    const { heading, entries, choices } = await readChronology(request.ctx(), id, filters, page);
    const filterQuery = { ...raw, ...Object.fromEntries(DATE_FIELDS.map((k) => [k, str(k)])) };
    return reply.status(valid ? 200 : 400).page('domains/chronology/views/chronology.njk', {
      title: 'Chronology',
      section: 'people',
      person: heading,
      errors,
      valid,
      filtered: Object.values(filterQuery).some((v) => v !== ''),
      typeItems: [{ value: '', text: 'All types' }, ...choices.types.map((t) => ({ value: t, text: entryTypeLabel(t), selected: t === raw.type }))],
      agencyItems: [{ value: '', text: 'All agencies' }, ...choices.agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === raw.agency }))],
      fromItems: dateInputItems(range.fromInput, 'from', errors),
      toItems: dateInputItems(range.toInput, 'to', errors),
      fromError: dateInputError('from', errors),
      toError: dateInputError('to', errors),
      total: entries.total,
      entries: entries.rows.map((e) => ({ ...e, typeText: entryTypeLabel(e.entryType) })),
      pagination: pagination(`/people/${id}/chronology`, filterQuery, page, entries.total),
    });
  });
});
