import type { Rating, ReturnStatus } from './tables.ts';

/** How an agency rates itself against a standard, in the order the summary reports them. */
export const RATINGS: Record<Rating, string> = {
  met: 'Met',
  partly_met: 'Partly met',
  not_met: 'Not met',
  unanswered: 'Not answered',
};

export const RATING_TAGS: Record<Rating, { text: string; colour: string }> = {
  met: { text: 'Met', colour: 'green' },
  partly_met: { text: 'Partly met', colour: 'yellow' },
  not_met: { text: 'Not met', colour: 'red' },
  unanswered: { text: 'Not answered', colour: 'grey' },
};

export const STATUSES: Record<ReturnStatus, { text: string; colour: string }> = {
  not_started: { text: 'Not started', colour: 'grey' },
  draft: { text: 'Draft', colour: 'blue' },
  submitted: { text: 'Submitted', colour: 'green' },
};

/** A rating short of met needs the agency's improvement action and its date. */
export const needsAction = (rating: Rating) => rating === 'partly_met' || rating === 'not_met';

export const ROUND_SOURCE = 'section11_round';
export const RETURN_SOURCE = 'section11_return';

/** Section 11 sits under the Partnership navigation item. */
export const SECTION = 'partnership';
export const view = (name: string) => `domains/section11/views/${name}.njk`;
