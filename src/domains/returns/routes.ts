import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { dateField, formOf, idempotencyKeyOf } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { collectionYearOf } from './engine.ts';
import { collectionYearParam, offeredYears, RETURNS, SECTION, validatedKind, yearLabel } from './labels.ts';
import { useReturnsSettings } from './record.ts';
import { recentRuns } from './repository.ts';
import { downloadRun, percentDone, runOf, settleRuns, startExport } from './runs.ts';
import { readiness, recordSubmitted } from './service.ts';

const view = (name: string) => `domains/returns/views/${name}.njk`;

const page = (query: unknown) => {
  const value = (query as { page?: string } | undefined)?.page;
  return value && /^\d{1,5}$/.test(value) ? Number(value) : 1;
};
const ruleQuery = (query: unknown) => {
  const value = (query as { rule?: string } | undefined)?.rule;
  return value && /^[A-Za-z0-9]{1,12}$/.test(value) ? value : undefined;
};

/**
 * The statutory returns for analysts and social care managers (`returns.prepare`): each return's readiness for a
 * collection year, exports run in the background with their progress, and recording a return as submitted.
 * Authorisation comes before anything in the path is read, so an unknown return or year is a 403 to those who may
 * not prepare returns and a 404 or 400 to those who may.
 */
export const returnsRoutes = fp(async (app: FastifyInstance) => {
  const settings = app.config.returns;
  useReturnsSettings(settings);
  app.addHook('onClose', async () => settleRuns());

  app.get('/returns', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'returns.prepare');
    const current = collectionYearOf(ukToday());
    return reply.page(view('landing'), {
      title: 'Statutory returns',
      section: SECTION,
      returns: RETURNS,
      years: [current, current - 1].map((year) => ({ year, label: yearLabel(year), current: year === current })),
      runs: (await recentRuns(ctx.db, ctx.actor.id)).map((r) => ({ ...r, percent: percentDone(r) })),
    });
  });

  const annexAPage = (reply: FastifyReply, values: { asAt: unknown; idempotencyKey: string }, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).page(view('annex-a'), { title: RETURNS['annex-a'].title, section: SECTION, values, errors });

  app.get('/returns/annex-a', async (request, reply) => {
    authorise(request.ctx(), 'returns.prepare');
    return annexAPage(reply, { asAt: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/returns/annex-a/export', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'returns.prepare');
    const body = formOf(request);
    const errors = noErrors();
    const asAt = dateField(body, 'asAt', 'The date the lists are as at', errors, 'Enter the date the lists are as at');
    if (asAt.value && asAt.value > ukToday()) addError(errors, 'asAt-day', 'The date the lists are as at must be today or in the past');
    const idempotencyKey = idempotencyKeyOf(body);
    if (!asAt.value || errors.summary.length) return annexAPage(reply, { asAt: asAt.input, idempotencyKey }, errors);
    const run = await startExport(ctx, { kind: 'annex-a', asAt: asAt.value }, idempotencyKey, settings, request.log);
    return reply.redirect(`/returns/runs/${run.id}`, 303);
  });

  app.get('/returns/runs/:id', async (request, reply) => {
    const run = await runOf(request.ctx(), uuidParam(request.params));
    const label = RETURNS[run.return_kind];
    return reply.page(view('run'), {
      title: run.status === 'done' ? `${label.title}: ready to download` : run.status === 'failed' ? `${label.title}: the export failed` : `Exporting the ${label.title}`,
      section: SECTION,
      run: { ...run, percent: percentDone(run) },
      label,
    });
  });

  app.get('/returns/runs/:id/status', async (request) => {
    const run = await runOf(request.ctx(), uuidParam(request.params));
    return { status: run.status, done: run.done_steps, total: run.total_steps, percent: percentDone(run) };
  });

  app.get('/returns/runs/:id/download', async (request, reply) => {
    const id = uuidParam(request.params);
    const file = await downloadRun(request.ctx(), id);
    if (!file) {
      return reply.status(410).page(view('gone'), { title: 'This file is no longer here', section: SECTION });
    }
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.name}"`).send(file.bytes);
  });

  app.get('/returns/:kind/:year', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'returns.prepare');
    const kind = validatedKind((request.params as { kind: string }).kind);
    const year = collectionYearParam((request.params as { year: string }).year);
    const result = await readiness(ctx, kind, year, settings, { rule: ruleQuery(request.query), page: page(request.query) });
    const submitted = (request.query as { submitted?: string }).submitted === '1';
    return reply.page(view('readiness'), {
      title: `${RETURNS[kind].title} ${year}: readiness`,
      section: SECTION,
      label: RETURNS[kind],
      result,
      yearLabel: yearLabel(year),
      years: offeredYears().map((y) => ({ year: y, label: yearLabel(y), current: y === year })),
      idempotencyKey: idempotencyKeyOf(),
      ended: year < collectionYearOf(ukToday()),
      flash: submitted ? `The ${year} ${RETURNS[kind].short} is recorded as submitted` : undefined,
    });
  });

  app.post('/returns/:kind/:year/export', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'returns.prepare');
    const kind = validatedKind((request.params as { kind: string }).kind);
    const year = collectionYearParam((request.params as { year: string }).year);
    const run = await startExport(ctx, { kind, year }, idempotencyKeyOf(formOf(request)), settings, request.log);
    return reply.redirect(`/returns/runs/${run.id}`, 303);
  });

  app.post('/returns/:kind/:year/submitted', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'returns.prepare');
    const kind = validatedKind((request.params as { kind: string }).kind);
    const year = collectionYearParam((request.params as { year: string }).year);
    if (year >= collectionYearOf(ukToday())) throw new BadRequestError(`The ${year} collection year runs to 31 March ${year}: a return is recorded as submitted once its year has ended.`);
    if (formOf(request).confirm !== 'yes') throw new BadRequestError('Tick the box to confirm these are the files sent to the Department for Education, then record them again.');
    await recordSubmitted(ctx, kind, year, settings);
    return reply.redirect(`/returns/${kind}/${year}?submitted=1`, 303);
  });
});
