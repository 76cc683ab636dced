import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { dateField, formOf, guarded, type Refusal, zodErrors } from '../../platform/http/forms.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { formatDate } from '../../platform/views/format.ts';
import { enteredOf, newScenarioValues, readScenarioForm, rowChoices, rowsOf, type ScenarioValues } from './scenario-form.ts';
import { COST_COVERS, describeAdjustment } from './settings-labels.ts';
import { costFieldName, costsForm, unitCostsOf, version as versionSchema } from './settings-schema.ts';
import { createScenario, deleteScenario, findScenario, listScenarios, readUnitCosts, saveUnitCosts, type SavedScenario, updateScenario } from './settings.ts';
import { STATE_LABELS, STATES } from './types.ts';

const view = (name: string) => `domains/forecast/views/${name}.njk`;
const SECTION = 'forecast';
const SCENARIOS = '/forecast/scenarios';
const COSTS = '/forecast/costs';
const FLASH: Record<string, string> = { created: 'Scenario saved', saved: 'Scenario changed', deleted: 'Scenario deleted' };
const flashOf = (query: unknown) => Object.entries(FLASH).find(([key]) => key in ((query ?? {}) as object))?.[1];

type CostValues = Record<string, unknown>;

/** The costs form as typed (or as saved): one text box per state, the inflation rate and the price base date. */
function costValuesOf(body: FormBody, errors: FormErrors) {
  const priceBase = dateField(body, 'priceBase', 'The price base date', errors, 'Enter the date the costs are priced at');
  const values: CostValues = Object.fromEntries(STATES.map((s) => [costFieldName(s), text(body, costFieldName(s))]));
  Object.assign(values, { annualInflationPercent: text(body, 'annualInflationPercent'), priceBase: priceBase.input, version: text(body, 'version') });
  return { values, priceBase: priceBase.value };
}

