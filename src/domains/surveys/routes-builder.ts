import type { FastifyInstance, FastifyReply } from 'fastify';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { codeItems, type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm, zodErrors } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { AUDIENCES, QUESTION_KINDS, STATUSES, STATUS_TAGS } from './labels.ts';
import { linkBatchFields, questionFields, surveyEditFields, surveyFields } from './schema.ts';
import { addQuestion, createSurvey, loadSurvey, makeLinks, moveSurvey, removeQuestion, surveyPage, updateSurvey } from './service.ts';
import { authorise } from '../../platform/access/authorise.ts';

export const SECTION = 'partnership';
export const view = (name: string) => `domains/surveys/views/${name}.njk`;
export const surveyHref = (id: string) => `/surveys/${id}`;

const detailsForm = (editing: boolean): DatedForm<unknown> => ({
  dates: { opensOn: ['Opens on', 'Enter the date the survey opens'], closesOn: ['Closes on', 'Enter the date the survey closes'] },
  fields: (b) => ({ title: text(b, 'title'), audience: text(b, 'audience'), introduction: text(b, 'introduction'), anonymous: text(b, 'anonymous') }),
  schema: editing ? surveyEditFields : surveyFields,
  entered: { title: 'Title', introduction: 'Introduction' },
});

/** The business manager's builder: a survey's details and questions, opening and closing it, one-time links. */
export const builderRoutes = async (app: FastifyInstance) => {
  const detailsPage = (reply: FastifyReply, id: string | null, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.status(errors?.summary.length ? 400 : 200).page(view('details-form'), {
      title: id ? 'Change the survey’s details' : 'Create a survey',
      section: SECTION,
      action: id ? `${surveyHref(id)}/edit` : '/surveys/new',
      backHref: id ? surveyHref(id) : '/surveys',
      values,
      errors: errors ?? noErrors(),
      audienceItems: codeItems(AUDIENCES, values.audience as string),
    });

  app.get('/surveys/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const today = ukToday();
    return detailsPage(reply, null, { idempotencyKey: idempotencyKeyOf(), anonymous: 'yes', opensOn: dateParts(today), closesOn: dateParts(addCalendarDays(today, 28)) });
  });

  app.post('/surveys/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const { values, parsed, errors } = readDatedForm(formOf(request), detailsForm(false));
    if (!parsed.success || errors.summary.length) return detailsPage(reply, null, values, errors);
    const id = await createSurvey(request.ctx(), parsed.data as never, values.idempotencyKey);
    return reply.redirect(surveyHref(id), 303);
  });

  app.get('/surveys/:id', async (request, reply) => {
    const id = uuidParam(request.params);
    const page = await surveyPage(request.ctx(), id);
    return reply.page(view('survey'), {
      title: page.survey.title, section: SECTION, ...page, audiences: AUDIENCES, kinds: QUESTION_KINDS, statuses: STATUSES, statusTags: STATUS_TAGS,
      answerUrl: `${request.protocol}://${request.host}${surveyHref(id)}/answer`, linkKey: idempotencyKeyOf(),
    });
  });

  app.get('/surveys/:id/edit', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const id = uuidParam(request.params);
    const s = await loadSurvey(request.ctx(), id);
    return detailsPage(reply, id, { title: s.title, audience: s.audience, introduction: s.introduction, anonymous: s.anonymous ? 'yes' : 'no', opensOn: dateParts(s.opens_on), closesOn: dateParts(s.closes_on), version: s.version });
  });

  app.post('/surveys/:id/edit', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const id = uuidParam(request.params);
    const { values, parsed, errors, entered } = readDatedForm(formOf(request), detailsForm(true));
    return guarded(reply, { backHref: surveyHref(id), backText: 'Back to the survey', section: SECTION, entered }, async () => {
      if (!parsed.success || errors.summary.length) return detailsPage(reply, id, values, errors);
      try {
        await updateSurvey(request.ctx(), id, parsed.data as never);
      } catch (error) {
        if (error instanceof FieldProblem) return detailsPage(reply, id, values, addError(noErrors(), error.field, error.message));
        throw error;
      }
      return reply.redirect(surveyHref(id), 303);
    });
  });

  const questionPage = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const survey = await loadSurvey(reply.request.ctx(), id);
    return reply.status(errors?.summary.length ? 400 : 200).page(view('question-form'), {
      title: 'Add a question', section: SECTION, survey, values, errors: errors ?? noErrors(), kindItems: codeItems(QUESTION_KINDS, values.kind as string),
    });
  };

  app.get('/surveys/:id/questions/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return questionPage(reply, uuidParam(request.params), { required: 'yes' });
  });

  app.post('/surveys/:id/questions/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const id = uuidParam(request.params);
    const body = formOf(request);
    const values = { text: text(body, 'text'), hint: text(body, 'hint'), kind: text(body, 'kind'), required: text(body, 'required'), options: text(body, 'options') };
    const parsed = questionFields.safeParse(values);
    return guarded(reply, { backHref: surveyHref(id), backText: 'Back to the survey', section: SECTION, entered: [{ label: 'Question', value: values.text }] }, async () => {
      if (!parsed.success) return questionPage(reply, id, values, zodErrors(parsed.error));
      await addQuestion(request.ctx(), id, parsed.data);
      return reply.redirect(`${surveyHref(id)}#questions`, 303);
    });
  });

  app.post('/surveys/:id/questions/:questionId/remove', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const id = uuidParam(request.params);
    return guarded(reply, { backHref: surveyHref(id), backText: 'Back to the survey', section: SECTION }, async () => {
      await removeQuestion(request.ctx(), id, uuidParam(request.params, 'questionId'));
      return reply.redirect(`${surveyHref(id)}#questions`, 303);
    });
  });

  for (const [path, to] of [['open', 'open'], ['close', 'closed']] as const) {
    app.post(`/surveys/:id/${path}`, async (request, reply) => {
      authorise(request.ctx(), 'partnership.manage');
      const id = uuidParam(request.params);
      return guarded(reply, { backHref: surveyHref(id), backText: 'Back to the survey', section: SECTION }, async () => {
        await moveSurvey(request.ctx(), id, to, Number(text(formOf(request), 'version')) || 0);
        return reply.redirect(surveyHref(id), 303);
      });
    });
  }

  app.post('/surveys/:id/links', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const id = uuidParam(request.params);
    const body = formOf(request);
    const parsed = linkBatchFields.safeParse({ count: text(body, 'count') });
    return guarded(reply, { backHref: surveyHref(id), backText: 'Back to the survey', section: SECTION }, async () => {
      if (!parsed.success) {
        const page = await surveyPage(request.ctx(), id);
        return reply.status(400).page(view('survey'), {
          title: page.survey.title, section: SECTION, ...page, audiences: AUDIENCES, kinds: QUESTION_KINDS, statuses: STATUSES, statusTags: STATUS_TAGS,
          answerUrl: '', linkKey: idempotencyKeyOf(body), linkCount: text(body, 'count'), errors: zodErrors(parsed.error),
        });
      }
      const survey = await loadSurvey(request.ctx(), id);
      const made = await makeLinks(request.ctx(), id, parsed.data.count, idempotencyKeyOf(body));
      const base = `${request.protocol}://${request.host}/s/`;
      return reply.page(view('links'), { title: made ? `One-time links: batch ${made.batch}` : 'These links were already made', section: SECTION, survey, made, links: made?.tokens.map((t) => `${base}${t}`) ?? [] });
    });
  });
};
