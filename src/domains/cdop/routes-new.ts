import type { FastifyInstance } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { pickedOne } from '../people/who-step.ts';
import { newRecordRoutes, peopleIn } from '../people/who-step-routes.ts';
import { AGENCIES, EXPECTATIONS, PLACES, RAPID_RESPONSES } from './labels.ts';
import { NOTIFICATION_FORM } from './notification-form.ts';
import { notifyDeath } from './service.ts';

export const notificationCodes = { places: PLACES, expectations: EXPECTATIONS, rapidResponses: RAPID_RESPONSES, agencies: AGENCIES };

/**
 * Notifying a death: first which child (found in the person index or added to it), then when, where and how the
 * child died and who told the panel.
 */
export async function newNotificationRoutes(app: FastifyInstance) {
  newRecordRoutes(app, {
    path: '/cdop/new',
    action: 'cdop.work',
    section: 'cdop',
    who: {
      parts: [
        {
          key: 'child', adult: false, heading: 'The child who died', role: 'The child who died', pick: 'as the child who died',
          empty: 'Not chosen yet. The child’s chronology will say only that their death was notified to the panel for review.',
        },
      ],
      required: { key: 'child', message: 'Choose the child who died' },
      findHeading: 'Find the child',
      roleLegend: 'Who are they on this notification?',
    },
    whoPage: { template: 'domains/cdop/views/new-child.njk', title: 'Which child has died?' },
    details: {
      template: 'domains/cdop/views/new-details.njk',
      title: 'About the death',
      defaults: () => ({ notifiedOn: dateParts(ukToday()) }),
      context: (_ctx, parts) => ({ child: peopleIn(parts, 'child')[0], codes: notificationCodes }),
    },
    form: NOTIFICATION_FORM,
    save: async (ctx, input, picked, idempotencyKey) => `/cdop/${await notifyDeath(ctx, { ...input, childId: pickedOne(picked, 'child')!, idempotencyKey })}`,
    peopleFields: ['child'],
  });
}
