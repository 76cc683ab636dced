import type { FastifyInstance, FastifyReply } from 'fastify';
import { attempt, dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { VISIT_PURPOSES } from './codes.ts';
import { visitFields } from './schema.ts';
import { recordVisit, visitForm } from './service-visits.ts';

const SECTION = 'social-care';

/** Statutory visits to a child: one form for every plan, the purpose saying which clock it answers. */
export const visitRoutes = async (app: FastifyInstance) => {
  const page = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await visitForm(reply.request.ctx(), personId);
    return reply.status(errors ? 400 : 200).page('domains/casework/views/visit-form.njk', { title: 'Record a visit', section: SECTION, ...form, purposes: VISIT_PURPOSES, values, errors });
  };

  app.get('/people/:id/visits/new', async (request, reply) => {
    const purpose = text(request.query, 'purpose');
    return page(reply, uuidParam(request.params), { visitDate: dateParts(ukToday()), purpose: purpose in VISIT_PURPOSES ? purpose : '', idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/visits/new', async (request, reply) => {
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'visitDate', 'The date of the visit', errors, 'Enter the date of the visit');
    const values = {
      visitDate: date.input,
      purpose: text(body, 'purpose'),
      seen: text(body, 'seen'),
      notes: text(body, 'notes'),
      idempotencyKey: idempotencyKeyOf(body),
    };
    const parsed = visitFields.safeParse({ ...values, visitDate: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['visitDate']);
    const entered = [{ label: 'What happened on the visit', value: values.notes }];
    return guarded(reply, { backHref: `/people/${personId}/social-care`, backText: 'Go to the social care record', section: SECTION, entered }, async () => {
      if (!parsed.success || errors.summary.length) return page(reply, personId, values, errors);
      const refused = await attempt('visitDate-day', () => recordVisit(request.ctx(), personId, { ...parsed.data, idempotencyKey: values.idempotencyKey }));
      if (refused) return page(reply, personId, values, refused);
      return reply.redirect(`/people/${personId}/social-care#visits`, 303);
    });
  });
};
