import type { FastifyInstance } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { pickedOne } from '../people/who-step.ts';
import { newRecordRoutes, peopleIn } from '../people/who-step-routes.ts';
import { CATEGORIES, REFERRING_AGENCIES, SECTORS } from './labels.ts';
import { CONCERN_FORM } from './new-concern-form.ts';
import { recordConcern } from './service.ts';

/**
 * Recording a concern: first who it is about (the adult, and any children involved, found in the person index
 * or added to it), then what it is.
 */
export async function newConcernRoutes(app: FastifyInstance) {
  newRecordRoutes(app, {
    path: '/lado/new',
    action: 'lado.work',
    section: 'lado',
    who: {
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
    },
    whoPage: { template: 'domains/lado/views/new-people.njk', title: 'Who is the concern about?' },
    details: {
      template: 'domains/lado/views/new-details.njk',
      title: 'About the concern',
      defaults: () => ({ receivedOn: dateParts(ukToday()) }),
      context: (_ctx, parts) => ({ adult: peopleIn(parts, 'adult')[0], children: peopleIn(parts, 'child'), codes: { sectors: SECTORS, agencies: REFERRING_AGENCIES, categories: CATEGORIES } }),
    },
    form: CONCERN_FORM,
    save: async (ctx, input, picked, idempotencyKey) => `/lado/${await recordConcern(ctx, { ...input, adultId: pickedOne(picked, 'adult')!, childIds: picked.child!, idempotencyKey })}`,
    peopleFields: ['adult', 'children'],
  });
}
