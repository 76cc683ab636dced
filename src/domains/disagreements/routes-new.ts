import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { type DatedForm, formOf, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { UUID } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { searchFromForm } from '../people/service-pick.ts';
import * as repo from './repository.ts';
import { type RaiseInput, raiseFields } from './schema.ts';
import { checkChild, raiseDisagreement } from './service.ts';

const VIEW = 'domains/disagreements/views/new.njk';
const TITLE = 'Raise a professional disagreement';

const RAISE_FORM: DatedForm<RaiseInput> = {
  dates: { decisionOn: ['The date of the decision', 'Enter the date of the decision'] },
  fields: (b) => ({ aboutAgency: text(b, 'aboutAgency'), decision: text(b, 'decision'), reasons: text(b, 'reasons'), outcomeSought: text(b, 'outcomeSought') }),
  schema: raiseFields,
  entered: {},
};

interface Shown {
  values: Record<string, unknown>;
  childId: string | null;
  search?: Awaited<ReturnType<typeof searchFromForm>>;
  errors?: FormErrors;
}

/**
 * The one page of raising a disagreement: whose decision and why, and optionally the child it concerns, found in
 * the person index among the children the raiser may see. Every button posts the whole form, so nothing typed is lost.
 */
async function page(request: FastifyRequest, reply: FastifyReply, shown: Shown) {
  const ctx = request.ctx();
  const agencies = (await repo.agencies(ctx.db)).filter((a) => a.id !== ctx.actor.agencyId);
  const child = shown.childId ? (await checkChild(ctx, shown.childId).catch(() => null))?.heading ?? null : null;
  const errors = shown.errors ?? noErrors();
  if (shown.search?.errors) {
    errors.summary.push(...shown.search.errors.summary);
    Object.assign(errors.fields, shown.search.errors.fields);
  }
  const results = shown.search && 'results' in shown.search ? (shown.search.results ?? []).filter((r) => r.canOpen && r.personType !== 'adult' && r.id !== child?.id) : undefined;
  return reply.status(errors.summary.length ? 400 : 200).page(VIEW, {
    title: TITLE,
    section: 'disagreements',
    agencies,
    values: shown.values,
    child,
    search: shown.search?.search ?? { name: '', dateOfBirth: {} },
    results,
    errors,
  });
}

export async function newDisagreementRoutes(app: FastifyInstance) {
  app.get('/disagreements/new', async (request, reply) => {
    authorise(request.ctx(), 'disagreements.raise');
    return page(request, reply, { values: { idempotencyKey: idempotencyKeyOf(), decisionOn: dateParts(ukToday()) }, childId: null });
  });

  app.post('/disagreements/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'disagreements.raise');
    const body = formOf(request);
    const [action = '', argument = ''] = text(body, 'action').split(':');
    const form = readDatedForm(body, RAISE_FORM);
    const carried = text(body, 'child');
    let childId = UUID.test(carried) ? carried.toLowerCase() : null;
    const again = (more: Partial<Shown> = {}) => page(request, reply, { values: form.values, childId, ...more });

    switch (action) {
      case 'search':
        return again({ search: await searchFromForm(ctx, body) });
      case 'child':
        try {
          childId = (await checkChild(ctx, argument)).heading.id;
          return again({ childId });
        } catch (error) {
          if (error instanceof FieldProblem) return again({ errors: addError(noErrors(), 'searchName', error.message) });
          throw error;
        }
      case 'remove':
        return again({ childId: null });
      case 'save': {
        if (!form.parsed.success || form.errors.summary.length) return again({ errors: form.errors });
        try {
          const id = await raiseDisagreement(ctx, { ...form.parsed.data, personId: childId, idempotencyKey: String(form.values.idempotencyKey) });
          return reply.redirect(`/disagreements/${id}`, 303);
        } catch (error) {
          if (!(error instanceof FieldProblem)) throw error;
          const field = error.field === 'child' ? 'searchName' : error.field === 'decisionOn' ? 'decisionOn-day' : error.field;
          return again({ errors: addError(noErrors(), field, error.message) });
        }
      }
      default:
        return again({ errors: addError(noErrors(), 'aboutAgency', 'Choose what to do next') });
    }
  });
}
