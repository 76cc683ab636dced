import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { idempotencyKeyOf } from '../../platform/http/forms.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import type { FormBody } from '../../platform/views/form-fields.ts';
import { handleWhoStep, peopleIn, type Picked, pickedOne, pickedParts, type WhoPage, type WhoStep, whoView } from '../people/who-step.ts';
import { DASH_HIGH_RISK, REFERRING_AGENCIES, RISK_BASES } from './labels.ts';
import { readReferral } from './new-referral-form.ts';
import { referCase } from './service.ts';

const PEOPLE = 'domains/marac/views/new-people.njk';
const DETAILS = 'domains/marac/views/new-details.njk';
const codes = { agencies: REFERRING_AGENCIES, riskBases: RISK_BASES, dashHighRisk: DASH_HIGH_RISK };

const WHO: WhoStep = {
  parts: [
    { key: 'victim', adult: true, heading: 'The victim', role: 'The victim', pick: 'as the victim', empty: 'Not chosen yet.' },
    { key: 'perpetrator', adult: true, heading: 'The alleged perpetrator (optional)', role: 'The alleged perpetrator', pick: 'as the alleged perpetrator', empty: 'Not chosen.' },
    {
      key: 'child', adult: false, many: true, heading: 'Children in the household', role: 'A child in the household', pick: 'as a child in the household',
      empty: 'None. Add the children who live in the household: their chronology will say that they were discussed at MARAC, and nothing more.',
    },
  ],
  required: { key: 'victim', message: 'Choose the victim' },
  findHeading: 'Find the victim, the alleged perpetrator or a child',
  roleLegend: 'Who are they on this referral?',
};

async function peoplePage(request: FastifyRequest, reply: FastifyReply, picked: Picked, idempotencyKey: string, page: WhoPage = {}) {
  const who = await whoView(request.ctx(), WHO, picked, page);
  return reply.status(page.status ?? 200).page(PEOPLE, { title: 'Who is the referral about?', section: 'marac', idempotencyKey, who, errors: who.errors });
}

async function detailsPage(request: FastifyRequest, reply: FastifyReply, picked: Picked, values: Record<string, unknown>, errors?: FormErrors) {
  const parts = await pickedParts(request.ctx(), WHO, picked);
  return reply.status(errors?.summary.length ? 400 : 200).page(DETAILS, {
    title: 'About the referral', section: 'marac', parts, values, errors: errors ?? noErrors(), codes,
    victim: peopleIn(parts, 'victim')[0], perpetrator: peopleIn(parts, 'perpetrator')[0], children: peopleIn(parts, 'child'),
  });
}

/**
 * Referring a case: first who it is about (the victim, the alleged perpetrator and the children in the household,
 * found in the person index or added to it), then the referral and the risk.
 */
export async function newReferralRoutes(app: FastifyInstance) {
  app.get('/marac/new', async (request, reply) => {
    authorise(request.ctx(), 'marac.work');
    return peoplePage(request, reply, { victim: [], perpetrator: [], child: [] }, idempotencyKeyOf());
  });

  app.post('/marac/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'marac.work');
    const body = (request.body ?? {}) as FormBody;
    const idempotencyKey = idempotencyKeyOf(body);
    const who = await handleWhoStep(ctx, body, WHO);
    if ('page' in who) return peoplePage(request, reply, who.picked, idempotencyKey, who.page);
    if (who.next === 'continue') return detailsPage(request, reply, who.picked, { referredOn: dateParts(ukToday()), idempotencyKey });
    const form = readReferral(body);
    if (!form.input) return detailsPage(request, reply, who.picked, form.values, form.errors);
    try {
      const id = await referCase(ctx, {
        ...form.input, victimId: pickedOne(who.picked, 'victim')!, perpetratorId: pickedOne(who.picked, 'perpetrator'), childIds: who.picked.child!, idempotencyKey,
      });
      return reply.redirect(`/marac/cases/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      if (['victim', 'perpetrator', 'children'].includes(error.field)) return peoplePage(request, reply, who.picked, idempotencyKey, { errors: addError(noErrors(), 'searchName', error.message), status: 400 });
      return detailsPage(request, reply, who.picked, form.values, addError(noErrors(), error.field === 'referredOn' ? 'referredOn-day' : error.field, error.message));
    }
  });
}
