import type { FastifyInstance } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { codeItems } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { newRecordRoutes, peopleIn } from '../people/who-step-routes.ts';
import { REFERRAL_FORM } from './new-review-form.ts';
import * as repo from './repository.ts';
import { referReview } from './service.ts';

/** Referring a case for review: first the children (found in the person index or added to it), then the incident. */
export async function newReviewRoutes(app: FastifyInstance) {
  newRecordRoutes(app, {
    path: '/practice-reviews/new',
    action: 'reviews.work',
    section: 'practice-reviews',
    who: {
      parts: [
        {
          key: 'child', adult: false, many: true, heading: 'Children the review is about', role: 'A child the review is about', pick: 'as a child the review is about',
          empty: 'None chosen yet. Each child’s chronology will say that the case was referred for a practice review, and nothing more.',
        },
      ],
      required: { key: 'child', message: 'Choose the child or children the review is about' },
      findHeading: 'Find the child',
      roleLegend: 'Who are they on this review?',
    },
    whoPage: { template: 'domains/practice-reviews/views/new-children.njk', title: 'Which children is the review about?' },
    details: {
      template: 'domains/practice-reviews/views/new-details.njk',
      title: 'About the serious incident',
      defaults: () => ({ incidentOn: {}, awareOn: dateParts(ukToday()) }),
      context: async (ctx, parts, values) => ({
        children: peopleIn(parts, 'child'),
        agencyItems: codeItems(Object.fromEntries((await repo.agencies(ctx.db)).map((a) => [a.id, a.name])), String(values.referringAgencyId ?? ''), { blank: 'Select an agency' }),
      }),
    },
    form: REFERRAL_FORM,
    save: async (ctx, input, picked, idempotencyKey) => `/practice-reviews/${await referReview(ctx, { ...input, childIds: picked.child!, idempotencyKey })}`,
    peopleFields: ['children'],
  });
}
