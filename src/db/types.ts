import type {
  ContactChecksTable,
  ContactPeopleTable,
  ContactsTable,
  EarlyHelpActionsTable,
  EarlyHelpAssessmentSectionsTable,
  EarlyHelpAssessmentsTable,
  EarlyHelpCasesTable,
  EarlyHelpOutcomesTable,
  EarlyHelpReviewsTable,
  PanelActionsTable,
  PanelAgendaItemsTable,
  PanelAttendanceTable,
  PanelMeetingsTable,
  PanelReferralsTable,
  PanelsTable,
  TacMembersTable,
  ThresholdDescriptorsTable,
  ThresholdDomainsTable,
  ThresholdLevelsTable,
} from './types-front-door.ts';
import type { SocialCareTables } from './types-social-care.ts';
import type { CaseAuditTables } from '../domains/case-audits/tables.ts';
import type { Section11Tables } from '../domains/section11/tables.ts';
import type { BoardTables } from '../domains/board/tables.ts';
import type { TrainingTables } from '../domains/training/tables.ts';
import type { SurveyTables } from '../domains/surveys/tables.ts';
import type { ChildsVoiceTables } from '../domains/childs-voice/tables.ts';
import type { PracticeToolTables } from '../domains/practice-tools/tables.ts';
import type { DatasetTables } from '../domains/dataset/tables.ts';
import type { LadoTables } from '../domains/lado/tables.ts';
import type { MaracTables } from '../domains/marac/tables.ts';
import type { DisagreementTables } from '../domains/disagreements/tables.ts';
import type { CdopTables } from '../domains/cdop/tables.ts';
import type { PracticeReviewTables } from '../domains/practice-reviews/tables.ts';
import type { PrivateFosteringTables } from '../domains/private-fostering/tables.ts';
import type { ForecastTables } from '../domains/forecast/tables.ts';
import type { OutsideHomeTables } from '../domains/outside-home/tables.ts';
import type { SarTables } from '../domains/governance/sar-tables.ts';
import type { RetentionTables } from '../domains/governance/retention-tables.ts';
import type { SingleSignOnTables } from '../platform/auth/oidc/tables.ts';
import type { PartnerApiTables } from '../domains/partner-api/tables.ts';
import type { DocumentTables } from '../domains/documents/tables.ts';
import type { NotificationTables } from '../platform/notifications/tables.ts';
import type { ReturnsTables } from '../domains/returns/tables.ts';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A `date` column: read as 'YYYY-MM-DD' text (see connection.ts type parsers), written as the same. */
export type DateColumn = string;
export type Moment = ColumnType<Date, Date | string | undefined, Date | string>;

export interface Standard {
  created_at: Moment;
  updated_at: Moment;
  created_by: string | null;
  version: Generated<number>;
}

export type AgencyKind =
  | 'social_care'
  | 'early_help'
  | 'police'
  | 'health'
  | 'education'
  | 'voluntary'
  | 'probation'
  | 'housing'
  | 'other';

export interface AgenciesTable extends Standard {
  id: Generated<string>;
  name: string;
  kind: AgencyKind;
}

export interface TeamsTable extends Standard {
  id: Generated<string>;
  agency_id: string;
  name: string;
}

export interface UsersTable extends Standard {
  id: Generated<string>;
  email: string;
  name: string;
  agency_id: string;
  roles: string[];
  password_hash: string | null;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  last_signed_in_at: Date | null;
}

export interface UserTeamsTable {
  user_id: string;
  team_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Moment;
  last_seen_at: Moment;
  expires_at: Date;
}

export interface PeopleTable extends Standard {
  id: Generated<string>;
  person_type: 'child' | 'unborn' | 'adult';
  given_name: string;
  family_name: string;
  date_of_birth: DateColumn | null;
  expected_date_of_delivery: DateColumn | null;
  /** Set when a child's death is notified to the Child Death Overview Panel. */
  date_of_death: DateColumn | null;
  /** Set when the record was destroyed under the retention schedule (migration 0021); the row stays for statistics. */
  destroyed_at: Moment | null;
  sex: 'M' | 'F' | 'U' | null;
  gender: string | null;
  ethnicity: string | null;
  nhs_number: string | null;
  upn: string | null;
  language: string | null;
  disabilities: ColumnType<string[], string[] | undefined, string[]>;
  restricted: Generated<boolean>;
  allocated_team_id: string | null;
  merged_into: string | null;
  search_name: string;
  /** The identifier on statutory returns (LAchildID, CHILD, Child Unique ID): stable, never reused (migration 0026). */
  return_id: Generated<string>;
}

