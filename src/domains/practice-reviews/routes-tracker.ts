import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { authorise } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem, ForbiddenError } from '../../platform/http/errors.ts';
import { codeItems, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { RAG_TAGS, RAGS } from './labels.ts';
import { briefingFields, progressFields } from './schema.ts';
import { briefingChoices, briefingList, briefingPage, issueBriefing } from './service-briefings.ts';
import { actionPage, type TrackerFilter, tracker, updateProgress } from './service-tracker.ts';

const view = (name: string) => `domains/practice-reviews/views/${name}.njk`;
const SECTION = 'practice-reviews';
const actionHref = (id: string) => `/practice-reviews/actions/${id}`;

/** Filters come from a GET form: anything unknown falls back to the default rather than failing. */
const filterOf = (query: unknown): TrackerFilter => {
  const q = (query ?? {}) as Record<string, unknown>;
  return {
    agencyId: typeof q.agency === 'string' && UUID.test(q.agency) ? q.agency : null,
    rag: z.enum(Object.keys(RAGS) as [string, ...string[]]).nullable().catch(null).parse(q.rag ?? null),
    status: z.enum(['open', 'all']).catch('open').parse(q.status),
  };
};

const PROGRESS = {
  dates: { completedOn: ['The date completed', undefined] as [string, string | undefined], dueOn: ['The new due date', undefined] as [string, string | undefined] },
  fields: (b: unknown) => ({ rag: text(b, 'rag'), note: text(b, 'note'), evidence: text(b, 'evidence') }),
  schema: progressFields,
  entered: { note: 'Progress update', evidence: 'Evidence of completion' },
};

const BRIEFING = {
  dates: { issuedOn: ['The date issued', 'Enter the date the briefing was issued'] as [string, string | undefined] },
  fields: (b: unknown) => ({ title: text(b, 'title'), reviewIds: list(b, 'reviewIds'), audience: text(b, 'audience'), keyMessages: text(b, 'keyMessages') }),
  schema: briefingFields,
  entered: { title: 'Title', keyMessages: 'Key messages' },
};

/** The action tracker and learning briefings: for the chair, every agency's managers and the board. */
export const trackerRoutes = async (app: FastifyInstance) => {
  app.get('/practice-reviews/actions', async (request, reply) => {
    const filter = filterOf(request.query);
    const data = await tracker(request.ctx(), filter);
    return reply.page(view('tracker'), {
      title: 'Practice review actions', section: SECTION, ...data, filter, ragTags: RAG_TAGS, today: ukToday(),
      agencyItems: codeItems(Object.fromEntries(data.agencies.map((a) => [a.id, a.name])), filter.agencyId, { blank: 'All agencies' }),
      ragItems: codeItems(RAGS, filter.rag, { blank: 'Any status' }),
    });
  });

  app.get('/practice-reviews/actions/:id', async (request, reply) => {
    const data = await actionPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('action'), { title: 'Practice review action', section: SECTION, ...data, rags: RAGS, ragTags: RAG_TAGS });
  });

  const progressPage = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const data = await actionPage(reply.request.ctx(), id);
    if (!data.mayUpdate) throw new ForbiddenError('Only the review chair and managers of the agency that owns this action can update it.');
    return reply.status(errors?.summary.length ? 400 : 200).page(view('progress-form'), {
      title: 'Update progress', section: SECTION, ...data, values: { version: data.action.version, ...values }, errors: errors ?? noErrors(), ragItems: codeItems(RAGS, String(values.rag ?? '')), ragTags: RAG_TAGS, isChair: reply.request.ctx().actor.roles.includes('review_chair'),
    });
  };

  app.get('/practice-reviews/actions/:id/update', async (request, reply) => {
    const id = uuidParam(request.params);
    const data = await actionPage(request.ctx(), id);
    return progressPage(reply, id, { rag: data.action.rag, completedOn: dateParts(null) });
  });

  app.post('/practice-reviews/actions/:id/update', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'reviews.track');
    const id = uuidParam(request.params);
    const { values, parsed, errors, entered } = readDatedForm(formOf(request), PROGRESS);
    return guarded(reply, { backHref: actionHref(id), backText: 'Back to the action', section: SECTION, entered }, async () => {
      if (!parsed.success || errors.summary.length) return progressPage(reply, id, values, errors);
      try {
        await updateProgress(ctx, id, parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return progressPage(reply, id, values, addError(noErrors(), error.field in PROGRESS.dates ? `${error.field}-day` : error.field, error.message));
        throw error;
      }
      return reply.redirect(actionHref(id), 303);
    });
  });

  app.get('/practice-reviews/briefings', async (request, reply) => {
    const ctx = request.ctx();
    const rows = await briefingList(ctx);
    return reply.page(view('briefings'), { title: 'Learning briefings', section: SECTION, rows, mayIssue: ctx.actor.roles.includes('review_chair') });
  });

  const briefingForm = async (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) => {
    const reviews = await briefingChoices(reply.request.ctx());
    return reply.status(errors?.summary.length ? 400 : 200).page(view('briefing-form'), {
      title: 'Issue a learning briefing', section: SECTION, values, errors: errors ?? noErrors(),
      reviewItems: codeItems(Object.fromEntries(reviews.map((r) => [r.id, `${r.reference}: ${r.title}`])), (values.reviewIds ?? []) as string[]),
    });
  };

  app.get('/practice-reviews/briefings/new', async (request, reply) => briefingForm(reply, { issuedOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() }));

  app.post('/practice-reviews/briefings/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'reviews.work');
    const { values, parsed, errors, entered } = readDatedForm(formOf(request), BRIEFING);
    return guarded(reply, { backHref: '/practice-reviews/briefings', backText: 'Back to learning briefings', section: SECTION, entered }, async () => {
      if (!parsed.success || errors.summary.length) return briefingForm(reply, values, errors);
      try {
        const id = await issueBriefing(ctx, { ...parsed.data, idempotencyKey: values.idempotencyKey });
        return reply.redirect(`/practice-reviews/briefings/${id}`, 303);
      } catch (error) {
        if (error instanceof FieldProblem) return briefingForm(reply, values, addError(noErrors(), error.field === 'issuedOn' ? 'issuedOn-day' : error.field, error.message));
        throw error;
      }
    });
  });

  app.get('/practice-reviews/briefings/:id', async (request, reply) => {
    const data = await briefingPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('briefing'), { title: data.briefing.title, section: SECTION, ...data, mayOpenReviews: request.ctx().actor.roles.includes('review_chair') });
  });
};
