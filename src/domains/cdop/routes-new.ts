import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { BadRequestError, FieldProblem } from '../../platform/http/errors.ts';
import { formOf, idempotencyKeyOf } from '../../platform/http/forms.ts';
import { type DateInputValue, dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { SEX } from '../people/codes.ts';
import { createPerson, personHeading, type searchPeople } from '../people/service.ts';
import { mayPickPerson, searchFromForm } from '../people/service-pick.ts';
import { AGENCIES, EXPECTATIONS, PLACES, RAPID_RESPONSES } from './labels.ts';
import { NOTIFICATION_FORM, readChild, readNewChild, readNotification } from './notification-form.ts';
import { notifyDeath } from './service.ts';

const CHILD = 'domains/cdop/views/new-child.njk';
const DETAILS = 'domains/cdop/views/new-details.njk';
export const notificationCodes = { places: PLACES, expectations: EXPECTATIONS, rapidResponses: RAPID_RESPONSES, agencies: AGENCIES, sexes: SEX };

interface ChildStep {
  childId: string | null;
  idempotencyKey: string;
  search?: { name: string; dateOfBirth: DateInputValue };
  results?: Awaited<ReturnType<typeof searchPeople>>;
  newPerson?: { values: Record<string, unknown>; duplicates?: unknown[] };
  errors?: FormErrors;
  status?: number;
}

const chosen = async (request: FastifyRequest, childId: string | null) => {
  const ctx = request.ctx();
  return childId && (await mayPickPerson(ctx, childId)) ? personHeading(ctx, childId) : null;
};

async function childPage(request: FastifyRequest, reply: FastifyReply, step: ChildStep) {
  return reply.status(step.status ?? 200).page(CHILD, {
    title: 'Which child has died?',
    section: 'cdop',
    child: await chosen(request, step.childId),
    idempotencyKey: step.idempotencyKey,
    search: step.search ?? { name: '', dateOfBirth: {} },
    results: step.results?.filter((r) => r.id !== step.childId),
    searched: step.results !== undefined,
    newPerson: step.newPerson,
    errors: step.errors ?? noErrors(),
    codes: notificationCodes,
  });
}

async function detailsPage(request: FastifyRequest, reply: FastifyReply, childId: string, values: Record<string, unknown>, errors?: FormErrors) {
  return reply.status(errors?.summary.length ? 400 : 200).page(DETAILS, {
    title: 'About the death',
    section: 'cdop',
    child: await chosen(request, childId),
    values,
    errors: errors ?? noErrors(),
    codes: notificationCodes,
  });
}

/**
 * Notifying a death: first which child (found in the person index or added to it), then when, where and how the
 * child died and who told the panel. One route handles every button of both steps; the child travels in the body.
 */
export async function newNotificationRoutes(app: FastifyInstance) {
  app.get('/cdop/new', async (request, reply) => {
    authorise(request.ctx(), 'cdop.work');
    return childPage(request, reply, { childId: null, idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/cdop/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'cdop.work');
    const body = formOf(request);
    const [action = '', argument = ''] = text(body, 'action').split(':');
    let childId = readChild(body);
    const idempotencyKey = idempotencyKeyOf(body);
    const step = (more: Partial<ChildStep> = {}) => childPage(request, reply, { childId, idempotencyKey, ...more });
    const noChild = () => step({ errors: addError(noErrors(), 'searchName', 'Choose the child who died'), status: 400 });

    switch (action) {
      case 'search': {
        const found = await searchFromForm(ctx, body);
        return step({ ...found, status: found.errors ? 400 : 200 });
      }
      case 'child': {
        const heading = (await mayPickPerson(ctx, argument)) ? await personHeading(ctx, argument) : null;
        if (!heading) throw new BadRequestError('Choose a child from the search results.');
        if (heading.personType !== 'child') throw new BadRequestError('Only a child born alive can be chosen.');
        childId = heading.id;
        return step();
      }
      case 'remove':
        childId = null;
        return step();
      case 'new-person':
        return step({ newPerson: { values: { newPersonKey: idempotencyKeyOf() } } });
      case 'cancel-new':
      case 'back':
        return step();
      case 'create-person': {
        const form = readNewChild(body);
        if (!form.input) return step({ newPerson: { values: form.values }, errors: form.errors, status: 400 });
        const outcome = await createPerson(ctx, form.input, null, { idempotencyKey: String(form.values.newPersonKey), confirmedNotDuplicate: form.values.confirmDifferent === 'yes' });
        if (outcome.outcome === 'possible_duplicates') {
          const again = text(body, 'duplicatesShown') === 'yes';
          const errors = again ? addError(noErrors(), 'confirmDifferent', 'Confirm this is a different child, or choose the existing record instead') : undefined;
          return step({ newPerson: { values: form.values, duplicates: outcome.duplicates }, errors, status: again ? 400 : 200 });
        }
        childId = outcome.id;
        return step();
      }
      case 'continue':
        if (!childId) return noChild();
        return detailsPage(request, reply, childId, { notifiedOn: dateParts(ukToday()), idempotencyKey });
      case 'save': {
        if (!childId) return noChild();
        const form = readNotification(body);
        if (!form.parsed.success || form.errors.summary.length) return detailsPage(request, reply, childId, form.values, form.errors);
        try {
          const id = await notifyDeath(ctx, { ...form.parsed.data, childId, idempotencyKey });
          return reply.redirect(`/cdop/${id}`, 303);
        } catch (error) {
          if (!(error instanceof FieldProblem)) throw error;
          if (error.field === 'child') return step({ errors: addError(noErrors(), 'searchName', error.message), status: 400 });
          return detailsPage(request, reply, childId, form.values, addError(noErrors(), error.field in NOTIFICATION_FORM.dates ? `${error.field}-day` : error.field, error.message));
        }
      }
      default:
        return step({ errors: addError(noErrors(), 'searchName', 'Choose what to do next'), status: 400 });
    }
  });
}
