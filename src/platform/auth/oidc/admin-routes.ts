import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ROLE_LABELS, ROLES, type Role } from '../../access/rules.ts';
import { FieldProblem, NotFoundError } from '../../http/errors.ts';
import { formOf, guarded, idempotencyKeyOf, type Refusal, zodErrors } from '../../http/forms.ts';
import { uuidParam } from '../../http/params.ts';
import { addError, type FormErrors, noErrors } from '../../views/form-errors.ts';
import { type FormBody, list, text } from '../../views/form-fields.ts';
import { createMapping, deleteMapping, mappingForEdit, setPasswordSignIn, singleSignOnSettings, updateMapping } from './admin-service.ts';
import type { AgencySignIn, GroupMapping } from './repository.ts';
import { deleteMappingForm, editMappingForm, newMappingForm, passwordSignInForm } from './schema.ts';

const BASE = '/admin/single-sign-on';
const SECTION = 'single-sign-on';
const view = (name: string) => `platform/auth/oidc/views/${name}.njk`;
const FLASH: Record<string, string> = { created: 'Group mapping added', saved: 'Group mapping changed', deleted: 'Group mapping deleted', agency: 'Sign-in setting saved' };

interface MappingValues {
  groupValue: string;
  agencyId: string;
  teamIds: string[];
  roles: string[];
  version: string;
  idempotencyKey: string;
}

const valuesOf = (body: FormBody): MappingValues => ({
  groupValue: text(body, 'groupValue'),
  agencyId: text(body, 'agencyId'),
  teamIds: list(body, 'teamIds'),
  roles: list(body, 'roles'),
  version: text(body, 'version'),
  idempotencyKey: idempotencyKeyOf(body),
});

const valuesOfMapping = (m: GroupMapping): MappingValues => ({ groupValue: m.groupValue, agencyId: m.agencyId, teamIds: m.teamIds, roles: m.roles, version: String(m.version), idempotencyKey: '' });

const roleText = (roles: readonly string[]) => roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ');

/** What a mapping gives, in words, for the list and for the page shown when someone else changed it first. */
function describe(m: { agencyId: string; teamIds: string[]; roles: string[] }, agencies: AgencySignIn[]) {
  const agency = agencies.find((a) => a.id === m.agencyId);
  const teams = m.teamIds.map((id) => agency?.teams.find((t) => t.id === id)?.name ?? 'a team that no longer exists');
  return { agency: agency?.name ?? 'An agency that no longer exists', teams: teams.join(', ') || 'None', roles: roleText(m.roles) };
}

