import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { addError, noErrors } from '../../platform/views/form-errors.ts';
import { benchmarkUnit, formatBenchmark } from './benchmarks.ts';
import { firstYear, partnershipDashboard, SERVICES, serviceById, serviceDashboard } from './dashboard.ts';
import { BREAKDOWN_LABELS } from './indicators/breakdowns.ts';
import { INDICATORS } from './indicators/index.ts';
import { breakdownItems, downloadName, indicatorFigures, indicatorLibrary, knownIndicator, MEASURES, PERIOD_TYPES, POLARITIES, publishedFigures, readBreakdowns } from './indicator-page.ts';
import { type ChosenPeriod, lastCompleteYear, periodChoices, readPeriod } from './period.ts';
import { tableCsv, tablesXlsx } from './published-table.ts';
import { readFilters, RECORDS_SHOWN, recordsList } from './records.ts';
import { datasetInputLinks } from './settings.ts';

const view = (name: string) => `domains/dataset/views/${name}.njk`;
const SECTION = 'dataset';

/** The period picker's state for a page: the choices, and the error beside it when the year asked for is not one. */
async function picker(request: FastifyRequest) {
  const ctx = request.ctx();
  const today = ukToday();
  const { input, period, error } = readPeriod(request.query, today);
  const periods = periodChoices(await firstYear(ctx), input, today);
  const errors = error ? addError(noErrors(), 'year', error) : noErrors();
  return { period, periods, errors, query: new URLSearchParams(period ? { year: period.key } : {}).toString() };
}

/** A download or records link asks for a period it was given: a bad one is a 400 saying so. */
function periodOrRefuse(request: FastifyRequest): ChosenPeriod {
  const { period, error } = readPeriod(request.query, ukToday());
  if (!period) throw new BadRequestError(error ?? 'Choose a period from the list');
  return period;
}

/** The partnership dataset's pages: the dashboards, the indicator library, the figures' tables and their records. */
export const datasetDashboardRoutes = fp(async (app: FastifyInstance) => {
  app.get('/dataset', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'aggregates.view');
    const { period, periods, errors, query } = await picker(request);
    const figures = period ? await partnershipDashboard(ctx, period) : null;
    return reply.status(period ? 200 : 400).page(view('dashboard'), {
      title: 'Partnership dataset',
      section: SECTION,
      period,
      periods,
      errors,
      query,
      services: figures?.services ?? [],
      threshold: figures?.threshold,
      inputLinks: datasetInputLinks(ctx.actor),
    });
  });

  app.get<{ Params: { service: string } }>('/dataset/services/:service', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'aggregates.view');
    const service = serviceById(request.params.service);
    if (!service) throw new NotFoundError('There is no service dashboard with that name.');
    const { period, periods, errors, query } = await picker(request);
    const figures = period ? await serviceDashboard(ctx, service.id, period) : null;
    return reply.status(period ? 200 : 400).page(view('dashboard-service'), {
      title: `${service.label} dashboard`,
      section: SECTION,
      service,
      period,
      periods,
      errors,
      query,
      indicators: figures?.indicators ?? [],
      threshold: figures?.threshold,
      services: SERVICES,
    });
  });

  app.get('/dataset/indicators', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'aggregates.view');
    const year = lastCompleteYear(ukToday());
    const benchmarks = await indicatorLibrary(ctx, year);
    const groups = SERVICES.map((service) => ({
      service,
      indicators: INDICATORS.filter((i) => i.service === service.id).map((indicator) => {
        const b = benchmarks.get(indicator.id);
        return {
          indicator,
          periodType: PERIOD_TYPES[indicator.periodType],
          measure: MEASURES[indicator.measure] + (indicator.ratePer10k ? ', also per 10,000 children' : ''),
          polarity: POLARITIES[indicator.polarity],
          breakdowns: indicator.breakdowns.map((x) => BREAKDOWN_LABELS[x]).join(', ') || 'Not split',
          target: formatBenchmark(b?.target ?? null, benchmarkUnit(indicator)) || 'None set',
        };
      }),
    })).filter((g) => g.indicators.length);
    return reply.page(view('indicators'), { title: 'Indicator library', section: SECTION, groups, year });
  });

  app.get<{ Params: { id: string } }>('/dataset/indicators/:id', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'aggregates.view');
    const indicator = knownIndicator(request.params.id);
    const { period, periods, errors } = await picker(request);
    const split = readBreakdowns(indicator, request.query);
    for (const e of split.errors.summary) addError(errors, e.href.slice(1), e.text);
    const figures = period && split.breakdowns ? await indicatorFigures(ctx, indicator, period, split.breakdowns) : null;
    const params = new URLSearchParams();
    if (period) params.set('year', period.key);
    if (split.breakdowns?.[0]) params.set('by', split.breakdowns[0]);
    if (split.breakdowns?.[1]) params.set('then', split.breakdowns[1]);
    return reply.status(figures ? 200 : 400).page(view('indicator'), {
      title: indicator.title,
      section: SECTION,
      indicator,
      service: serviceById(indicator.service),
      period,
      periods,
      errors,
      split: split.input,
      byItems: breakdownItems(indicator, split.input.by, 'Not split'),
      thenItems: breakdownItems(indicator, split.input.then, 'Not split again'),
      figures,
      query: params.toString(),
    });
  });

  /** The same table as the page, suppressed, as a file; a bad query is a 400 saying what was wrong. */
  const download = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const ctx = request.ctx();
    authorise(ctx, 'aggregates.view');
    const indicator = knownIndicator(request.params.id);
    const period = periodOrRefuse(request);
    const split = readBreakdowns(indicator, request.query);
    if (!split.breakdowns) throw new BadRequestError(split.errors.summary.map((e) => e.text).join('. '));
    const table = await publishedFigures(ctx, indicator, period, split.breakdowns);
    return { table, name: downloadName(indicator, period, split.breakdowns) };
  };

  app.get<{ Params: { id: string } }>('/dataset/indicators/:id/table.csv', async (request, reply: FastifyReply) => {
    const { table, name } = await download(request);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(tableCsv(table));
  });

  app.get<{ Params: { id: string } }>('/dataset/indicators/:id/table.xlsx', async (request, reply: FastifyReply) => {
    const { table, name } = await download(request);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await tablesXlsx([table]));
  });

  app.get<{ Params: { id: string } }>('/dataset/indicators/:id/records', async (request, reply) => {
    const ctx = request.ctx();
    // Managers only, asked before anything else: to anyone else this page does not exist for any indicator.
    authorise(ctx, 'dataset.records');
    const indicator = knownIndicator(request.params.id);
    const period = periodOrRefuse(request);
    const { filters, countedOnly } = readFilters(indicator, request.query);
    const list = await recordsList(ctx, indicator, period, filters, countedOnly);
    const base = new URLSearchParams({ year: period.key });
    filters.forEach((f, i) => {
      base.set(i ? 'then' : 'by', f.breakdown);
      base.set(i ? 'key2' : 'key', f.key);
    });
    const figureQuery = new URLSearchParams({ year: period.key });
    filters.forEach((f, i) => figureQuery.set(i ? 'then' : 'by', f.breakdown));
    return reply.page(view('records'), {
      title: `Records behind the figure: ${indicator.title}`,
      section: SECTION,
      indicator,
      period,
      list,
      countedOnly,
      shown: RECORDS_SHOWN,
      allQuery: base.toString(),
      countedQuery: `${base.toString()}&counted=1`,
      figureQuery: figureQuery.toString(),
    });
  });
});