/** Analysts keep the forecast's unit costs and its saved scenarios (`forecast.configure`). */
export const forecastSettingsRoutes = fp(async (app: FastifyInstance) => {
  const costsPage = async (reply: FastifyReply, values: CostValues | null, errors: FormErrors = noErrors(), flash?: string) => {
    const ctx = reply.request.ctx();
    const saved = await readUnitCosts(ctx.db);
    const names = await userNames(ctx.db, [saved.updatedBy]);
    const shown = values ?? {
      ...Object.fromEntries(STATES.map((s) => [costFieldName(s), saved.weekly[s].toFixed(2)])),
      annualInflationPercent: String(saved.annualInflationPercent),
      priceBase: dateParts(saved.priceBase),
      version: String(saved.version),
    };
    const rows = STATES.map((state) => ({ state, field: costFieldName(state), label: STATE_LABELS[state], covers: COST_COVERS[state] }));
    const lastSaved = saved.updatedBy ? `Last changed on ${formatDate(saved.updatedAt)} by ${names.get(saved.updatedBy) ?? 'a former user'}.` : 'These are the costs Cairn was installed with.';
    return reply.status(errors.summary.length ? 400 : 200).page(view('settings-costs'), { title: 'Unit costs', section: SECTION, rows, values: shown, errors, flash, lastSaved });
  };

  app.get(COSTS, async (request, reply) => {
    authorise(request.ctx(), 'forecast.configure');
    return costsPage(reply, null, noErrors(), 'saved' in (request.query as object) ? 'Unit costs saved' : undefined);
  });

  app.post(COSTS, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'forecast.configure');
    const errors = noErrors();
    const { values, priceBase } = costValuesOf(formOf(request), errors);
    const parsed = costsForm.safeParse({ ...values, priceBase: priceBase ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['priceBase']);
    const entered = [
      ...STATES.map((s) => ({ label: `${STATE_LABELS[s]} (£ a week)`, value: String(values[costFieldName(s)]) })),
      { label: 'Annual inflation (%)', value: String(values.annualInflationPercent) },
      { label: 'Price base date', value: priceBase ? formatDate(priceBase) : '' },
    ];
    const refusal: Refusal = { backHref: COSTS, backText: 'Look at the unit costs as they are now', section: SECTION, entered };
    return guarded(reply, refusal, async () => {
      if (!parsed.success || errors.summary.length) return costsPage(reply, values, errors);
      await saveUnitCosts(ctx.db, ctx.actor.id, parsed.data.version, unitCostsOf(parsed.data));
      return reply.redirect(`${COSTS}?saved=1`, 303);
    });
  });

  app.get(SCENARIOS, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'forecast.configure');
    const scenarios = await listScenarios(ctx.db);
    const names = await userNames(ctx.db, scenarios.map((s) => s.updatedBy));
    const rows = scenarios.map((s) => ({ id: s.id, name: s.name, changes: s.adjustments.map(describeAdjustment), updatedOn: s.updatedAt, updatedBy: (s.updatedBy && names.get(s.updatedBy)) ?? '' }));
    return reply.page(view('scenario-list'), { title: 'Forecast scenarios', section: SECTION, rows, flash: flashOf(request.query) });
  });

  const scenarioPage = (reply: FastifyReply, mode: 'new' | 'edit', values: ScenarioValues, errors: FormErrors = noErrors(), scenario?: SavedScenario) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('scenario-form'), {
      title: mode === 'new' ? 'Add a scenario' : 'Change a scenario',
      section: SECTION,
      mode,
      action: mode === 'new' ? `${SCENARIOS}/new` : `${SCENARIOS}/${scenario?.id}/edit`,
      values,
      rows: rowChoices(values.rows),
      errors,
    });

  /** A saved scenario the analyst may change: the role is checked before anything is read. */
  const scenarioFor = async (request: FastifyRequest) => {
    const ctx = request.ctx();
    authorise(ctx, 'forecast.configure');
    const scenario = await findScenario(ctx.db, uuidParam(request.params));
    if (!scenario) throw new NotFoundError('This scenario does not exist or has been deleted.');
    return { ctx, scenario };
  };

  app.get(`${SCENARIOS}/new`, async (request, reply) => {
    authorise(request.ctx(), 'forecast.configure');
    return scenarioPage(reply, 'new', newScenarioValues());
  });

  app.post(`${SCENARIOS}/new`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'forecast.configure');
    const { values, input, errors } = readScenarioForm(formOf(request));
    if (!input) return scenarioPage(reply, 'new', values, errors);
    try {
      await createScenario(ctx.db, ctx.actor.id, input, values.idempotencyKey);
    } catch (error) {
      if (error instanceof FieldProblem) return scenarioPage(reply, 'new', values, addError(noErrors(), error.field, error.message));
      throw error;
    }
    return reply.redirect(`${SCENARIOS}?created=1`, 303);
  });

  app.get(`${SCENARIOS}/:id/edit`, async (request, reply) => {
    const { scenario } = await scenarioFor(request);
    return scenarioPage(reply, 'edit', { name: scenario.name, rows: rowsOf(scenario.adjustments), version: String(scenario.version), idempotencyKey: '' }, noErrors(), scenario);
  });

  app.post(`${SCENARIOS}/:id/edit`, async (request, reply) => {
    const { ctx, scenario } = await scenarioFor(request);
    const { values, input, errors } = readScenarioForm(formOf(request));
    const version = versionSchema.safeParse(values.version);
    if (!version.success) addError(errors, 'name', version.error.issues[0]!.message);
    const refusal: Refusal = { backHref: `${SCENARIOS}/${scenario.id}/edit`, backText: 'Look at the scenario as it is now', section: SECTION, entered: enteredOf(values, input) };
    return guarded(reply, refusal, async () => {
      if (!input || !version.success) return scenarioPage(reply, 'edit', values, errors, scenario);
      try {
        await updateScenario(ctx.db, ctx.actor.id, scenario.id, version.data, input);
      } catch (error) {
        if (error instanceof FieldProblem) return scenarioPage(reply, 'edit', values, addError(noErrors(), error.field, error.message), scenario);
        throw error;
      }
      return reply.redirect(`${SCENARIOS}?saved=1`, 303);
    });
  });

  app.get(`${SCENARIOS}/:id/delete`, async (request, reply) => {
    const { scenario } = await scenarioFor(request);
    return reply.page(view('scenario-delete'), { title: `Delete the scenario “${scenario.name}”`, section: SECTION, scenario, changes: scenario.adjustments.map(describeAdjustment) });
  });

  app.post(`${SCENARIOS}/:id/delete`, async (request, reply) => {
    const { ctx, scenario } = await scenarioFor(request);
    const version = versionSchema.safeParse(text(formOf(request), 'version'));
    const refusal: Refusal = { backHref: SCENARIOS, backText: 'Go back to the scenarios', section: SECTION };
    return guarded(reply, refusal, async () => {
      await deleteScenario(ctx.db, scenario.id, version.success ? version.data : 0);
      return reply.redirect(`${SCENARIOS}?deleted=1`, 303);
    });
  });
});
