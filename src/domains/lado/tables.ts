import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';

/** A text[] column: always an array when read, optional when inserted. */
type TextList = ColumnType<string[], string[] | undefined, string[]>;

export type LadoDecision = 'meeting' | 'advice_only';

/** A concern or allegation about an adult who works with children (migration 0010). */
export interface LadoCasesTable extends Standard {
  id: Generated<string>;
  adult_id: string;
  adult_role: string;
  employer: string;
  sector: string;
  referring_agency: string;
  referrer_name: string;
  received_on: DateColumn;
  category: string;
  allegation: string;
  consideration_due: DateColumn;
  decision: LadoDecision | null;
  decided_on: DateColumn | null;
  decision_reasons: string | null;
  decided_by: string | null;
  police_informed_on: DateColumn | null;
  employer_informed_on: DateColumn | null;
  dbs_referred_on: DateColumn | null;
  regulator: string | null;
  regulator_informed_on: DateColumn | null;
  outcome: string | null;
  sanctions: TextList;
  closed_on: DateColumn | null;
  closure_notes: string | null;
}

export interface LadoCaseChildrenTable {
  case_id: string;
  person_id: string;
}

export interface LadoMeetingsTable extends Standard {
  id: Generated<string>;
  case_id: string;
  held_on: DateColumn;
  summary: string;
  next_meeting_on: DateColumn | null;
}

export interface LadoMeetingAttendeesTable {
  meeting_id: string;
  position: number;
  name: string;
  agency: string;
}

export interface LadoActionsTable extends Standard {
  id: Generated<string>;
  case_id: string;
  meeting_id: string;
  what: string;
  owner: string;
  due_on: DateColumn;
  done_on: DateColumn | null;
}

export interface LadoTables {
  lado_cases: LadoCasesTable;
  lado_case_children: LadoCaseChildrenTable;
  lado_meetings: LadoMeetingsTable;
  lado_meeting_attendees: LadoMeetingAttendeesTable;
  lado_actions: LadoActionsTable;
}