export interface PersonNamesTable extends Standard {
  id: Generated<string>;
  person_id: string;
  given_name: string;
  family_name: string;
  kind: 'alias' | 'previous' | 'preferred' | 'merged';
  search_name: string;
}

export interface PersonAddressesTable extends Standard {
  id: Generated<string>;
  person_id: string;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  postcode_key: string;
  start_date: DateColumn;
  end_date: DateColumn | null;
}

export interface RelationshipsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  related_person_id: string;
  kind: string;
}

export type InvolvementBasis =
  | 'made_contact'
  | 'team_around_child'
  | 'consent'
  | 'lawful_basis'
  | 'created_record'
  | 'multi_agency_check'
  | 'early_help'
  | 'panel'
  | 'marac'
  | 'cdop'
  | 'practice_review';

export interface InvolvementsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  agency_id: string;
  basis: InvolvementBasis;
  detail: string | null;
  start_date: ColumnType<DateColumn, DateColumn | undefined, DateColumn>;
  end_date: DateColumn | null;
  /** The record that created the involvement (a Team Around the Child membership, a check): ending it ends this. */
  source_type: string | null;
  source_id: string | null;
}

export interface RestrictedAccessTable {
  person_id: string;
  user_id: string;
  created_at: Moment;
  created_by: string | null;
}

export interface BreakGlassTable {
  id: Generated<string>;
  person_id: string;
  user_id: string;
  reason: string;
  created_at: Moment;
  expires_at: Date;
}

export interface AlertsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  person_id: string | null;
  message: string;
  created_at: Moment;
  read_at: Date | null;
}

export interface ChronologyTable {
  id: Generated<string>;
  person_id: string;
  occurred_at: Date;
  entry_type: string;
  summary: string;
  agency_id: string | null;
  recorded_by: string | null;
  record_type: string | null;
  record_id: string | null;
  created_at: Moment;
}

export interface IdempotencyKeysTable {
  key: string;
  user_id: string;
  resource_type: string;
  resource_id: string;
  created_at: Moment;
}

export type AuditOutcome = 'allowed' | 'denied' | 'break_glass';

export interface AccessAuditTable {
  id: Generated<string>;
  at: Moment;
  user_id: string | null;
  action: string;
  outcome: AuditOutcome;
  resource_type: string;
  resource_id: string | null;
  person_id: string | null;
  reason: string | null;
  request_id: string | null;
}

export interface Database extends SocialCareTables, PrivateFosteringTables, LadoTables, MaracTables, CdopTables, DisagreementTables, PracticeReviewTables, ForecastTables, OutsideHomeTables, SarTables, RetentionTables, PartnerApiTables, NotificationTables, SingleSignOnTables, DocumentTables, ReturnsTables,
  CaseAuditTables, Section11Tables, BoardTables, TrainingTables, SurveyTables, ChildsVoiceTables, PracticeToolTables, DatasetTables {
  agencies: AgenciesTable;
  teams: TeamsTable;
  users: UsersTable;
  user_teams: UserTeamsTable;
  sessions: SessionsTable;
  people: PeopleTable;
  person_names: PersonNamesTable;
  person_addresses: PersonAddressesTable;
  relationships: RelationshipsTable;
  involvements: InvolvementsTable;
  restricted_access: RestrictedAccessTable;
  break_glass: BreakGlassTable;
  alerts: AlertsTable;
  chronology: ChronologyTable;
  idempotency_keys: IdempotencyKeysTable;
  access_audit: AccessAuditTable;
  threshold_levels: ThresholdLevelsTable;
  threshold_domains: ThresholdDomainsTable;
  threshold_descriptors: ThresholdDescriptorsTable;
  contacts: ContactsTable;
  contact_people: ContactPeopleTable;
  contact_checks: ContactChecksTable;
  early_help_cases: EarlyHelpCasesTable;
  early_help_assessments: EarlyHelpAssessmentsTable;
  early_help_assessment_sections: EarlyHelpAssessmentSectionsTable;
  tac_members: TacMembersTable;
  early_help_outcomes: EarlyHelpOutcomesTable;
  early_help_actions: EarlyHelpActionsTable;
  early_help_reviews: EarlyHelpReviewsTable;
  panels: PanelsTable;
  panel_referrals: PanelReferralsTable;
  panel_meetings: PanelMeetingsTable;
  panel_agenda_items: PanelAgendaItemsTable;
  panel_attendance: PanelAttendanceTable;
  panel_actions: PanelActionsTable;
}

export * from './types-front-door.ts';
export * from './types-social-care.ts';
export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type User = Selectable<UsersTable>;
export type Agency = Selectable<AgenciesTable>;
