import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { codeItems, idempotencyKeyOf } from '../../platform/http/forms.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import type { FormBody } from '../../platform/views/form-fields.ts';
import { handleWhoStep, peopleIn, type Picked, pickedParts, type WhoPage, type WhoStep, whoView } from '../people/who-step.ts';
import { readReferral } from './new-review-form.ts';
import * as repo from './repository.ts';
import { referReview } from './service.ts';

const PEOPLE = 'domains/practice-reviews/views/new-children.njk';
const DETAILS = 'domains/practice-reviews/views/new-details.njk';
const SECTION = 'practice-reviews';

const WHO: WhoStep = {
  parts: [
    {
      key: 'child', adult: false, many: true, heading: 'Children the review is about', role: 'A child the review is about', pick: 'as a child the review is about',
      empty: 'None chosen yet. Each child’s chronology will say that the case was referred for a practice review, and nothing more.',
    },
  ],
  required: { key: 'child', message: 'Choose the child or children the review is about' },
  findHeading: 'Find the child',
  roleLegend: 'Who are they on this review?',
};

async function childrenPage(request: FastifyRequest, reply: FastifyReply, picked: Picked, idempotencyKey: string, page: WhoPage = {}) {
  const who = await whoView(request.ctx(), WHO, picked, page);
  return reply.status(page.status ?? 200).page(PEOPLE, { title: 'Which children is the review about?', section: SECTION, idempotencyKey, who, errors: who.errors });
}

async function detailsPage(request: FastifyRequest, reply: FastifyReply, picked: Picked, values: Record<string, unknown>, errors?: FormErrors) {
  const ctx = request.ctx();
  const parts = await pickedParts(ctx, WHO, picked);
  const agencies = await repo.agencies(ctx.db);
  return reply.status(errors?.summary.length ? 400 : 200).page(DETAILS, {
    title: 'About the serious incident',
    section: SECTION,
    parts,
    children: peopleIn(parts, 'child'),
    agencyItems: codeItems(Object.fromEntries(agencies.map((a) => [a.id, a.name])), String(values.referringAgencyId ?? ''), { blank: 'Select an agency' }),
    values,
    errors: errors ?? noErrors(),
  });
}

/** Referring a case for review: first the children (found in the person index or added to it), then the incident. */
export async function newReviewRoutes(app: FastifyInstance) {
  app.get('/practice-reviews/new', async (request, reply) => {
    authorise(request.ctx(), 'reviews.work');
    return childrenPage(request, reply, { child: [] }, idempotencyKeyOf());
  });

  app.post('/practice-reviews/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'reviews.work');
    const body = (request.body ?? {}) as FormBody;
    const idempotencyKey = idempotencyKeyOf(body);
    const who = await handleWhoStep(ctx, body, WHO);
    if ('page' in who) return childrenPage(request, reply, who.picked, idempotencyKey, who.page);
    if (who.next === 'continue') return detailsPage(request, reply, who.picked, { incidentOn: {}, awareOn: dateParts(ukToday()), idempotencyKey });
    const form = readReferral(body);
    if (!form.input) return detailsPage(request, reply, who.picked, form.values, form.errors);
    try {
      const id = await referReview(ctx, { ...form.input, childIds: who.picked.child!, idempotencyKey });
      return reply.redirect(`/practice-reviews/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      if (error.field === 'children') return childrenPage(request, reply, who.picked, idempotencyKey, { errors: addError(noErrors(), 'searchName', error.message), status: 400 });
      const field = ['incidentOn', 'awareOn'].includes(error.field) ? `${error.field}-day` : error.field;
      return detailsPage(request, reply, who.picked, form.values, addError(noErrors(), field, error.message));
    }
  });
}
