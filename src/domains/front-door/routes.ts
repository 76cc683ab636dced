import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { ConflictError, HttpError } from '../../platform/http/errors.ts';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { isFrontDoor } from './access.ts';
import { conflict, flashOf, formBody, labels, view } from './pages.ts';
import { thresholdAdminRoutes } from './routes-admin.ts';
import { newContactRoutes } from './routes-new.ts';
import { workRoutes } from './routes-work.ts';
import { allocateFields } from './schema.ts';
import * as service from './service.ts';

/** The contact page, with a form's errors when one of its small forms (allocation) was refused. */
export async function contactPage(request: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FormErrors; status?: number } = {}) {
  const page = await service.contactPage(request.ctx(), id);
  const names = page.children.map((c) => c.name ?? 'a child').join(' and ');
  return reply.status(extra.status ?? 200).page(view('contact'), {
    title: `Contact about ${names}`,
    section: 'contacts',
    page,
    labels,
    errors: extra.errors,
    flash: flashOf(request),
  });
}

const STATUS_FILTERS = ['open', 'awaiting_decision', 'awaiting_sign_off', 'decided'] as const;

export const frontDoorRoutes = fp(async (app: FastifyInstance) => {
  app.get('/contacts', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'contact.create');
    const query = request.query as { status?: string; worker?: string };
    if (isFrontDoor(ctx.actor)) {
      const status = STATUS_FILTERS.find((s) => s === query.status) ?? 'open';
      const worker = query.worker && (UUID.test(query.worker) || query.worker === 'unallocated' || query.worker === 'me') ? query.worker : null;
      const queue = await service.frontDoorQueue(ctx, { status, allocatedTo: worker });
      return reply.page(view('queue'), { title: 'Front door', section: 'contacts', ...queue, filters: { status, worker: worker ?? '' }, labels, flash: flashOf(request) });
    }
    const [contacts, checks] = await Promise.all([service.agencyContacts(ctx), service.checksForMyAgency(ctx)]);
    return reply.page(view('agency'), {
      title: 'Contacts',
      section: 'contacts',
      contacts: contacts.map((c) => ({ ...c, outcomeText: service.publicOutcome(c), statusText: service.publicStatus(c.status) })),
      checks,
      labels,
      flash: flashOf(request),
    });
  });

  await app.register(newContactRoutes);

  app.get('/contacts/:id', async (request, reply) => contactPage(request, reply, uuidParam(request.params)));

  // Managers allocate to anyone at the front door; a practitioner takes a contact (the form sends their own id).
  app.post('/contacts/:id/allocate', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'frontdoor.work');
    const id = uuidParam(request.params);
    const body = formBody(request);
    const parsed = allocateFields.safeParse({ userId: text(body, 'userId'), version: text(body, 'version') });
    const back = text(body, 'from') === 'queue' ? '/contacts' : `/contacts/${id}`;
    if (!parsed.success) return contactPage(request, reply, id, { errors: addError(noErrors(), 'userId', 'Select who to allocate the contact to'), status: 400 });
    try {
      await service.allocateContact(ctx, id, parsed.data);
    } catch (error) {
      if (error instanceof ConflictError) return conflict(reply, id, error.message);
      if (error instanceof HttpError && error.statusCode === 400) return contactPage(request, reply, id, { errors: addError(noErrors(), 'userId', error.message), status: 400 });
      throw error;
    }
    return reply.redirect(`${back}?allocated=1`, 303);
  });

  app.post('/contacts/:id/checks/:checkId/withdraw', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'frontdoor.work');
    const id = uuidParam(request.params);
    const checkId = uuidParam(request.params, 'checkId');
    try {
      await service.withdrawCheck(ctx, id, checkId, Number(text(formBody(request), 'version')) || 0);
    } catch (error) {
      if (error instanceof ConflictError) return conflict(reply, id, error.message);
      throw error;
    }
    return reply.redirect(`/contacts/${id}?withdrawn=1`, 303);
  });

  await app.register(workRoutes);
  await app.register(thresholdAdminRoutes);
});
