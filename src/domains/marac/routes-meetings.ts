import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { discussionDefaults, readDiscussion } from './discussion-form.ts';
import { OUTCOMES, REFERRING_AGENCIES } from './labels.ts';
import { meetingFields } from './schema.ts';
import { meetingList, meetingPage } from './service-read.ts';
import { addToAgenda, recordDiscussion, scheduleMeeting } from './service-work.ts';

const view = (name: string) => `domains/marac/views/${name}.njk`;
const meetingHref = (id: string) => `/marac/meetings/${id}`;
const codes = { agencies: REFERRING_AGENCIES, outcomes: OUTCOMES };

/** MARAC meetings: schedule one, put open cases on its agenda, and record each case's discussion and actions. */
export async function meetingRoutes(app: FastifyInstance) {
  const listPage = async (request: FastifyRequest, values: Record<string, unknown>, errors = noErrors()) =>
    ({ title: 'MARAC meetings', section: 'marac', meetings: await meetingList(request.ctx()), values, errors, today: ukToday() });

  app.get('/marac/meetings', async (request, reply) => reply.page(view('meetings'), await listPage(request, { idempotencyKey: idempotencyKeyOf(), heldOn: {} })));

  app.post('/marac/meetings', async (request, reply) => {
    const body = formOf(request);
    const errors = noErrors();
    const held = dateField(body, 'heldOn', 'The date of the meeting', errors, 'Enter the date of the meeting');
    const values = { heldOn: held.input, idempotencyKey: idempotencyKeyOf(body) };
    const parsed = meetingFields.safeParse({ heldOn: held.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['heldOn']);
    if (!parsed.success || errors.summary.length) return reply.status(400).page(view('meetings'), await listPage(request, values, errors));
    const id = await scheduleMeeting(request.ctx(), { heldOn: parsed.data.heldOn, idempotencyKey: String(values.idempotencyKey) });
    return reply.redirect(meetingHref(id), 303);
  });

  app.get('/marac/meetings/:id', async (request, reply) => {
    const page = await meetingPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('meeting'), { title: 'MARAC meeting', section: 'marac', ...page, codes });
  });

  app.post('/marac/meetings/:id/agenda', async (request, reply) => {
    const id = uuidParam(request.params);
    const caseId = text(formOf(request), 'caseId');
    return guarded(reply, { backHref: meetingHref(id), backText: 'Back to the meeting', section: 'marac' }, async () => {
      await addToAgenda(request.ctx(), id, caseId);
      return reply.redirect(meetingHref(id), 303);
    });
  });

  const discussionPage = async (request: FastifyRequest, meetingId: string, discussionId: string) => {
    const page = await meetingPage(request.ctx(), meetingId);
    const item = page.agenda.find((d) => d.id === discussionId);
    if (!item) throw new NotFoundError();
    return { ...page, item };
  };

  app.get('/marac/meetings/:id/discussions/:discussionId', async (request, reply) => {
    const page = await discussionPage(request, uuidParam(request.params), uuidParam(request.params, 'discussionId'));
    return reply.page(view('discussion-form'), { title: 'Record the discussion', section: 'marac', ...page, codes, values: discussionDefaults(page.item.version), errors: noErrors() });
  });

  app.post('/marac/meetings/:id/discussions/:discussionId', async (request, reply) => {
    const meetingId = uuidParam(request.params);
    const discussionId = uuidParam(request.params, 'discussionId');
    const form = readDiscussion(formOf(request));
    const again = async (errors: typeof form.errors) => {
      const page = await discussionPage(request, meetingId, discussionId);
      return reply.status(400).page(view('discussion-form'), { title: 'Record the discussion', section: 'marac', ...page, codes, values: form.values, errors });
    };
    return guarded(reply, { backHref: meetingHref(meetingId), backText: 'Back to the meeting', section: 'marac', entered: [{ label: 'Information shared', value: String(form.values.summary) }] }, async () => {
      if (!form.input) return again(form.errors);
      try {
        await recordDiscussion(request.ctx(), meetingId, discussionId, form.input);
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        return again(addError(noErrors(), /^actionDue\d$/.test(error.field) ? `${error.field}-day` : error.field, error.message));
      }
      return reply.redirect(meetingHref(meetingId), 303);
    });
  });
}
