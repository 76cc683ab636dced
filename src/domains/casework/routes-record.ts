import type { FastifyInstance, FastifyReply } from 'fastify';
import { attempt, dateField, formOf, guarded, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { SOCIAL_WORKER_CHANGE_REASONS } from '../../platform/codes/ssda903.ts';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { VISIT_PURPOSES } from './codes.ts';
import { allocationFields } from './schema.ts';
import { allocateCase, allocationForm } from './service-allocation.ts';
import { socialCareRecord } from './service-record.ts';

const view = (name: string) => `domains/casework/views/${name}.njk`;
const SECTION = 'social-care';

/** The child's social care record page and allocating their case. */
export const recordRoutes = async (app: FastifyInstance) => {
  app.get('/people/:id/social-care', async (request, reply) => {
    const personId = uuidParam(request.params);
    const record = await socialCareRecord(request.ctx(), personId);
    return reply.page(view('record'), { title: 'Social care record', section: SECTION, ...record, clockLabels: CLOCK_LABELS, purposes: VISIT_PURPOSES, reasons: SOCIAL_WORKER_CHANGE_REASONS });
  });

  const allocatePage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await allocationForm(reply.request.ctx(), personId);
    return reply.status(errors ? 400 : 200).page(view('allocate'), {
      title: form.current ? 'Reallocate the case' : 'Allocate the case',
      section: SECTION,
      ...form,
      reasons: SOCIAL_WORKER_CHANGE_REASONS,
      values: { current: form.currentId, date: dateParts(ukToday()), reason: form.current ? '' : 'FCONTA', ...values },
      errors,
    });
  };

  app.get('/people/:id/allocate', async (request, reply) => allocatePage(reply, uuidParam(request.params), {}));

  app.post('/people/:id/allocate', async (request, reply) => {
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'date', 'The date the allocation starts', errors, 'Enter the date the allocation starts');
    const values = { workerId: text(body, 'workerId'), reason: text(body, 'reason'), current: text(body, 'current'), date: date.input };
    const parsed = allocationFields.safeParse({ ...values, date: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['date']);
    return guarded(reply, { backHref: `/people/${personId}/social-care`, backText: 'Go to the social care record', section: SECTION }, async () => {
      if (!parsed.success || errors.summary.length) return allocatePage(reply, personId, values, errors);
      const refused = await attempt('date-day', () => allocateCase(request.ctx(), personId, parsed.data));
      if (refused) return allocatePage(reply, personId, values, refused);
      return reply.redirect(`/people/${personId}/social-care`, 303);
    });
  });
};
