import type { PracticeChanged, ValidationDecision } from './tables.ts';

export const LEVELS: Record<string, string> = {
  '1': 'Level 1: awareness, for everyone who works with children',
  '2': 'Level 2: for those who work regularly with children and families',
  '3': 'Level 3: for qualified practitioners who assess and plan',
};
export const levelName = (level: number) => `Level ${level}`;

/** The immediate evaluation's questions, each rated 1 (poor) to 5 (excellent). */
export const RATING_QUESTIONS = {
  contentRating: 'How good was the content of the course?',
  trainerRating: 'How good was the trainer?',
  relevanceRating: 'How relevant was it to your work?',
  overallRating: 'Overall, how would you rate the course?',
} as const;
export type RatingField = keyof typeof RATING_QUESTIONS;
export const RATINGS: Record<string, string> = { '1': '1 Poor', '2': '2 Fair', '3': '3 Good', '4': '4 Very good', '5': '5 Excellent' };

export const PRACTICE_CHANGED: Record<PracticeChanged, string> = {
  a_lot: 'A lot',
  a_little: 'A little',
  not_yet: 'Not yet, but I expect it to',
  not_at_all: 'Not at all',
};

export const VALIDATION_DECISIONS: Record<ValidationDecision, string> = {
  validated: 'Validated',
  conditions: 'Validated with conditions',
  not_validated: 'Not validated',
};

export const BOOKING_STATUS: Record<string, string> = { booked: 'Booked', waiting: 'On the waiting list', cancelled: 'Cancelled' };
export const ATTENDANCE: Record<string, string> = { attended: 'Attended', no_show: 'Did not attend' };

/** A cancellation this close to the session (in working days) counts as late: the place is hard to fill. */
export const LATE_CANCELLATION_WORKING_DAYS = 2;
