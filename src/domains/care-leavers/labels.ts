import type { CareLeaverClosureReason, CareLeaverEligibility } from '../../db/types-social-care.ts';
import { stateMachine } from '../../platform/state-machine.ts';

/** The four care leaver statuses of the Children (Leaving Care) Act 2000, in plain words. */
export const ELIGIBILITY_LABELS: Record<CareLeaverEligibility, { name: string; explanation: string }> = {
  eligible: {
    name: 'Eligible',
    explanation: 'Aged 16 or 17, still in care, and looked after for at least 13 weeks since the age of 14 (ending after their 16th birthday).',
  },
  relevant: {
    name: 'Relevant',
    explanation: 'Aged 16 or 17, has left care, and was an eligible child before leaving.',
  },
  former_relevant: {
    name: 'Former relevant',
    explanation: 'Aged 18 to 25, and was an eligible or relevant child: entitled to a personal adviser and a pathway plan.',
  },
  qualifying: {
    name: 'Qualifying',
    explanation: 'Aged 16 to 25, looked after at some time after turning 16 but not eligible (for example, in care for less than 13 weeks): entitled to advice and assistance.',
  },
};

export const CLOSURE_REASONS: Record<CareLeaverClosureReason, string> = {
  reached_25: 'Reached 25',
  no_longer_needs: 'No longer needs or wants services',
  moved_away: 'Moved to another local authority, which now supports them',
  returned_to_care: 'Returned to care',
  died: 'Died',
};

/** A record is open while the council supports the young person; reopening follows a return to need. */
export const CARE_LEAVER_MACHINE = stateMachine<'open' | 'closed'>(
  'care leaver record',
  { open: ['closed'], closed: ['open'] },
  { open: 'Open', closed: 'Closed' },
);
