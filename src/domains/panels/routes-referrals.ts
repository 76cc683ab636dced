import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { localityName } from '../people/localities.ts';
import { choiceItems, CLOSURE_OUTCOMES, PANEL_KINDS } from './codes.ts';
import { attempt, body, conflictPage, idOf, keyOf, newKey, view, zodErrors } from './route-helpers.ts';
import { closeFields, referralFields, versionField } from './schema.ts';
import * as panels from './service.ts';
import { referralPage } from './service-views.ts';

type Values = Record<string, string | string[]>;
const ORDER = ['panelId', 'route', 'presentingIssues', 'reason', 'earlyHelpCaseId', 'contactId'];

/** The referral form: first the panel, then (for that kind of panel) the route, issues and reason. */
async function referralFormPage(request: FastifyRequest, reply: FastifyReply, values: Values, errors: FormErrors = noErrors()) {
  const ctx = request.ctx();
  const form = await panels.referralForm(ctx, uuidParam(request.params));
  let panel = form.panels.find((p) => p.id === values.panelId) ?? null;
  if (panel && !errors.summary.length) {
    // A panel that does not take this child (a born child at the Unborn Baby Panel) is refused at once.
    const refused = await attempt(async () => panels.checkChildForPanel(panel!.kind, form.child));
    if (!refused.ok) {
      errors = refused.errors;
      panel = null;
      reply.status(400);
    }
  }
  const config = panel ? PANEL_KINDS[panel.kind] : null;
  return reply.page(view('referral-form'), {
    title: panel ? `Refer to ${panel.name}` : 'Refer to a panel',
    section: 'people',
    ...form,
    localityName: localityName(form.locality),
    panel,
    config,
    values,
    errors,
    panelItems: form.panels.map((p) => ({
      value: p.id,
      text: p.name,
      hint: { text: p.id === form.suggestedPanelId ? `${PANEL_KINDS[p.kind].label}. Suggested for this child.` : PANEL_KINDS[p.kind].label },
      checked: (values.panelId || form.suggestedPanelId) === p.id,
    })),
    routeItems: config ? choiceItems(config.routes, values.route as string) : [],
    issueItems: config ? choiceItems(config.issues, values.presentingIssues as string[]) : [],
  });
}

const linkValues = (source: unknown) => ({ earlyHelpCaseId: text(source, 'earlyHelpCaseId').trim(), contactId: text(source, 'contactId').trim() });

export async function referralRoutes(app: FastifyInstance) {
  app.get('/people/:id/panel-referrals/new', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return referralFormPage(request, reply, { panelId: text(query, 'panelId'), presentingIssues: [], idempotencyKey: newKey(), ...linkValues(query) });
  });

  app.post('/people/:id/panel-referrals/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    // Authorised before reading anything the form sent.
    const form = await panels.referralForm(ctx, personId);
    const b = body(request);
    const values: Values = { panelId: text(b, 'panelId'), route: text(b, 'route'), presentingIssues: list(b, 'presentingIssues'), reason: text(b, 'reason'), idempotencyKey: keyOf(b), ...linkValues(b) };
    const panel = form.panels.find((p) => p.id === values.panelId);
    if (!panel) return referralFormPage(request, reply.status(400), { ...values, panelId: '' }, addError(noErrors(), 'panelId', 'Select a panel'));
    const parsed = referralFields(panel.kind).safeParse({ ...values, earlyHelpCaseId: values.earlyHelpCaseId || null, contactId: values.contactId || null });
    if (!parsed.success) return referralFormPage(request, reply.status(400), values, zodErrors(parsed.error, ORDER));
    const result = await attempt(() => panels.createReferral(ctx, personId, panel.id, parsed.data));
    if (!result.ok) return referralFormPage(request, reply.status(result.status), values, result.errors);
    return reply.redirect(`/panels/referrals/${result.value}`, 303);
  });

  app.get('/panels/referrals/:id', async (request, reply) => {
    const page = await referralPage(request.ctx(), idOf(request));
    return reply.page(view('referral'), { title: `${page.referral.panel_name}: referral`, section: 'panels', ...page });
  });

  const closePage = async (request: FastifyRequest, reply: FastifyReply, values: Values, errors: FormErrors = noErrors()) => {
    const r = await panels.loadReferral(request.ctx().db, idOf(request));
    return reply.page(view('close-form'), { title: 'Close the referral', section: 'panels', referral: r, values, errors, outcomes: choiceItems(CLOSURE_OUTCOMES, values.outcome as string) });
  };

  app.get('/panels/referrals/:id/close', async (request, reply) => {
    const ctx = request.ctx();
    const r = await panels.openReferralToClose(ctx, idOf(request));
    return closePage(request, reply, { version: String(r.version) });
  });

  app.post('/panels/referrals/:id/close', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    await panels.openReferralToClose(ctx, id, { audit: false });
    const b = body(request);
    const values = { outcome: text(b, 'outcome'), note: text(b, 'note'), version: text(b, 'version') };
    const parsed = closeFields.safeParse(values);
    if (!parsed.success) return closePage(request, reply.status(400), values, zodErrors(parsed.error, ['outcome', 'note']));
    try {
      const r = await panels.closeReferral(ctx, id, parsed.data);
      return reply.redirect(`/panels/${r.panel_id}?closed=1`, 303);
    } catch (error) {
      return conflictPage(reply, error, { back: `/panels/referrals/${id}`, backText: 'Return to the referral', yours: [{ label: 'Closing note', value: values.note }] });
    }
  });

  app.post('/panels/actions/:id/complete', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const b = body(request);
    const parsed = versionField.safeParse({ version: text(b, 'version') });
    let referralId: string;
    try {
      referralId = await panels.completeAction(ctx, id, parsed.success ? parsed.data.version : null);
    } catch (error) {
      return conflictPage(reply, error, { back: '/work', backText: 'Return to your work', yours: [] });
    }
    return reply.redirect(text(b, 'from') === 'work' ? '/work' : `/panels/referrals/${referralId}`, 303);
  });
}
