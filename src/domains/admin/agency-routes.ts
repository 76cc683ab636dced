import { authorise } from '../../platform/access/authorise.ts';
import type { FastifyInstance } from 'fastify';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { text } from '../../platform/views/form-fields.ts';
import * as service from './service.ts';
import { agencyForm, AGENCY_KINDS, teamForm } from './schema.ts';
import { agencyKindLabel } from './view-models.ts';


export async function agencyRoutes(app: FastifyInstance) {
  app.get('/admin/agencies', async (request, reply) => {
    const agencies = await service.agenciesWithTeams(request.ctx());
    const done = (request.query as { done?: string }).done;
    return reply.page('domains/admin/views/agencies.njk', {
      title: 'Agencies and teams',
      section: 'users',
      agencies: agencies.map((a) => ({ ...a, kindText: agencyKindLabel(a.kind) })),
      flash: done === 'agency' ? 'The agency has been added.' : done === 'team' ? 'The team has been added.' : undefined,
    });
  });

  const agencyPage = (values: { name: string; kind: string }, errors?: FormErrors) => ({
    title: 'Add an agency',
    section: 'users',
    values,
    errors,
    kindItems: AGENCY_KINDS.map((k) => ({ ...k, checked: k.value === values.kind })),
  });

  app.get('/admin/agencies/new', async (request, reply) => {
    await service.agenciesWithTeams(request.ctx());
    return reply.page('domains/admin/views/agency-form.njk', agencyPage({ name: '', kind: '' }));
  });

  app.post('/admin/agencies/new', async (request, reply) => {
    // Refuse before validating, so someone without the role learns nothing about the form.
    authorise(request.ctx(), 'users.manage');
    const values = { name: text(request.body, 'name'), kind: text(request.body, 'kind') };
    const parsed = agencyForm.safeParse(values);
    if (!parsed.success) return reply.status(400).page('domains/admin/views/agency-form.njk', agencyPage(values, fromZodError(parsed.error)));
    try {
      await service.createAgency(request.ctx(), parsed.data);
    } catch (error) {
      if (!(error instanceof service.FormProblem)) throw error;
      return reply.status(400).page('domains/admin/views/agency-form.njk', agencyPage(values, addError(noErrors(), error.field, error.message)));
    }
    return reply.redirect('/admin/agencies?done=agency', 303);
  });

  const teamPage = async (agencyId: string, agencies: Awaited<ReturnType<typeof service.agenciesWithTeams>>, values: { name: string }, errors?: FormErrors) => {
    const agency = agencies.find((a) => a.id === agencyId);
    if (!agency) throw new NotFoundError();
    return { title: `Add a team to ${agency.name}`, section: 'users', agency, values, errors };
  };

  app.get('/admin/agencies/:id/teams/new', async (request, reply) => {
    const id = uuidParam(request.params);
    const agencies = await service.agenciesWithTeams(request.ctx());
    return reply.page('domains/admin/views/team-form.njk', await teamPage(id, agencies, { name: '' }));
  });

  app.post('/admin/agencies/:id/teams/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const values = { name: text(request.body, 'name') };
    const parsed = teamForm.safeParse(values);
    let errors: FormErrors | undefined;
    if (!parsed.success) errors = fromZodError(parsed.error);
    else {
      try {
        await service.createTeam(ctx, id, parsed.data.name);
        return reply.redirect('/admin/agencies?done=team', 303);
      } catch (error) {
        if (!(error instanceof service.FormProblem)) throw error;
        errors = addError(noErrors(), error.field, error.message);
      }
    }
    return reply.status(400).page('domains/admin/views/team-form.njk', await teamPage(id, await service.agenciesWithTeams(ctx), values, errors));
  });
}
