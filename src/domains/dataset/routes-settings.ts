import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { userNames } from '../../platform/auth/users.ts';
import { financialYear, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts';
import { formOf, guarded, type Refusal, zodErrors } from '../../platform/http/forms.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { formatDate } from '../../platform/views/format.ts';
import { suppressTable } from '../figures/suppression.ts';
import { benchmarkUnit, formatBenchmark, saveBenchmark, storedBenchmark, storedBenchmarks, UNIT_LABELS } from './benchmarks.ts';
import { INDICATORS, indicatorById } from './indicators/index.ts';
import type { Indicator } from './indicators/types.ts';
import { populationRoutes, SECTION, versionProblemOn } from './routes-population.ts';
import { benchmarkForm, MAX_NOTE, MAX_THRESHOLD, thresholdForm, yearOf } from './schema-settings.ts';
import { datasetInputLinks, saveSuppressionThreshold, suppressionSetting } from './settings.ts';

const view = (name: string) => `domains/dataset/views/${name}.njk`;
const TARGETS = '/dataset/targets';
const SETTINGS = '/dataset/settings';
/** The years offered in the targets page's year picker: the dataset's history up to next year. */
const FIRST_OFFERED_YEAR = 2010;

const fyLabel = (year: number) => financialYear(`${year}-04-01`);
const changedBy = (at: Date | null, by: string | null, names: Map<string, string>) =>
  at ? `${formatDate(at)}${by ? ` by ${names.get(by) ?? 'a former user'}` : ''}` : '';
const UNIT_SUFFIX = { percent: '%', rate: 'per 10,000', count: undefined } as const;

/**
 * The partnership dataset's inputs an analyst keeps (`dataset.configure`): population estimates
 * (routes-population.ts), each indicator's target and comparators by financial year, and the suppression
 * threshold. Everyone who sees figures (`aggregates.view`) may read the estimates and targets.
 */
export const datasetSettingsRoutes = fp(async (app: FastifyInstance) => {
  await app.register(populationRoutes);

  app.get(TARGETS, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'aggregates.view');
    const query = request.query as Record<string, unknown>;
    const thisYear = financialYearStart(ukToday());
    const year = query.year === undefined || query.year === '' ? thisYear : yearOf(query.year);
    if (year === null) throw new BadRequestError('Choose a financial year from the list.');
    const stored = await storedBenchmarks(ctx.db, year);
    const names = await userNames(ctx.db, [...stored.values()].map((b) => b.updatedBy));
    const mayChange = can(ctx.actor, 'dataset.configure').allowed;
    const rows = INDICATORS.map((indicator) => {
      const unit = benchmarkUnit(indicator);
      // The unit column says "per 10,000 children", so a rate's cells are bare numbers that do not wrap.
      const shown = (value: number | null) => formatBenchmark(value, unit === 'rate' ? 'count' : unit);
      const row = stored.get(indicator.id);
      const standing = row?.target === null || row?.target === undefined ? (indicator.target ?? null) : null;
      return {
        id: indicator.id,
        title: indicator.title,
        unit: UNIT_LABELS[unit],
        target: row?.target !== null && row?.target !== undefined ? shown(row.target) : standing !== null ? `${shown(standing)} (standing target)` : '',
        statisticalNeighbours: shown(row?.statisticalNeighbours ?? null),
        england: shown(row?.england ?? null),
        note: row?.note ?? '',
        changed: changedBy(row?.updatedAt ?? null, row?.updatedBy ?? null, names),
        editHref: mayChange ? `${TARGETS}/${encodeURIComponent(indicator.id)}/${year}/edit` : null,
      };
    });
    const last = Math.max(thisYear + 1, year);
    const years = Array.from({ length: last - Math.min(FIRST_OFFERED_YEAR, year) + 1 }, (_, i) => last - i).map((y) => ({ value: String(y), text: fyLabel(y), selected: y === year }));
    const saved = typeof query.saved === 'string' ? indicatorById(query.saved) : undefined;
    return reply.page(view('targets-list'), {
      title: 'Targets and comparators',
      section: SECTION,
      year,
      yearLabel: fyLabel(year),
      years,
      rows,
      datasetInputLinks: datasetInputLinks(ctx.actor),
      flash: saved ? `Target and comparators for ${saved.title} saved` : undefined,
    });
  });

  /** The indicator and year in the path, after access is decided: anything else is not found. */
  const targetFor = (request: FastifyRequest) => {
    const ctx = request.ctx();
    authorise(ctx, 'dataset.configure');
    const params = request.params as { indicatorId?: unknown; year?: unknown };
    const indicator = typeof params.indicatorId === 'string' ? indicatorById(params.indicatorId) : undefined;
    const year = yearOf(params.year);
    if (!indicator || year === null) throw new NotFoundError('There is no such indicator or year.');
    return { ctx, indicator, year };
  };

  const targetPage = (reply: FastifyReply, indicator: Indicator, year: number, values: Record<string, string>, errors: FormErrors = noErrors()) => {
    const unit = benchmarkUnit(indicator);
    return reply.status(errors.summary.length ? 400 : 200).page(view('targets-form'), {
      title: `${indicator.title}: target and comparators for ${fyLabel(year)}`,
      section: SECTION,
      indicator,
      year,
      yearLabel: fyLabel(year),
      action: `${TARGETS}/${encodeURIComponent(indicator.id)}/${year}/edit`,
      backHref: `${TARGETS}?year=${year}`,
      unit,
      unitLabel: UNIT_LABELS[unit],
      suffix: UNIT_SUFFIX[unit],
      standing: indicator.target === undefined ? null : formatBenchmark(indicator.target, unit),
      polarity: indicator.polarity === 'higher_is_better' ? 'Higher is better.' : indicator.polarity === 'lower_is_better' ? 'Lower is better.' : '',
      values,
      errors,
      maxNote: MAX_NOTE,
    });
  };

  const shownValue = (n: number | null) => (n === null ? '' : String(n));

  app.get(`${TARGETS}/:indicatorId/:year/edit`, async (request, reply) => {
    const { ctx, indicator, year } = targetFor(request);
    const row = await storedBenchmark(ctx.db, indicator.id, year);
    return targetPage(reply, indicator, year, {
      target: shownValue(row.target),
      statisticalNeighbours: shownValue(row.statisticalNeighbours),
      england: shownValue(row.england),
      note: row.note,
      version: String(row.version),
    });
  });

  app.post(`${TARGETS}/:indicatorId/:year/edit`, async (request, reply) => {
    const { ctx, indicator, year } = targetFor(request);
    const body = formOf(request);
    const values = Object.fromEntries(['target', 'statisticalNeighbours', 'england', 'note', 'version'].map((f) => [f, text(body, f)]));
    const parsed = benchmarkForm(benchmarkUnit(indicator)).safeParse(values);
    const refusal: Refusal = {
      backHref: `${TARGETS}/${encodeURIComponent(indicator.id)}/${year}/edit`,
      backText: 'Look at the target and comparators as they are now',
      section: SECTION,
      entered: [
        { label: 'Target', value: values.target! },
        { label: 'Statistical neighbours', value: values.statisticalNeighbours! },
        { label: 'England', value: values.england! },
        { label: 'Note', value: values.note! },
      ],
    };
    return guarded(reply, refusal, async () => {
      if (!parsed.success) return targetPage(reply, indicator, year, values, versionProblemOn(zodErrors(parsed.error), 'target'));
      const { version, ...benchmark } = parsed.data;
      await saveBenchmark(ctx.db, ctx.actor.id, version, { indicatorId: indicator.id, year, ...benchmark });
      return reply.redirect(`${TARGETS}?year=${year}&saved=${encodeURIComponent(indicator.id)}`, 303);
    });
  });

  const settingsPage = async (reply: FastifyReply, values: Record<string, string> | null, errors: FormErrors = noErrors(), flash?: string) => {
    const ctx = reply.request.ctx();
    const setting = await suppressionSetting(ctx.db);
    const names = await userNames(ctx.db, [setting.updatedBy]);
    // A worked example at the threshold in force, so "secondary suppression" is seen rather than explained.
    const example = [
      [14, 3, 22],
      [9, 12, 17],
    ];
    const shown = suppressTable(example, setting.threshold);
    return reply.status(errors.summary.length ? 400 : 200).page(view('settings-suppression'), {
      title: 'Suppression threshold',
      section: SECTION,
      setting,
      values: values ?? { threshold: String(setting.threshold), version: String(setting.version) },
      errors,
      flash,
      max: MAX_THRESHOLD,
      lastSaved: setting.updatedBy ? `Last changed on ${changedBy(setting.updatedAt, setting.updatedBy, names)}.` : 'This is the threshold Cairn was installed with.',
      example: {
        columns: ['Under 5', '5 to 11', '12 to 17'],
        rows: ['Girls', 'Boys'].map((label, i) => ({ label, raw: [...example[i]!, example[i]!.reduce((a, b) => a + b, 0)], shown: [...shown.cells[i]!, shown.rowTotals[i]!] })),
        totals: { raw: [...example[0]!.map((n, j) => n + example[1]![j]!), example.flat().reduce((a, b) => a + b, 0)], shown: [...shown.columnTotals, shown.total] },
      },
    });
  };

  app.get(SETTINGS, async (request, reply) => {
    authorise(request.ctx(), 'dataset.configure');
    return settingsPage(reply, null, noErrors(), 'saved' in (request.query as object) ? 'Suppression threshold saved' : undefined);
  });

  app.post(SETTINGS, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'dataset.configure');
    const body = formOf(request);
    const values = { threshold: text(body, 'threshold'), version: text(body, 'version') };
    const parsed = thresholdForm.safeParse(values);
    const refusal: Refusal = { backHref: SETTINGS, backText: 'Look at the threshold as it is now', section: SECTION, entered: [{ label: 'Suppression threshold', value: values.threshold }] };
    return guarded(reply, refusal, async () => {
      if (!parsed.success) return settingsPage(reply, values, versionProblemOn(zodErrors(parsed.error), 'threshold'));
      await saveSuppressionThreshold(ctx.db, ctx.actor.id, parsed.data.version, parsed.data.threshold);
      return reply.redirect(`${SETTINGS}?saved=1`, 303);
    });
  });
});
