import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { fanChart } from '../../platform/charts/fan-chart.ts';
import { BadRequestError, FieldProblem } from '../../platform/http/errors.ts';
import { addError, type FormErrors } from '../../platform/views/form-errors.ts';
import { formatDate } from '../../platform/views/format.ts';
import { DEFAULT_DRAWS } from './bootstrap.ts';
import { forecastCsv, forecastWorkbook } from './downloads.ts';
import { BASELINE, type ForecastData, forecastFor, recordedOnChart, scenarioChoices } from './page.ts';
import {
  bandOf,
  CHART_LABELS,
  chartDescription,
  chartTable,
  comparedInCareTable,
  comparedSpendTable,
  countOf,
  recordedSeries,
  spendTable,
  statesTable,
  unitCostsTable,
} from './page-tables.ts';
import { CHART_CHOICES, type ForecastInput, forecastQueryString, MAX_COMPARED, MONTHS, readForecastQuery, REFERENCE_MONTHS } from './query.ts';
import { describeAdjustment } from './settings-labels.ts';
import type { SavedScenario } from './settings.ts';

const view = (name: string) => `domains/forecast/views/${name}.njk`;
const SECTION = 'forecast';
const TITLE = 'Demand and cost forecast';

/** The form's choices, keeping what was typed or ticked. */
function formOf(input: ForecastInput, saved: SavedScenario[]) {
  return {
    input,
    chartItems: CHART_CHOICES.map((value) => ({ value, text: CHART_LABELS[value], selected: input.chart === value })),
    scenarioItems: saved.map((s) => ({
      value: s.id,
      text: s.name,
      checked: input.scenario.includes(s.id),
      hint: { text: s.adjustments.map(describeAdjustment).join('; ') || 'No changes to the rates' },
    })),
    limits: { months: MONTHS, reference: REFERENCE_MONTHS, compared: MAX_COMPARED },
  };
}

/** A forecast query refused by the form's rules: the downloads answer 400 with what was wrong. */
function refuse(errors: FormErrors): never {
  throw new BadRequestError(errors.summary.map((e) => e.text).join('. '));
}

async function pageData(data: ForecastData) {
  const { query, result } = data;
  const recorded = recordedOnChart(result);
  const chart = query.chart;
  const now = countOf(result.history.atCutOff, chart);
  const history = recordedSeries(recorded, chart);
  const svg = await fanChart({
    id: 'forecast-chart',
    title: `${CHART_LABELS[chart]}: recorded and forecast`,
    description: chartDescription(result.baseline, chart, now),
    series: result.baseline.months.map((m) => ({ monthEnd: m.monthEnd, ...bandOf(m, chart) })),
    history,
  });
  const baseline = { name: BASELINE, forecast: result.baseline, spend: data.baselineSpend };
  const scenarios = result.scenarios.map((s, i) => ({ name: s.scenario.name, forecast: s.forecast, spend: data.scenarioSpend[i]! }));
  return {
    chartLabel: CHART_LABELS[chart],
    chartSvg: svg,
    chartTable: chartTable(result.baseline, chart, history),
    statesTable: statesTable(result.baseline, result.history.atCutOff, query.months),
    spendTable: spendTable(data.baselineSpend),
    compared: scenarios.length
      ? {
          names: scenarios.map((s) => s.name),
          descriptions: data.compared.map((s) => ({ name: s.name, changes: s.adjustments.map(describeAdjustment) })),
          inCare: comparedInCareTable(baseline, scenarios, query.months),
          spend: comparedSpendTable(baseline, scenarios),
        }
      : null,
    costs: { table: unitCostsTable(data.costs), inflation: data.costs.annualInflationPercent, priceBase: formatDate(data.costs.priceBase) },
    cutOff: formatDate(result.history.cutOff),
    referenceMonths: result.history.referenceMonths,
    recordsBegin: result.history.recordsBeginAfterStart ? formatDate(result.history.recordsBeginAfterStart) : null,
    draws: DEFAULT_DRAWS,
    downloadQuery: forecastQueryString(query),
  };
}

/** The forecast page and its downloads, for analysts, managers and board members (`forecast.view`). */
export const forecastRoutes = fp(async (app: FastifyInstance) => {
  const showForm = async (reply: FastifyReply, input: ForecastInput, errors: FormErrors) => {
    const saved = await scenarioChoices(reply.request.ctx());
    const canConfigure = can(reply.request.ctx().actor, 'forecast.configure').allowed;
    return reply.status(400).page(view('forecast'), { title: TITLE, section: SECTION, ...formOf(input, saved), errors, forecast: null, canConfigure });
  };

  app.get('/forecast', async (request, reply) => {
    const ctx = request.ctx();
    const { input, value, errors } = readForecastQuery(request.query);
    if (!value) return showForm(reply, input, errors);
    let data: ForecastData;
    try {
      data = await forecastFor(ctx, value);
    } catch (error) {
      if (error instanceof FieldProblem) return showForm(reply, input, addError(errors, error.field, error.message));
      throw error;
    }
    const forecast = await pageData(data);
    const canConfigure = can(ctx.actor, 'forecast.configure').allowed;
    return reply.page(view('forecast'), { title: TITLE, section: SECTION, ...formOf(input, data.saved), errors, forecast, canConfigure });
  });

  /** A download asks the same question as the page; a bad value is a 400 saying what was wrong. */
  const downloadData = async (request: FastifyRequest) => {
    const ctx = request.ctx();
    authorise(ctx, 'forecast.view');
    const { value, errors } = readForecastQuery(request.query);
    if (!value) refuse(errors);
    return forecastFor(ctx, value);
  };

  app.get('/forecast/download.csv', async (request, reply) => {
    const data = await downloadData(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="forecast-${data.result.history.cutOff}.csv"`)
      .send(forecastCsv(data));
  });

  app.get('/forecast/download.xlsx', async (request, reply) => {
    const data = await downloadData(request);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="forecast-${data.result.history.cutOff}.xlsx"`)
      .send(await forecastWorkbook(data));
  });
});
