import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { CAPTURED_HOW, FACES, FEELINGS } from './labels.ts';
import { viewsFields } from './schema.ts';
import { recordChildsViews, viewsForm, viewsPage } from './service.ts';

const SECTION = 'people';
const view = (name: string) => `domains/childs-voice/views/${name}.njk`;
const viewsHref = (personId: string) => `/people/${personId}/views`;

/** The child's views on their record: the list (latest first, shown prominently) and the form to record them. */
export const childsVoiceRoutes = fp(async (app: FastifyInstance) => {
  app.get('/people/:id/views', async (request, reply) => {
    const page = await viewsPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('views'), { title: 'The child’s views', section: SECTION, ...page, captured: CAPTURED_HOW, feelings: FEELINGS, faces: FACES });
  });

  const formPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await viewsForm(reply.request.ctx(), personId);
    return reply.status(errors?.summary.length ? 400 : 200).page(view('form'), { title: 'Record the child’s views', section: SECTION, ...form, values, errors: errors ?? noErrors(), captured: CAPTURED_HOW, feelings: FEELINGS, faces: FACES });
  };

  app.get('/people/:id/views/new', async (request, reply) => formPage(reply, uuidParam(request.params), { recordedOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() }));

  app.post('/people/:id/views/new', async (request, reply) => {
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'recordedOn', 'The date', errors, 'Enter the date the child shared their views');
    const values = {
      recordedOn: date.input,
      inTheirWords: text(body, 'inTheirWords'),
      capturedHow: text(body, 'capturedHow'),
      capturedOther: text(body, 'capturedOther'),
      feelHome: text(body, 'feelHome'),
      feelSchool: text(body, 'feelSchool'),
      feelPlan: text(body, 'feelPlan'),
      wants: text(body, 'wants'),
      idempotencyKey: idempotencyKeyOf(body),
    };
    const parsed = viewsFields.safeParse({ ...values, recordedOn: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['recordedOn']);
    const entered = [{ label: 'What the child said', value: values.inTheirWords }, { label: 'What they want to happen', value: values.wants }];
    return guarded(reply, { backHref: viewsHref(personId), backText: 'Go to the child’s views', section: SECTION, entered }, async () => {
      if (!parsed.success || errors.summary.length) return formPage(reply, personId, values, errors);
      try {
        await recordChildsViews(request.ctx(), personId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      } catch (error) {
        if (error instanceof FieldProblem) return formPage(reply, personId, values, addError(noErrors(), error.field === 'recordedOn' ? 'recordedOn-day' : error.field, error.message));
        throw error;
      }
      return reply.redirect(viewsHref(personId), 303);
    });
  });
});
