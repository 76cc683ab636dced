import { isTemporaryPlacement } from '../../platform/codes/ssda903.ts';
import { stateMachine } from '../../platform/state-machine.ts';

/**
 * Where a child's period of care stands, and what may follow what. A period starts in a placement (never a
 * temporary one, 903 rule 380); a placement may change to another or to a temporary one and back; it ends only
 * from a placement that is not temporary (rule 381); once ended nothing follows (a child who comes back into care
 * starts a new period).
 */
export type PeriodState = 'not_looked_after' | 'placed' | 'temporary' | 'ended';

export const periodMachine = stateMachine<PeriodState>(
  'period of care',
  {
    not_looked_after: ['placed'],
    placed: ['placed', 'temporary', 'ended'],
    temporary: ['placed', 'temporary'],
    ended: [],
  },
  {
    not_looked_after: 'Not started',
    placed: 'In placement',
    temporary: 'In a temporary placement',
    ended: 'Ended',
  },
);

/** The state a period is in from its end date and its current placement. */
export const periodState = (period: { end_date: string | null } | null, currentPlacement: string | null): PeriodState =>
  !period ? 'not_looked_after' : period.end_date ? 'ended' : currentPlacement && isTemporaryPlacement(currentPlacement) ? 'temporary' : 'placed';

/** The state a placement of this type puts an open period in. */
export const stateForPlacement = (placementType: string): PeriodState => (isTemporaryPlacement(placementType) ? 'temporary' : 'placed');
