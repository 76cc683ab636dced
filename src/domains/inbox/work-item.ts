import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { ClockStatus } from '../../platform/calendar/clocks.ts';

/**
 * One thing someone has to do, as the work inbox lists it. Each capability says what work it holds in its own
 * `inbox.ts` (a `WorkSource`); the inbox gathers them. Status comes from the due date and today, never stored.
 */
export interface WorkItem {
  kind: string;
  /** What to do, in the user's words: "Threshold decision due", "Review overdue". */
  title: string;
  /** Who or what it is about (a child's name, a panel): shown only to people who may see it. */
  subject: string;
  /** The child it is about, when there is one: the inbox hides the name from anyone who may not open the record. */
  personId: string | null;
  href: string;
  due: string | null;
  status: ClockStatus | 'info';
  /** The user it is for: managers see their team's items with this name beside them. */
  assigneeId: string;
}

export interface WorkQuery {
  db: Kysely<Database>;
  /** The users whose work to list: the signed-in user, or everyone in a manager's teams. */
  userIds: readonly string[];
  /** Agencies of those users: work addressed to an agency (a multi-agency check) rather than a person. */
  agencyIds: readonly string[];
  /** Whether the work owner sits on the front door (children's social care practitioners and managers). */
  frontDoor: boolean;
  today: string;
  /** Only the number of items and their clocks are wanted (the header count): sources may skip looking up names. */
  countOnly?: boolean;
}

export type WorkSource = (query: WorkQuery) => Promise<WorkItem[]>;
