import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionLabel, OUTCOME_LABELS } from '../audit/labels.ts';
import { pageNumber, pagination } from '../http/pagination.ts';
import { uuidParam } from '../http/params.ts';
import { fromZodError } from '../views/form-errors.ts';
import { markRead, myAlerts } from './alerts.ts';
import { breakGlassOffer, openBreakGlass } from './break-glass.ts';
import { breakGlassBody, breakGlassForm, breakGlassResponse, personIdParams } from './schema.ts';
import { whoHasSeen } from './viewers.ts';

/** Break-glass (emergency access), the signed-in user's alerts, and who has seen a record. */
export const accessRoutes = fp(async (app: FastifyInstance) => {
  const hours = app.config.breakGlassHours;

  const page = (values: { reason: string; declaration: boolean }, personId: string, errors?: ReturnType<typeof fromZodError>) => ({
    title: 'Request emergency access to this record',
    section: 'people',
    personId,
    hours,
    values,
    errors,
  });

  app.get('/people/:id/break-glass', async (request, reply) => {
    const id = uuidParam(request.params);
    const offer = await breakGlassOffer(request.ctx(), id);
    if (!offer.offered) return reply.redirect(`/people/${id}`);
    return reply.page('platform/access/views/break-glass.njk', page({ reason: '', declaration: false }, id));
  });

  app.post('/people/:id/break-glass', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { reason: typeof body.reason === 'string' ? body.reason : '', declaration: body.declaration === 'yes' };
    // Checked before the form, so someone who may never break glass is refused whatever they send.
    const offer = await breakGlassOffer(ctx, id);
    if (!offer.offered) return reply.redirect(`/people/${id}`, 303);
    const parsed = breakGlassForm.safeParse(body);
    if (!parsed.success) return reply.status(400).page('platform/access/views/break-glass.njk', page(values, id, fromZodError(parsed.error)));
    await openBreakGlass(ctx, id, parsed.data.reason, hours);
    return reply.redirect(`/people/${id}`, 303);
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/people/:id/break-glass',
    {
      schema: {
        tags: ['access'],
        summary: 'Open a record in an emergency',
        description: `For a user refused a record who has an urgent safeguarding reason. Access lasts ${hours} hours, is audited with the reason, and the record's managers are alerted. Roles that never see individual records are refused (403).`,
        params: personIdParams,
        body: breakGlassBody,
        response: { 201: breakGlassResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { expiresAt, managersTold } = await openBreakGlass(request.ctx(), id, request.body.reason, hours);
      return reply.status(201).send({ personId: id, expiresAt: expiresAt.toISOString(), managersTold });
    },
  );

  app.get('/alerts', async (request, reply) => {
    const current = pageNumber((request.query as { page?: string }).page);
    const { rows, total } = await myAlerts(request.ctx(), current);
    return reply.page('platform/access/views/alerts.njk', {
      title: 'Alerts',
      section: 'alerts',
      alerts: rows,
      unread: rows.some((a) => !a.readAt),
      pagination: pagination('/alerts', {}, current, total),
    });
  });

  app.post('/alerts/:id/read', async (request, reply) => {
    await markRead(request.ctx(), uuidParam(request.params));
    return reply.redirect('/alerts', 303);
  });

  app.post('/alerts/read', async (request, reply) => {
    await markRead(request.ctx(), null);
    return reply.redirect('/alerts', 303);
  });

  app.get('/people/:id/viewers', async (request, reply) => {
    const id = uuidParam(request.params);
    const current = pageNumber((request.query as { page?: string }).page);
    const { heading, entries, viewers } = await whoHasSeen(request.ctx(), id, current);
    return reply.page('platform/access/views/viewers.njk', {
      title: 'Who has seen this record',
      section: 'people',
      person: heading,
      viewers,
      total: entries.total,
      rows: entries.rows.map((r) => ({ ...r, actionText: actionLabel(r.action), outcomeTag: OUTCOME_LABELS[r.outcome] })),
      pagination: pagination(`/people/${id}/viewers`, {}, current, entries.total),
    });
  });
});
