import type { Selectable } from 'kysely';
import type { MissingEpisodesTable } from '../../db/types-social-care.ts';
import { stateMachine } from '../../platform/state-machine.ts';

/**
 * A missing episode from report to return home interview. The state is not stored: it is read from the moments
 * recorded (returned, offered, answered, completed), so the columns and the state can never disagree.
 */
export type MissingState = 'missing' | 'returned' | 'offered' | 'accepted' | 'declined' | 'completed';

export const MISSING_MACHINE = stateMachine<MissingState>(
  'missing episode',
  {
    missing: ['returned'],
    returned: ['offered'],
    offered: ['accepted', 'declined'],
    accepted: ['completed'],
    declined: [],
    completed: [],
  },
  {
    missing: 'Open (the child has not returned)',
    returned: 'Returned',
    offered: 'Offered a return home interview',
    accepted: 'Accepted for interview',
    declined: 'Declined an interview',
    completed: 'Interviewed',
  },
);

/** How each state reads on pages. */
export const STATE_TAGS: Record<MissingState, { text: string; colour: string }> = {
  missing: { text: 'Missing now', colour: 'red' },
  returned: { text: 'Returned: interview to offer', colour: 'yellow' },
  offered: { text: 'Interview offered', colour: 'blue' },
  accepted: { text: 'Interview accepted', colour: 'blue' },
  declined: { text: 'Interview declined', colour: 'grey' },
  completed: { text: 'Interview completed', colour: 'green' },
};

type EpisodeMoments = Pick<Selectable<MissingEpisodesTable>, 'returned_at' | 'interview_offered_at' | 'interview_accepted' | 'interview_completed_at'>;

export function stateOf(e: EpisodeMoments): MissingState {
  if (!e.returned_at) return 'missing';
  if (e.interview_completed_at) return 'completed';
  if (e.interview_accepted === false) return 'declined';
  if (e.interview_accepted === true) return 'accepted';
  if (e.interview_offered_at) return 'offered';
  return 'returned';
}

/** The 72-hour clock runs from the return until the interview is held or declined. */
export const interviewClockRuns = (state: MissingState) => state === 'returned' || state === 'offered' || state === 'accepted';
