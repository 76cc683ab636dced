import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { addMonths, ukDate, ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import { formatDate } from '../../platform/views/format.ts';
import { MAX_TOKEN_MONTHS, newTokenForm, versionField } from './schema.ts';
import { SCOPES, type Scope } from './scopes.ts';
import { createToken, findToken, listTokens, revokeToken, type TokenRow, tokenStatus } from './service-tokens.ts';
import { agencyFormPage, checkboxItems, SECTION, STATUS_TAGS, view } from './view-helpers.ts';

const TOKENS = '/admin/api-tokens';

const scopeLabels = (scopes: readonly string[]) => scopes.map((s) => (s in SCOPES ? `${s}: ${SCOPES[s as Scope].label}` : s));

async function tokenRows(tokens: TokenRow[], db: Parameters<typeof userNames>[0]) {
  const names = await userNames(db, tokens.flatMap((t) => [t.created_by, t.revoked_by]));
  return tokens.map((t) => ({
    ...t,
    status: STATUS_TAGS[tokenStatus(t)],
    // Stored as the moment it stops (midnight after its last day); people are told the last day it works.
    lastDay: ukDate(new Date(new Date(t.expires_at).getTime() - 1)),
    scopeLabels: scopeLabels(t.scopes),
    createdByName: (t.created_by && names.get(t.created_by)) ?? 'a former user',
    revokedByName: (t.revoked_by && names.get(t.revoked_by)) ?? null,
  }));
}

/** API tokens for partner systems (`integrations.manage`): the list, a new token (its secret shown once), revoking. */
export async function tokenRoutes(app: FastifyInstance) {
  const formPage = (reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors = noErrors()) =>
    agencyFormPage(reply, 'token-form', 'Create an API token', values, errors, {
      scopes: checkboxItems(Object.entries(SCOPES).map(([value, s]) => [value, `${s.label} (${value})`, s.hint]), values.scopes),
      latest: formatDate(addMonths(ukToday(), MAX_TOKEN_MONTHS)),
    });

  app.get(TOKENS, async (request, reply) => {
    const ctx = request.ctx();
    const tokens = await tokenRows(await listTokens(ctx), ctx.db);
    const flash = 'revoked' in (request.query as object) ? 'The token has been revoked. The system using it can no longer call the API.' : undefined;
    return reply.page(view('tokens'), { title: 'API tokens', section: SECTION, tokens, flash });
  });

  app.get(`${TOKENS}/new`, async (request, reply) => {
    authorise(request.ctx(), 'integrations.manage');
    return formPage(reply, { scopes: [], idempotencyKey: idempotencyKeyOf() });
  });

  app.post(`${TOKENS}/new`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'integrations.manage');
    const body: FormBody = formOf(request);
    const errors = noErrors();
    const expires = dateField(body, 'expiresOn', 'The last day the token works', errors, 'Enter the last day the token works');
    const values = { name: text(body, 'name'), agencyId: text(body, 'agencyId'), scopes: list(body, 'scopes'), expiresOn: expires.input, idempotencyKey: idempotencyKeyOf(body) };
    const parsed = newTokenForm.safeParse({ ...values, expiresOn: expires.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['expiresOn']);
    if (!parsed.success || errors.summary.length) return formPage(reply, values, errors);
    try {
      const created = await createToken(ctx, { ...parsed.data, scopes: parsed.data.scopes as Scope[] }, parsed.data.idempotencyKey);
      const token = await findToken(ctx, created.id);
      return reply.page(view('token-created'), { title: created.token ? 'API token created' : 'This token has already been created', section: SECTION, token: (await tokenRows([token], ctx.db))[0], secret: created.token });
    } catch (error) {
      if (error instanceof FieldProblem) return formPage(reply, values, addError(noErrors(), error.field, error.message));
      throw error;
    }
  });

  const tokenFor = (request: FastifyRequest) => findToken(request.ctx(), uuidParam(request.params));

  app.get(`${TOKENS}/:id/revoke`, async (request, reply) => {
    const token = await tokenFor(request);
    return reply.page(view('token-revoke'), { title: `Revoke the token for ${token.name}`, section: SECTION, token: (await tokenRows([token], request.ctx().db))[0] });
  });

  app.post(`${TOKENS}/:id/revoke`, async (request, reply) => {
    const token = await tokenFor(request);
    const version = versionField.safeParse(text(formOf(request), 'version'));
    return guarded(reply, { backHref: TOKENS, backText: 'Go back to the API tokens', section: SECTION }, async () => {
      await revokeToken(request.ctx(), token.id, version.success ? version.data : 0);
      return reply.redirect(`${TOKENS}?revoked=1`, 303);
    });
  });
}
