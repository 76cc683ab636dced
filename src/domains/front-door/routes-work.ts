import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { ConflictError, HttpError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { OUTCOMES } from './codes.ts';
import { idempotencyKeyOf } from './new-contact-form.ts';
import { conflict, flashOf, formBody, labels, view } from './pages.ts';
import { checkRequestFields, checkResponseFields, decisionFields, signOffFields } from './schema.ts';
import * as service from './service.ts';

const outcomeItems = Object.entries(OUTCOMES).map(([value, label]) => ({ value, text: label }));

/** Runs a change; a refused transition is a 409 page, a refused input a form error on `field`. */
async function attempt(reply: FastifyReply, contactId: string, work: () => Promise<unknown>, onBadRequest: (message: string) => unknown) {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof ConflictError) return conflict(reply, contactId, error.message);
    if (error instanceof HttpError && error.statusCode === 400) return onBadRequest(error.message);
    throw error;
  }
}

export async function workRoutes(app: FastifyInstance) {
  const decisionPage = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, unknown>, errors?: FormErrors) => {
    const page = await service.contactPage(request.ctx(), id);
    if (!page.permissions.decide) return conflict(reply, id, page.contact.status === 'decided' ? 'A decision on this contact has already been made and signed off.' : 'A decision on this contact is already waiting for a manager’s sign-off.');
    const c = page.contact;
    return reply.status(errors ? 400 : 200).page(view('decision'), {
      title: 'Threshold decision',
      section: 'contacts',
      page,
      labels,
      outcomeItems,
      values: values ?? { level: c.decision_level ? String(c.decision_level) : '', outcome: c.decision_outcome ?? '', reasons: c.decision_reasons ?? '', version: String(c.version) },
      errors,
    });
  };

  app.get('/contacts/:id/decision', async (request, reply) => {
    authorise(request.ctx(), 'frontdoor.work');
    return decisionPage(request, reply, uuidParam(request.params));
  });

  app.post('/contacts/:id/decision', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'frontdoor.work');
    const id = uuidParam(request.params);
    const body = formBody(request);
    const values = { level: text(body, 'level'), outcome: text(body, 'outcome'), reasons: text(body, 'reasons'), version: text(body, 'version') };
    const parsed = decisionFields.safeParse({ ...values, level: values.level || undefined, outcome: values.outcome || undefined });
    if (!parsed.success) return decisionPage(request, reply, id, values, fromZodError(parsed.error));
    let signedOff = false;
    const refused = await attempt(
      reply,
      id,
      async () => ({ signedOff } = await service.decideContact(ctx, id, parsed.data)),
      (message) => decisionPage(request, reply, id, values, addError(noErrors(), 'outcome', message)),
    );
    return refused ?? reply.redirect(`/contacts/${id}?${signedOff ? 'signed' : 'decided'}=1`, 303);
  });

  const signOffPage = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, unknown>, errors?: FormErrors) => {
    const page = await service.contactPage(request.ctx(), id);
    if (!page.permissions.signOff) return conflict(reply, id, page.contact.status === 'decided' ? 'This decision has already been signed off.' : 'There is no decision waiting for sign-off on this contact.');
    return reply.status(errors ? 400 : 200).page(view('sign-off'), {
      title: 'Sign off the threshold decision',
      section: 'contacts',
      page,
      labels,
      values: values ?? { version: String(page.contact.version) },
      errors,
    });
  };

  app.get('/contacts/:id/sign-off', async (request, reply) => {
    authorise(request.ctx(), 'frontdoor.sign_off');
    return signOffPage(request, reply, uuidParam(request.params));
  });

  app.post('/contacts/:id/sign-off', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'frontdoor.sign_off');
    const id = uuidParam(request.params);
    const body = formBody(request);
    const values = { action: text(body, 'action'), comment: text(body, 'comment'), version: text(body, 'version') };
    const parsed = signOffFields.safeParse({ ...values, action: values.action || undefined });
    if (!parsed.success) return signOffPage(request, reply, id, values, fromZodError(parsed.error));
    const refused = await attempt(reply, id, () => service.signOffContact(ctx, id, parsed.data), (message) => signOffPage(request, reply, id, values, addError(noErrors(), 'comment', message)));
    return refused ?? reply.redirect(`/contacts/${id}?${parsed.data.action === 'agree' ? 'signed' : 'returned'}=1`, 303);
  });

  const checksPage = async (request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = request.ctx();
    const page = await service.contactPage(ctx, id);
    if (!page.permissions.requestChecks) return conflict(reply, id, 'A decision has been made on this contact, so checks can no longer be requested.');
    const agencies = (await service.checkAgencies(ctx)).filter((a) => a.id !== ctx.actor.agencyId);
    return reply.status(errors ? 400 : 200).page(view('checks-new'), { title: 'Request multi-agency checks', section: 'contacts', page, agencies, values, errors });
  };

  app.get('/contacts/:id/checks/new', async (request, reply) => {
    authorise(request.ctx(), 'frontdoor.work');
    const question = 'Please share what your agency knows about the child and family: any current or past involvement, and any concerns.';
    return checksPage(request, reply, uuidParam(request.params), { agencyIds: [], question, idempotencyKey: randomUUID() });
  });

  app.post('/contacts/:id/checks/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'frontdoor.work');
    const id = uuidParam(request.params);
    const body = formBody(request);
    const values = { agencyIds: list(body, 'agencyIds'), question: text(body, 'question'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = checkRequestFields.safeParse(values);
    if (!parsed.success) {
      const errors = fromZodError(parsed.error);
      for (const s of errors.summary) if (s.href.startsWith('#agencyIds')) s.href = '#agencyIds';
      if (!errors.fields.agencyIds) for (const [k, v] of Object.entries(errors.fields)) if (k.startsWith('agencyIds')) errors.fields.agencyIds = v;
      return checksPage(request, reply, id, values, errors);
    }
    const refused = await attempt(reply, id, () => service.requestChecks(ctx, id, parsed.data, values.idempotencyKey), (message) => checksPage(request, reply, id, values, addError(noErrors(), 'agencyIds', message)));
    return refused ?? reply.redirect(`/contacts/${id}?checks=1`, 303);
  });

  const responsePage = async (request: FastifyRequest, reply: FastifyReply, checkId: string, values?: Record<string, unknown>, errors?: FormErrors) => {
    const found = await service.checkForResponder(request.ctx(), checkId);
    return reply.status(errors ? 400 : 200).page(view('check'), {
      title: 'Multi-agency check',
      section: 'contacts',
      ...found,
      labels,
      values: values ?? { response: '', version: String(found.check.version) },
      errors,
      flash: flashOf(request),
    });
  };

  app.get('/contacts/checks/:checkId', async (request, reply) => {
    authorise(request.ctx(), 'contact.create');
    return responsePage(request, reply, uuidParam(request.params, 'checkId'));
  });

  app.post('/contacts/checks/:checkId', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'contact.create');
    const checkId = uuidParam(request.params, 'checkId');
    const body = formBody(request);
    const values = { response: text(body, 'response'), version: text(body, 'version') };
    const parsed = checkResponseFields.safeParse(values);
    if (!parsed.success) return responsePage(request, reply, checkId, values, fromZodError(parsed.error));
    try {
      await service.respondToCheck(ctx, checkId, parsed.data);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return reply.status(409).page(view('conflict'), { title: 'This check has changed', section: 'contacts', message: error.message, back: { href: `/contacts/checks/${checkId}`, text: 'Return to the check' } });
    }
    return reply.redirect(`/contacts/checks/${checkId}?responded=1`, 303);
  });
}
