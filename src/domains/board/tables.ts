import type { Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

export type BoardRole = 'chair' | 'vice_chair' | 'member' | 'participant_observer' | 'adviser';
export type MeetingKind = 'board' | 'development_day' | 'extraordinary';
export type AttendanceStatus = 'attended' | 'apologies' | 'deputy' | 'absent';
export type Rag = 'red' | 'amber' | 'green' | 'complete';
export type WorkItemStatus = 'not_started' | 'in_progress' | 'done';

/** A seat on the board, held by a named person for an agency from one date (to another, once they leave). */
export interface BoardMembersTable extends Standard {
  id: Generated<string>;
  name: string;
  role: BoardRole;
  agency_id: string;
  from_on: DateColumn;
  to_on: DateColumn | null;
  /** The member's own Cairn account, when they have one. */
  user_id: string | null;
  idempotency_key: string | null;
}

export interface BoardMeetingsTable extends Standard {
  id: Generated<string>;
  held_on: DateColumn;
  kind: MeetingKind;
  /** The agenda, one item a line. */
  agenda: string;
  idempotency_key: string | null;
}

export interface BoardAttendanceTable {
  meeting_id: string;
  member_id: string;
  status: AttendanceStatus;
}

export interface BoardDecisionsTable extends Standard {
  id: Generated<string>;
  meeting_id: string;
  text: string;
  lead: string;
  due_on: DateColumn | null;
  idempotency_key: string | null;
}

/** An agency's contribution to the board's budget for the financial year starting in April of `year_start`. */
export interface BoardContributionsTable extends Standard {
  id: Generated<string>;
  agency_id: string;
  year_start: number;
  /** Money in whole pence. */
  agreed_pence: number;
  received_pence: Generated<number>;
}

export interface BoardPlansTable extends Standard {
  id: Generated<string>;
  title: string;
  starts_on: DateColumn;
  ends_on: DateColumn;
  copied_from_id: string | null;
  idempotency_key: string | null;
}

export interface BoardPrioritiesTable extends Standard {
  id: Generated<string>;
  plan_id: string;
  number: number;
  title: string;
  idempotency_key: string | null;
}

export interface BoardActionsTable extends Standard {
  id: Generated<string>;
  priority_id: string;
  what: string;
  agency_id: string;
  /** The named lead, as the plan prints it ("Head of Safeguarding, Brackenshire Police"). */
  lead: string;
  subgroup_id: string | null;
  due_on: DateColumn;
  rag: Rag;
  evidence: string | null;
  completed_on: DateColumn | null;
  /** The open action of an earlier plan this one carries forward. */
  carried_from_id: string | null;
  idempotency_key: string | null;
}

export interface BoardActionUpdatesTable {
  id: Generated<string>;
  action_id: string;
  recorded_on: DateColumn;
  rag: Rag;
  note: string;
  created_at: Moment;
  created_by: string | null;
}

export interface BoardSubgroupsTable extends Standard {
  id: Generated<string>;
  name: string;
  chair: string;
  terms_of_reference: string;
  /** Who sits on it, one a line (names and agencies as text: sub-group members need not be board members). */
  members: string;
}

export interface BoardWorkItemsTable extends Standard {
  id: Generated<string>;
  subgroup_id: string;
  what: string;
  owner: string;
  due_on: DateColumn;
  status: WorkItemStatus;
  priority_id: string | null;
  idempotency_key: string | null;
}

/** This capability's tables (migration 0032). */
export interface BoardTables {
  board_members: BoardMembersTable;
  board_meetings: BoardMeetingsTable;
  board_attendance: BoardAttendanceTable;
  board_decisions: BoardDecisionsTable;
  board_contributions: BoardContributionsTable;
  board_plans: BoardPlansTable;
  board_priorities: BoardPrioritiesTable;
  board_actions: BoardActionsTable;
  board_action_updates: BoardActionUpdatesTable;
  board_subgroups: BoardSubgroupsTable;
  board_work_items: BoardWorkItemsTable;
}
