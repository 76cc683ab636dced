import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { idempotencyKeyOf } from '../../platform/http/forms.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import type { FormBody } from '../../platform/views/form-fields.ts';
import { handleWhoStep, peopleIn, type Picked, pickedOne, pickedParts, type WhoPage, type WhoStep, whoView } from '../people/who-step.ts';
import { CATEGORIES, REFERRING_AGENCIES, SECTORS } from './labels.ts';
import { readConcern } from './new-concern-form.ts';
import { recordConcern } from './service.ts';

const PEOPLE = 'domains/lado/views/new-people.njk';
const DETAILS = 'domains/lado/views/new-details.njk';
const codes = { sectors: SECTORS, agencies: REFERRING_AGENCIES, categories: CATEGORIES };

const WHO: WhoStep = {
  parts: [
    { key: 'adult', adult: true, heading: 'The adult the concern is about', role: 'The adult the concern is about', pick: 'as the adult', empty: 'Not chosen yet.' },
    {
      key: 'child', adult: false, many: true, heading: 'Children involved (optional)', role: 'A child involved', pick: 'as a child involved',
      empty: 'None. Add any children the concern involves: their chronology will say that a concern about an adult who works with them was referred, and nothing more.',
    },
  ],
  required: { key: 'adult', message: 'Choose the adult the concern is about' },
  findHeading: 'Find the adult or a child',
  roleLegend: 'Who are they on this concern?',
};

async function peoplePage(request: FastifyRequest, reply: FastifyReply, picked: Picked, idempotencyKey: string, page: WhoPage = {}) {
  const who = await whoView(request.ctx(), WHO, picked, page);
  return reply.status(page.status ?? 200).page(PEOPLE, { title: 'Who is the concern about?', section: 'lado', idempotencyKey, who, errors: who.errors });
}

async function detailsPage(request: FastifyRequest, reply: FastifyReply, picked: Picked, values: Record<string, unknown>, errors?: FormErrors) {
  const parts = await pickedParts(request.ctx(), WHO, picked);
  return reply.status(errors?.summary.length ? 400 : 200).page(DETAILS, {
    title: 'About the concern', section: 'lado', parts, adult: peopleIn(parts, 'adult')[0], children: peopleIn(parts, 'child'), values, errors: errors ?? noErrors(), codes,
  });
}

/**
 * Recording a concern: first who it is about (the adult, and any children involved, found in the person index
 * or added to it), then what it is.
 */
export async function newConcernRoutes(app: FastifyInstance) {
  app.get('/lado/new', async (request, reply) => {
    authorise(request.ctx(), 'lado.work');
    return peoplePage(request, reply, { adult: [], child: [] }, idempotencyKeyOf());
  });

  app.post('/lado/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'lado.work');
    const body = (request.body ?? {}) as FormBody;
    const idempotencyKey = idempotencyKeyOf(body);
    const who = await handleWhoStep(ctx, body, WHO);
    if ('page' in who) return peoplePage(request, reply, who.picked, idempotencyKey, who.page);
    if (who.next === 'continue') return detailsPage(request, reply, who.picked, { receivedOn: dateParts(ukToday()), idempotencyKey });
    const form = readConcern(body);
    if (!form.input) return detailsPage(request, reply, who.picked, form.values, form.errors);
    try {
      const id = await recordConcern(ctx, { ...form.input, adultId: pickedOne(who.picked, 'adult')!, childIds: who.picked.child!, idempotencyKey });
      return reply.redirect(`/lado/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      if (error.field === 'adult' || error.field === 'children') return peoplePage(request, reply, who.picked, idempotencyKey, { errors: addError(noErrors(), 'searchName', error.message), status: 400 });
      return detailsPage(request, reply, who.picked, form.values, addError(noErrors(), error.field === 'receivedOn' ? 'receivedOn-day' : error.field, error.message));
    }
  });
}
