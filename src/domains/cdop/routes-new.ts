import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { formOf, idempotencyKeyOf } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { handleWhoStep, peopleIn, type Picked, pickedOne, pickedParts, type WhoPage, type WhoStep, whoView } from '../people/who-step.ts';
import { AGENCIES, EXPECTATIONS, PLACES, RAPID_RESPONSES } from './labels.ts';
import { NOTIFICATION_FORM, readNotification } from './notification-form.ts';
import { notifyDeath } from './service.ts';

const CHILD = 'domains/cdop/views/new-child.njk';
const DETAILS = 'domains/cdop/views/new-details.njk';
export const notificationCodes = { places: PLACES, expectations: EXPECTATIONS, rapidResponses: RAPID_RESPONSES, agencies: AGENCIES };

const WHO: WhoStep = {
  parts: [
    {
      key: 'child', adult: false, heading: 'The child who died', role: 'The child who died', pick: 'as the child who died',
      empty: 'Not chosen yet. The child’s chronology will say only that their death was notified to the panel for review.',
    },
  ],
  required: { key: 'child', message: 'Choose the child who died' },
  findHeading: 'Find the child',
  roleLegend: 'Who are they on this notification?',
};

async function childPage(request: FastifyRequest, reply: FastifyReply, picked: Picked, idempotencyKey: string, page: WhoPage = {}) {
  const who = await whoView(request.ctx(), WHO, picked, page);
  return reply.status(page.status ?? 200).page(CHILD, { title: 'Which child has died?', section: 'cdop', idempotencyKey, who, errors: who.errors });
}

async function detailsPage(request: FastifyRequest, reply: FastifyReply, picked: Picked, values: Record<string, unknown>, errors?: FormErrors) {
  const parts = await pickedParts(request.ctx(), WHO, picked);
  return reply.status(errors?.summary.length ? 400 : 200).page(DETAILS, {
    title: 'About the death', section: 'cdop', parts, child: peopleIn(parts, 'child')[0], values, errors: errors ?? noErrors(), codes: notificationCodes,
  });
}

/**
 * Notifying a death: first which child (found in the person index or added to it, through the people domain's
 * "who is it about?" step), then when, where and how the child died and who told the panel.
 */
export async function newNotificationRoutes(app: FastifyInstance) {
  app.get('/cdop/new', async (request, reply) => {
    authorise(request.ctx(), 'cdop.work');
    return childPage(request, reply, { child: [] }, idempotencyKeyOf());
  });

  app.post('/cdop/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'cdop.work');
    const body = formOf(request);
    const idempotencyKey = idempotencyKeyOf(body);
    const who = await handleWhoStep(ctx, body, WHO);
    if ('page' in who) return childPage(request, reply, who.picked, idempotencyKey, who.page);
    if (who.next === 'continue') return detailsPage(request, reply, who.picked, { notifiedOn: dateParts(ukToday()), idempotencyKey });
    const form = readNotification(body);
    if (!form.parsed.success || form.errors.summary.length) return detailsPage(request, reply, who.picked, form.values, form.errors);
    try {
      const id = await notifyDeath(ctx, { ...form.parsed.data, childId: pickedOne(who.picked, 'child')!, idempotencyKey });
      return reply.redirect(`/cdop/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      if (error.field === 'child') return childPage(request, reply, who.picked, idempotencyKey, { errors: addError(noErrors(), 'searchName', error.message), status: 400 });
      return detailsPage(request, reply, who.picked, form.values, addError(noErrors(), error.field in NOTIFICATION_FORM.dates ? `${error.field}-day` : error.field, error.message));
    }
  });
}
