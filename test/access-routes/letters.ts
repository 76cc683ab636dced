import { person, type Rule } from './rules.ts';

/**
 * Letters on a child's record are children's social care's work (`socialcare.work` on the child: the child visible,
 * the user social care staff, conference chairs included). Each route decides on the child before it looks up the
 * letter type or the record it is filled from, so a random id is 403 to those refused and 404 to the rest.
 */
export const LETTER_ROUTES: Record<string, Rule> = {
  'GET /people/:id/letters': person('socialcare.work'),
  'GET /people/:id/letters/:type/:sourceId': person('socialcare.work'),
  'POST /people/:id/letters/:type/:sourceId': person('socialcare.work'),
};