/** The single sign-on page for administrators (`integrations.manage`): group mappings and password sign-in by agency. */
export const ssoAdminRoutes = fp(async (app: FastifyInstance) => {
  const oidc = app.config.oidc;

  app.get(BASE, async (request, reply) => {
    const { mappings, agencies } = await singleSignOnSettings(request.ctx());
    const flash = Object.entries(FLASH).find(([key]) => key in ((request.query ?? {}) as object))?.[1];
    return reply.page(view('admin'), {
      title: 'Single sign-on',
      section: SECTION,
      flash,
      provider: oidc ? { issuer: oidc.issuer.href, clientId: oidc.clientId, redirectUri: oidc.redirectUri.href, postLogoutRedirectUri: oidc.postLogoutRedirectUri.href, groupsClaim: oidc.groupsClaim, buttonText: oidc.buttonText, backchannelUri: new URL('/auth/oidc/backchannel-logout', oidc.redirectUri).href } : null,
      mappings: mappings.map((m) => ({ id: m.id, groupValue: m.groupValue, ...describe(m, agencies) })),
      agencies,
    });
  });

  const mappingPage = async (reply: FastifyReply, mode: 'new' | 'edit', values: MappingValues, errors: FormErrors = noErrors(), id?: string) => {
    const { agencies } = await singleSignOnSettings(reply.request.ctx());
    return reply.status(errors.summary.length ? 400 : 200).page(view('mapping-form'), {
      title: mode === 'new' ? 'Add a group mapping' : 'Change a group mapping',
      section: SECTION,
      mode,
      action: mode === 'new' ? `${BASE}/mappings/new` : `${BASE}/mappings/${id}/edit`,
      values,
      errors,
      groupsClaim: oidc?.groupsClaim ?? 'groups',
      agencyItems: [{ value: '', text: 'Select an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === values.agencyId }))],
      teamItems: agencies.flatMap((a) => a.teams.map((t) => ({ value: t.id, text: t.name, hint: { text: a.name }, checked: values.teamIds.includes(t.id) }))),
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: values.roles.includes(r) })),
    });
  };

  const fieldProblem = async (reply: FastifyReply, work: () => Promise<unknown>, shown: (errors: FormErrors) => Promise<unknown>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof FieldProblem) return shown(addError(noErrors(), error.field, error.message));
      throw error;
    }
  };

  app.get(`${BASE}/mappings/new`, async (request, reply) => {
    await singleSignOnSettings(request.ctx());
    return mappingPage(reply, 'new', valuesOf({}));
  });

  app.post(`${BASE}/mappings/new`, async (request, reply) => {
    const ctx = request.ctx();
    await singleSignOnSettings(ctx);
    const values = valuesOf(formOf(request));
    const parsed = newMappingForm.safeParse(values);
    if (!parsed.success) return mappingPage(reply, 'new', values, zodErrors(parsed.error));
    return fieldProblem(
      reply,
      async () => {
        await createMapping(ctx, parsed.data, values.idempotencyKey);
        return reply.redirect(`${BASE}?created=1`, 303);
      },
      (errors) => mappingPage(reply, 'new', values, errors),
    );
  });

  app.get(`${BASE}/mappings/:id/edit`, async (request, reply) => {
    const mapping = await mappingForEdit(request.ctx(), uuidParam(request.params));
    return mappingPage(reply, 'edit', valuesOfMapping(mapping), noErrors(), mapping.id);
  });

  app.post(`${BASE}/mappings/:id/edit`, async (request, reply) => {
    const ctx = request.ctx();
    const mapping = await mappingForEdit(ctx, uuidParam(request.params));
    const values = valuesOf(formOf(request));
    const parsed = editMappingForm.safeParse(values);
    if (!parsed.success) return mappingPage(reply, 'edit', values, zodErrors(parsed.error), mapping.id);
    const { agencies } = await singleSignOnSettings(ctx);
    const entered = describe(parsed.data, agencies);
    const refusal: Refusal = {
      backHref: `${BASE}/mappings/${mapping.id}/edit`,
      backText: 'Look at the group mapping as it is now',
      section: SECTION,
      entered: [
        { label: 'Group value', value: parsed.data.groupValue },
        { label: 'Agency', value: entered.agency },
        { label: 'Teams', value: entered.teams },
        { label: 'Roles', value: entered.roles },
      ],
    };
    return guarded(reply, refusal, () =>
      fieldProblem(
        reply,
        async () => {
          await updateMapping(ctx, mapping.id, parsed.data.version, parsed.data);
          return reply.redirect(`${BASE}?saved=1`, 303);
        },
        (errors) => mappingPage(reply, 'edit', values, errors, mapping.id),
      ),
    );
  });

  app.get(`${BASE}/mappings/:id/delete`, async (request, reply) => {
    const ctx = request.ctx();
    const mapping = await mappingForEdit(ctx, uuidParam(request.params));
    const { agencies } = await singleSignOnSettings(ctx);
    return reply.page(view('mapping-delete'), { title: `Delete the mapping for “${mapping.groupValue}”`, section: SECTION, mapping, described: describe(mapping, agencies) });
  });

  app.post(`${BASE}/mappings/:id/delete`, async (request, reply) => {
    const ctx = request.ctx();
    const mapping = await mappingForEdit(ctx, uuidParam(request.params));
    const parsed = deleteMappingForm.safeParse(formOf(request));
    const refusal: Refusal = { backHref: BASE, backText: 'Go back to single sign-on', section: SECTION };
    return guarded(reply, refusal, async () => {
      await deleteMapping(ctx, mapping.id, parsed.success ? parsed.data.version : 0);
      return reply.redirect(`${BASE}?deleted=1`, 303);
    });
  });

  const agencyFor = async (request: FastifyRequest) => {
    const ctx = request.ctx();
    const { agencies } = await singleSignOnSettings(ctx);
    const agency = agencies.find((a) => a.id === uuidParam(request.params));
    if (!agency) throw new NotFoundError('This agency does not exist.');
    return { ctx, agency };
  };

  const agencyPage = (reply: FastifyReply, agency: AgencySignIn, values: { passwordSignIn: string; version: string }, errors: FormErrors = noErrors()) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('agency-form'), { title: `How people in ${agency.name} sign in`, section: SECTION, agency, values, errors, ssoConfigured: Boolean(oidc) });

  app.get(`${BASE}/agencies/:id`, async (request, reply) => {
    const { agency } = await agencyFor(request);
    return agencyPage(reply, agency, { passwordSignIn: agency.passwordSignIn ? 'yes' : 'no', version: String(agency.version) });
  });

  app.post(`${BASE}/agencies/:id`, async (request, reply) => {
    const { ctx, agency } = await agencyFor(request);
    const body = formOf(request);
    const values = { passwordSignIn: text(body, 'passwordSignIn'), version: text(body, 'version') };
    const parsed = passwordSignInForm.safeParse(values);
    if (!parsed.success) return agencyPage(reply, agency, values, zodErrors(parsed.error));
    if (parsed.data.passwordSignIn === 'no' && !oidc) {
      // Nobody in the agency could sign in at all, perhaps including the administrator making the change.
      return agencyPage(reply, agency, values, addError(noErrors(), 'passwordSignIn', 'Single sign-on is not switched on, so password sign-in cannot be turned off'));
    }
    const refusal: Refusal = {
      backHref: `${BASE}/agencies/${agency.id}`,
      backText: 'Look at the setting as it is now',
      section: SECTION,
      entered: [{ label: 'Password sign-in', value: parsed.data.passwordSignIn === 'yes' ? 'Allowed' : 'Turned off' }],
    };
    return guarded(reply, refusal, async () => {
      await setPasswordSignIn(ctx, agency.id, parsed.data.passwordSignIn === 'yes', parsed.data.version);
      return reply.redirect(`${BASE}?agency=1`, 303);
    });
  });
});
