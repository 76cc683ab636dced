import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { newWebhookForm, versionField } from './schema.ts';
import { DELIVERIES_SHOWN, deliveriesOf, disableWebhook, findWebhook, listWebhooks, redeliver, registerWebhook, WEBHOOK_EVENTS } from './service-webhooks.ts';
import { agencyFormPage, checkboxItems, SECTION, STATUS_TAGS, view } from './view-helpers.ts';

const WEBHOOKS = '/admin/webhooks';
const FLASH: Record<string, string> = {
  redelivered: 'The delivery will be sent again within a few seconds.',
  disabled: 'The webhook has been turned off. Nothing more will be sent to it.',
};
const flashOf = (query: unknown) => Object.entries(FLASH).find(([key]) => key in ((query ?? {}) as object))?.[1];

/** Webhooks (`integrations.manage`): register one for an agency (its signing secret shown once), its deliveries, turning it off. */
export async function webhookRoutes(app: FastifyInstance) {
  const formPage = (reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors = noErrors()) =>
    agencyFormPage(reply, 'webhook-form', 'Register a webhook', values, errors, {
      events: checkboxItems(Object.entries(WEBHOOK_EVENTS).map(([value, hint]) => [value, value, hint]), values.events),
    });

  app.get(WEBHOOKS, async (request, reply) => {
    const ctx = request.ctx();
    const rows = (await listWebhooks(ctx)).map((w) => ({ ...w, status: STATUS_TAGS[w.disabled_at ? 'off' : 'on'], failed: Number(w.failed ?? 0), pending: Number(w.pending ?? 0) }));
    return reply.page(view('webhooks'), { title: 'Webhooks', section: SECTION, webhooks: rows, flash: flashOf(request.query) });
  });

  app.get(`${WEBHOOKS}/new`, async (request, reply) => {
    authorise(request.ctx(), 'integrations.manage');
    return formPage(reply, { events: Object.keys(WEBHOOK_EVENTS), idempotencyKey: idempotencyKeyOf() });
  });

  app.post(`${WEBHOOKS}/new`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'integrations.manage');
    const body = formOf(request);
    const values = { name: text(body, 'name'), agencyId: text(body, 'agencyId'), url: text(body, 'url').trim(), events: list(body, 'events'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = newWebhookForm.safeParse(values);
    if (!parsed.success) return formPage(reply, values, zodErrors(parsed.error));
    try {
      const created = await registerWebhook(ctx, app.config.sessionSecret, parsed.data, parsed.data.idempotencyKey);
      const webhook = await findWebhook(ctx, created.id);
      return reply.page(view('webhook-created'), { title: created.secret ? 'Webhook registered' : 'This webhook has already been registered', section: SECTION, webhook, secret: created.secret });
    } catch (error) {
      if (error instanceof FieldProblem) return formPage(reply, values, addError(noErrors(), error.field, error.message));
      throw error;
    }
  });

  const webhookFor = (request: FastifyRequest) => findWebhook(request.ctx(), uuidParam(request.params));

  app.get(`${WEBHOOKS}/:id`, async (request, reply) => {
    const ctx = request.ctx();
    const { webhook, deliveries } = await deliveriesOf(ctx, uuidParam(request.params));
    const names = await userNames(ctx.db, [webhook.created_by, webhook.disabled_by]);
    return reply.page(view('webhook'), {
      title: webhook.name,
      section: SECTION,
      webhook: { ...webhook, status: STATUS_TAGS[webhook.disabled_at ? 'off' : 'on'], createdByName: (webhook.created_by && names.get(webhook.created_by)) ?? 'a former user', disabledByName: (webhook.disabled_by && names.get(webhook.disabled_by)) ?? '' },
      deliveries: deliveries.map((d) => ({ ...d, tag: STATUS_TAGS[d.status] })),
      shown: DELIVERIES_SHOWN,
      flash: flashOf(request.query),
    });
  });

  app.post(`${WEBHOOKS}/:id/deliveries/:deliveryId/redeliver`, async (request, reply) => {
    const id = uuidParam(request.params);
    return guarded(reply, { backHref: `${WEBHOOKS}/${id}`, backText: 'Go back to the deliveries', section: SECTION }, async () => {
      await redeliver(request.ctx(), id, uuidParam(request.params, 'deliveryId'));
      return reply.redirect(`${WEBHOOKS}/${id}?redelivered=1`, 303);
    });
  });

  app.get(`${WEBHOOKS}/:id/disable`, async (request, reply) => {
    const webhook = await webhookFor(request);
    return reply.page(view('webhook-disable'), { title: `Turn off the webhook for ${webhook.name}`, section: SECTION, webhook });
  });

  app.post(`${WEBHOOKS}/:id/disable`, async (request, reply) => {
    const webhook = await webhookFor(request);
    const version = versionField.safeParse(text(formOf(request), 'version'));
    return guarded(reply, { backHref: `${WEBHOOKS}/${webhook.id}`, backText: 'Go back to the webhook', section: SECTION }, async () => {
      await disableWebhook(request.ctx(), webhook.id, version.success ? version.data : 0);
      return reply.redirect(`${WEBHOOKS}?disabled=1`, 303);
    });
  });
}
