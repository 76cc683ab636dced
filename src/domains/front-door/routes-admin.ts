import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { ConflictError, FieldProblem, HttpError, NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { idempotencyKeyOf } from './new-contact-form.ts';
import { formBody, view } from './pages.ts';
import { domainFields, levelFields } from './schema.ts';
import * as threshold from './service-threshold.ts';

const FLASH: Record<string, string> = { level: 'Level saved', domain: 'Domain saved', added: 'Domain added', moved: 'Order changed', retired: 'Domain retired', reinstated: 'Domain back in use' };

function levelParam(params: unknown): number {
  const raw = (params as { level?: string }).level ?? '';
  if (!/^[1-4]$/.test(raw)) throw new NotFoundError();
  return Number(raw);
}

const conflictPage = (reply: FastifyReply, message: string, status = 409) =>
  reply.status(status).page(view('conflict'), {
    title: status === 409 ? 'The threshold document was changed by someone else' : 'This change cannot be made',
    section: 'threshold',
    message,
    back: { href: '/admin/threshold', text: 'Return to the threshold document' },
  });

const domainValues = (body: unknown) => ({
  name: text(body, 'name'),
  description: text(body, 'description'),
  descriptor1: text(body, 'descriptor1'),
  descriptor2: text(body, 'descriptor2'),
  descriptor3: text(body, 'descriptor3'),
  descriptor4: text(body, 'descriptor4'),
});

/** Administrators keep the local threshold document: its levels, its domains and what each level looks like in each. */
export async function thresholdAdminRoutes(app: FastifyInstance) {
  app.get('/admin/threshold', async (request, reply) => {
    const framework = await threshold.thresholdForAdmin(request.ctx());
    const done = Object.keys(FLASH).find((k) => k in (request.query as object));
    return reply.page(view('threshold'), { title: 'Threshold document', section: 'threshold', ...framework, flash: done ? FLASH[done] : undefined });
  });

  const levelPage = (reply: FastifyReply, level: number, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).page(view('threshold-level'), { title: `Change level ${level}`, section: 'threshold', level, values, errors });

  app.get('/admin/threshold/levels/:level', async (request, reply) => {
    authorise(request.ctx(), 'threshold.configure');
    const row = await threshold.adminLevel(request.ctx(), levelParam(request.params));
    return levelPage(reply, row.level, { name: row.name, descriptor: row.descriptor, version: String(row.version) });
  });

  app.post('/admin/threshold/levels/:level', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'threshold.configure');
    const level = levelParam(request.params);
    await threshold.adminLevel(ctx, level);
    const body = formBody(request);
    const values = { name: text(body, 'name'), descriptor: text(body, 'descriptor'), version: text(body, 'version') };
    const parsed = levelFields.safeParse(values);
    if (!parsed.success) return levelPage(reply, level, values, fromZodError(parsed.error));
    try {
      await threshold.updateLevel(ctx, level, parsed.data.version, parsed.data);
    } catch (error) {
      if (error instanceof ConflictError) return conflictPage(reply, error.message);
      throw error;
    }
    return reply.redirect('/admin/threshold?level=1', 303);
  });

  const domainPage = (reply: FastifyReply, mode: 'new' | 'edit', values: Record<string, unknown>, errors?: FormErrors, domain?: threshold.AdminDomain) =>
    reply.status(errors ? 400 : 200).page(view('threshold-domain'), { title: mode === 'new' ? 'Add a domain' : `Change ${domain?.name}`, section: 'threshold', mode, domain, values, errors });

  /** Saves, turning a refusal about the name into a form error and a stale version into the conflict page. */
  const saving = async (reply: FastifyReply, show: (errors: FormErrors) => unknown, work: () => Promise<unknown>) => {
    try {
      await work();
      return null;
    } catch (error) {
      if (error instanceof FieldProblem) return show(addError(noErrors(), error.field, error.message));
      if (error instanceof ConflictError) return conflictPage(reply, error.message);
      if (error instanceof HttpError && error.statusCode === 400) return show(addError(noErrors(), 'name', error.message));
      throw error;
    }
  };

  app.get('/admin/threshold/domains/new', async (request, reply) => {
    authorise(request.ctx(), 'threshold.configure');
    return domainPage(reply, 'new', { idempotencyKey: randomUUID() });
  });

  app.post('/admin/threshold/domains/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'threshold.configure');
    const body = formBody(request);
    const values = { ...domainValues(body), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = domainFields.safeParse(values);
    if (!parsed.success) return domainPage(reply, 'new', values, fromZodError(parsed.error));
    const { descriptor1, descriptor2, descriptor3, descriptor4, ...rest } = parsed.data;
    const refused = await saving(reply, (errors) => domainPage(reply, 'new', values, errors), () =>
      threshold.createDomain(ctx, { ...rest, descriptors: { 1: descriptor1, 2: descriptor2, 3: descriptor3, 4: descriptor4 } }, values.idempotencyKey),
    );
    return refused ?? reply.redirect('/admin/threshold?added=1', 303);
  });

  app.get('/admin/threshold/domains/:id', async (request, reply) => {
    authorise(request.ctx(), 'threshold.configure');
    const domain = await threshold.adminDomain(request.ctx(), uuidParam(request.params));
    const values: Record<string, string> = { name: domain.name, description: domain.description, version: String(domain.version) };
    for (const d of domain.descriptors) {
      values[`descriptor${d.level}`] = d.descriptor;
      values[`version${d.level}`] = String(d.version);
    }
    return domainPage(reply, 'edit', values, undefined, domain);
  });

  app.post('/admin/threshold/domains/:id', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'threshold.configure');
    const id = uuidParam(request.params);
    const domain = await threshold.adminDomain(ctx, id);
    const body = formBody(request);
    const values: Record<string, string> = { ...domainValues(body), version: text(body, 'version') };
    for (const level of threshold.LEVELS) values[`version${level}`] = text(body, `version${level}`);
    const parsed = domainFields.safeParse(values);
    if (!parsed.success) return domainPage(reply, 'edit', values, fromZodError(parsed.error), domain);
    const descriptors = Object.fromEntries(threshold.LEVELS.map((l) => [l, { text: parsed.data[`descriptor${l}`], version: Number(values[`version${l}`]) || 0 }]));
    const refused = await saving(reply, (errors) => domainPage(reply, 'edit', values, errors, domain), () =>
      threshold.updateDomain(ctx, id, { version: Number(values.version) || 0, name: parsed.data.name, description: parsed.data.description, descriptors }),
    );
    return refused ?? reply.redirect('/admin/threshold?domain=1', 303);
  });

  app.post('/admin/threshold/domains/:id/move', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'threshold.configure');
    const id = uuidParam(request.params);
    const body = formBody(request);
    const direction = text(body, 'direction') === 'up' ? 'up' : 'down';
    const refused = await saving(reply, (errors) => conflictPage(reply, errors.summary[0]?.text ?? '', 400), () => threshold.moveDomain(ctx, id, Number(text(body, 'version')) || 0, direction));
    return refused ?? reply.redirect('/admin/threshold?moved=1', 303);
  });

  app.post('/admin/threshold/domains/:id/active', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'threshold.configure');
    const id = uuidParam(request.params);
    const body = formBody(request);
    const active = text(body, 'active') === 'yes';
    const refused = await saving(reply, (errors) => conflictPage(reply, errors.summary[0]?.text ?? '', 400), () => threshold.setDomainActive(ctx, id, Number(text(body, 'version')) || 0, active));
    return refused ?? reply.redirect(`/admin/threshold?${active ? 'reinstated' : 'retired'}=1`, 303);
  });
}
