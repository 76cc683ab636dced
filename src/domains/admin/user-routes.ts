import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import * as service from './service.ts';
import { editUserForm, newUserForm } from './schema.ts';
import { describeUser, type UserFormValues, userFormItems, userFormValues, userRows, userStatus, valuesFromRecord } from './view-models.ts';
import { uuidParam } from '../../platform/http/params.ts';

const FLASHES: Record<string, string> = {
  saved: 'The user’s details have been saved.',
  unlocked: 'The account has been unlocked. The user can sign in again.',
};

interface FormOptions {
  errors?: FormErrors;
  userId?: string;
  status?: number;
  lockedUntil?: Date | null;
  flash?: string;
}

export async function userRoutes(app: FastifyInstance) {
  app.get('/admin/users', async (request, reply) => {
    const query = request.query as { agency?: string };
    const agencyId = typeof query.agency === 'string' && /^[0-9a-f-]{36}$/i.test(query.agency) ? query.agency : null;
    const { users, agencies } = await service.listUsers(request.ctx(), agencyId);
    return reply.page('domains/admin/views/users.njk', {
      title: 'Users',
      section: 'users',
      users: userRows(users),
      agencyItems: [{ value: '', text: 'All agencies' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === agencyId }))],
    });
  });

  const showForm = async (reply: FastifyReply, mode: 'new' | 'edit', values: UserFormValues, options: FormOptions = {}) => {
    const agencies = await service.agenciesWithTeams(reply.request.ctx());
    return reply.status(options.status ?? 200).page('domains/admin/views/user-form.njk', {
      title: mode === 'new' ? 'Add a user' : 'Change a user’s details',
      section: 'users',
      mode,
      userId: options.userId,
      locked: options.lockedUntil ? userStatus({ disabled: false, lockedUntil: options.lockedUntil }) === 'locked' : false,
      values,
      errors: options.errors,
      flash: options.flash,
      ...userFormItems(agencies, values),
    });
  };

  app.get('/admin/users/new', async (_request, reply) => {
    // The key travels with the form, so pressing the button twice finds the first account rather than making two.
    return showForm(reply, 'new', { ...userFormValues({}), idempotencyKey: randomUUID() });
  });

  app.post('/admin/users/new', async (request, reply) => {
    const ctx = request.ctx();
    const values = userFormValues(request.body);
    const parsed = newUserForm.safeParse(request.body ?? {});
    if (!parsed.success) return showForm(reply, 'new', values, { errors: fromZodError(parsed.error), status: 400 });
    try {
      const result = await service.createUser(ctx, parsed.data);
      if (result.outcome === 'already_created') {
        return reply.page('domains/admin/views/user-already-created.njk', { title: 'This user has already been added', section: 'users', userId: result.id });
      }
      return reply.page('domains/admin/views/password-issued.njk', {
        title: 'User added',
        section: 'users',
        heading: 'User added',
        name: parsed.data.name,
        email: parsed.data.email,
        password: result.password,
        userId: result.id,
      });
    } catch (error) {
      if (!(error instanceof service.FormProblem)) throw error;
      return showForm(reply, 'new', values, { errors: addError(noErrors(), error.field, error.message), status: 400 });
    }
  });

  app.get('/admin/users/:id/edit', async (request, reply) => {
    const user = await service.userForEdit(request.ctx(), uuidParam(request.params));
    const done = (request.query as { done?: string }).done;
    return showForm(reply, 'edit', valuesFromRecord(user), { userId: user.id, lockedUntil: user.lockedUntil, flash: done ? FLASHES[done] : undefined });
  });

  app.post('/admin/users/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const values = userFormValues(request.body);
    const parsed = editUserForm.safeParse(request.body ?? {});
    if (!parsed.success) return showForm(reply, 'edit', values, { errors: fromZodError(parsed.error), status: 400, userId: id });
    try {
      const result = await service.updateUser(ctx, id, parsed.data);
      if (result.outcome === 'updated') return reply.redirect(`/admin/users/${id}/edit?done=saved`, 303);
      const agencies = await service.agenciesWithTeams(ctx);
      return reply.status(409).page('domains/admin/views/user-conflict.njk', {
        title: 'This record was changed by someone else',
        section: 'users',
        userId: id,
        yours: describeUser(values, agencies),
        theirs: describeUser(valuesFromRecord(result.current), agencies),
      });
    } catch (error) {
      if (!(error instanceof service.FormProblem)) throw error;
      return showForm(reply, 'edit', values, { errors: addError(noErrors(), error.field, error.message), status: 400, userId: id });
    }
  });

  app.get('/admin/users/:id/reset-password', async (request, reply) => {
    const user = await service.userForEdit(request.ctx(), uuidParam(request.params));
    return reply.page('domains/admin/views/reset-password.njk', { title: 'Reset a user’s password', section: 'users', account: user });
  });

  app.post('/admin/users/:id/reset-password', async (request, reply) => {
    const { password, user } = await service.resetPassword(request.ctx(), uuidParam(request.params));
    return reply.page('domains/admin/views/password-issued.njk', {
      title: 'Password reset',
      section: 'users',
      heading: 'Password reset',
      reset: true,
      name: user.name,
      email: user.email,
      password,
      userId: user.id,
    });
  });

  app.post('/admin/users/:id/unlock', async (request, reply) => {
    const user = await service.unlock(request.ctx(), uuidParam(request.params));
    return reply.redirect(`/admin/users/${user.id}/edit?done=unlocked`, 303);
  });
}
