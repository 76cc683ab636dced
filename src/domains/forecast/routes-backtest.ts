import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { lineChart } from '../../platform/charts/line-chart.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { backtestSeries, errorsTable, monthsTable } from './backtest-tables.ts';
import { backtestCutOffs, backtestFor } from './page.ts';
import { CHART_LABELS, formatCount, formatPercent } from './page-tables.ts';
import { CHART_CHOICES, readBacktestQuery, REFERENCE_MONTHS } from './query.ts';
import { DEFAULT_BACKTEST_HORIZON } from './service.ts';
import type { BacktestResult } from './types.ts';

const TITLE = 'How accurate the forecast has been';

async function resultData(result: BacktestResult, chart: (typeof CHART_CHOICES)[number]) {
  const series = backtestSeries(result, chart);
  const last = series.at(-1);
  const description = last
    ? `${CHART_LABELS[chart]} from ${formatDate(series[0]!.monthEnd)} to ${formatDate(last.monthEnd)}: forecast ${formatCount(last.forecast)} and ` +
      `recorded ${formatCount(last.actual)} at the end. The table below the chart gives every month.`
    : `${CHART_LABELS[chart]}: no months to compare.`;
  return {
    chartLabel: CHART_LABELS[chart],
    chartSvg: await lineChart({
      id: 'backtest-chart',
      title: `${CHART_LABELS[chart]}: forecast against recorded`,
      description,
      lines: [
        { name: 'Recorded', points: series.map((m) => ({ monthEnd: m.monthEnd, value: m.actual })) },
        { name: 'Forecast (dashed)', dashed: true, points: series.map((m) => ({ monthEnd: m.monthEnd, value: m.forecast })) },
      ],
    }),
    monthsTable: monthsTable(result, chart),
    errorsTable: errorsTable(result),
    overall: formatPercent(result.mapeOverall),
    inCare: formatPercent(result.mapeInCare),
    cutOff: formatDate(result.cutOff),
    months: result.months.length,
  };
}

/**
 * The backtest: the model fitted on the records up to a past cut-off and its forecast of the following year set
 * against what the records went on to show (`forecast.view`).
 */
export const forecastBacktestRoutes = fp(async (app: FastifyInstance) => {
  app.get('/forecast/backtest', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'forecast.view');
    const cutOffs = backtestCutOffs(ukToday());
    const { input, value, errors } = readBacktestQuery(request.query, cutOffs);
    const form = {
      input,
      cutOffItems: cutOffs.map((c) => ({ value: c, text: formatDate(c), selected: input.cutOff === c })),
      chartItems: CHART_CHOICES.map((c) => ({ value: c, text: CHART_LABELS[c], selected: input.chart === c })),
      limits: { reference: REFERENCE_MONTHS },
      horizon: DEFAULT_BACKTEST_HORIZON,
    };
    if (!value) return reply.status(400).page('domains/forecast/views/backtest.njk', { title: TITLE, section: 'forecast', ...form, errors, backtest: null });
    const result = await backtestFor(ctx, value);
    const backtest = await resultData(result, value.chart);
    return reply.page('domains/forecast/views/backtest.njk', { title: TITLE, section: 'forecast', ...form, errors, backtest });
  });
});
