import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { addError, type FormErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { LOCALITIES } from '../people/localities.ts';
import { choiceItems, PANEL_KINDS } from './codes.ts';
import { attempt, body, conflictPage, idOf, keyOf, newKey, view, zodErrors } from './route-helpers.ts';
import { MASG_LOCALITIES, panelFields } from './schema.ts';
import * as panels from './service.ts';
import { panelOverview } from './service-views.ts';

const ORDER = ['name', 'kind', 'locality', 'chairId', 'meetsEveryDays', 'active'];

const kindItems = (chosen: string) => choiceItems(Object.fromEntries(Object.entries(PANEL_KINDS).map(([k, c]) => [k, c.label])), chosen);
const localityItems = (chosen: string) => choiceItems(Object.fromEntries(LOCALITIES.filter((l) => (MASG_LOCALITIES as readonly string[]).includes(l.key)).map((l) => [l.key, l.name])), chosen);

async function formPage(ctx: RequestContext, reply: FastifyReply, data: { mode: 'create' | 'edit'; values: Record<string, string>; errors?: FormErrors; panelId?: string }) {
  const chairs = await panels.chairChoices(ctx.db);
  return reply.page(view('panel-form'), {
    title: data.mode === 'create' ? 'Set up a panel' : 'Change the panel’s details',
    section: 'panels',
    ...data,
    kinds: kindItems(data.values.kind ?? ''),
    localities: localityItems(data.values.locality ?? ''),
    chairs: [{ value: '', text: 'Select the chair' }, ...chairs.map((u) => ({ value: u.id, text: `${u.name}, ${u.agencyName}`, selected: u.id === data.values.chairId }))],
  });
}

export async function panelRoutesList(app: FastifyInstance) {
  app.get('/panels', async (request, reply) => {
    const { panels: list, mayChair } = await panels.listPanels(request.ctx());
    return reply.page(view('panels'), { title: 'Panels', section: 'panels', panels: list, mayChair });
  });

  app.get('/panels/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'panels.chair');
    return formPage(ctx, reply, { mode: 'create', values: { idempotencyKey: newKey(), meetsEveryDays: '14', chairId: ctx.actor.id } });
  });

  app.post('/panels/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'panels.chair');
    const b = body(request);
    const values = { name: text(b, 'name'), kind: text(b, 'kind'), locality: text(b, 'locality'), chairId: text(b, 'chairId'), meetsEveryDays: text(b, 'meetsEveryDays'), idempotencyKey: keyOf(b) };
    const parsed = panelFields.safeParse({ ...values, locality: values.locality || null });
    if (!parsed.success) return formPage(ctx, reply.status(400), { mode: 'create', values, errors: zodErrors(parsed.error, ORDER) });
    const result = await attempt(() => panels.createPanel(ctx, parsed.data, values.idempotencyKey));
    if (!result.ok) return formPage(ctx, reply.status(result.status), { mode: 'create', values, errors: result.errors });
    return reply.redirect(`/panels/${result.value}`, 303);
  });

  app.get('/panels/:id', async (request, reply) => {
    const overview = await panelOverview(request.ctx(), idOf(request));
    return reply.page(view('panel'), { title: overview.panel.name, section: 'panels', ...overview, clockLabels: CLOCK_LABELS, flash: (request.query as { closed?: string }).closed ? 'The referral is closed.' : undefined });
  });

  app.get('/panels/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const panel = await panels.panelForEdit(ctx, idOf(request));
    const values = { name: panel.name, kind: panel.kind, locality: panel.locality ?? '', chairId: panel.chair_id ?? '', meetsEveryDays: String(panel.meets_every_days), active: panel.active ? 'yes' : 'no', version: String(panel.version) };
    return formPage(ctx, reply, { mode: 'edit', values, panelId: panel.id });
  });

  app.post('/panels/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const panel = await panels.panelForEdit(ctx, idOf(request));
    const b = body(request);
    const values = { name: text(b, 'name'), kind: panel.kind, locality: text(b, 'locality'), chairId: text(b, 'chairId'), meetsEveryDays: text(b, 'meetsEveryDays'), active: text(b, 'active'), version: text(b, 'version') };
    const show = (errors: FormErrors, status: number) => formPage(ctx, reply.status(status), { mode: 'edit', values, errors, panelId: panel.id });
    const parsed = panelFields.safeParse({ ...values, locality: values.locality || null });
    const version = Number(values.version);
    const errors = zodErrors(parsed.success ? null : parsed.error, ORDER);
    if (!['yes', 'no'].includes(values.active)) addError(errors, 'active', 'Select whether the panel still meets');
    if (!parsed.success || errors.summary.length || !Number.isInteger(version)) return show(errors, 400);
    try {
      const result = await attempt(() => panels.updatePanel(ctx, panel.id, version, { ...parsed.data, active: values.active === 'yes' }));
      if (!result.ok) return show(result.errors, result.status);
    } catch (error) {
      return conflictPage(reply, error, {
        back: `/panels/${panel.id}/edit`, backText: 'Start again from the saved version',
        yours: [{ label: 'Name', value: values.name }, { label: 'Meets every (days)', value: values.meetsEveryDays }],
      });
    }
    return reply.redirect(`/panels/${panel.id}`, 303);
  });
}
