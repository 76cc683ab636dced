import type { FastifyInstance } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { pickedOne } from '../people/who-step.ts';
import { newRecordRoutes, peopleIn } from '../people/who-step-routes.ts';
import { DASH_HIGH_RISK, REFERRING_AGENCIES, RISK_BASES } from './labels.ts';
import { REFERRAL_FORM } from './new-referral-form.ts';
import { referCase } from './service.ts';

/**
 * Referring a case: first who it is about (the victim, the alleged perpetrator and the children in the household,
 * found in the person index or added to it), then the referral and the risk.
 */
export async function newReferralRoutes(app: FastifyInstance) {
  newRecordRoutes(app, {
    path: '/marac/new',
    action: 'marac.work',
    section: 'marac',
    who: {
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
    },
    whoPage: { template: 'domains/marac/views/new-people.njk', title: 'Who is the referral about?' },
    details: {
      template: 'domains/marac/views/new-details.njk',
      title: 'About the referral',
      defaults: () => ({ referredOn: dateParts(ukToday()) }),
      context: (_ctx, parts) => ({
        victim: peopleIn(parts, 'victim')[0], perpetrator: peopleIn(parts, 'perpetrator')[0], children: peopleIn(parts, 'child'),
        codes: { agencies: REFERRING_AGENCIES, riskBases: RISK_BASES, dashHighRisk: DASH_HIGH_RISK },
      }),
    },
    form: REFERRAL_FORM,
    save: async (ctx, input, picked, idempotencyKey) =>
      `/marac/cases/${await referCase(ctx, { ...input, victimId: pickedOne(picked, 'victim')!, perpetratorId: pickedOne(picked, 'perpetrator'), childIds: picked.child!, idempotencyKey })}`,
    peopleFields: ['victim', 'perpetrator', 'children'],
  });
}
