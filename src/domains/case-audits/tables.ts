import type { Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

export type AuditState = 'draft' | 'open' | 'moderation' | 'complete';
export type Grade = 'outstanding' | 'good' | 'requires_improvement' | 'inadequate' | 'not_applicable';
export type SampleMethod = 'random' | 'criteria';

/** A theme the partnership audits, with graded questions (migration 0027 ships four). */
export interface AuditTemplatesTable extends Standard {
  id: Generated<string>;
  title: string;
  description: string;
}

export interface AuditTemplateQuestionsTable extends Standard {
  id: Generated<string>;
  template_id: string;
  position: number;
  text: string;
}

export interface CaseAuditsTable extends Standard {
  id: Generated<string>;
  title: string;
  template_id: string;
  period_from: DateColumn;
  period_to: DateColumn;
  answers_due_on: DateColumn;
  state: Generated<AuditState>;
  sample_method: SampleMethod | null;
  sample_size: number | null;
  /** For a sample by criteria: the kind of chronology entry the children had in the audit period. */
  sample_entry_type: string | null;
  /** The seed the random draw used, so the same records give the same sample again. */
  sample_seed: number | null;
  sample_drawn_at: Moment | null;
  key_findings: string | null;
}

export interface CaseAuditAgenciesTable {
  audit_id: string;
  agency_id: string;
  submitted_at: Moment | null;
  submitted_by: string | null;
}

export interface CaseAuditCasesTable extends Standard {
  id: Generated<string>;
  audit_id: string;
  case_number: number;
  person_id: string;
  /** "Girl aged 7": who the child is without their name, worked out when the sample was drawn. */
  description: string;
}

export interface CaseAuditResponsesTable extends Standard {
  id: Generated<string>;
  case_id: string;
  agency_id: string;
  not_involved: Generated<boolean>;
}

export interface CaseAuditAnswersTable {
  response_id: string;
  question_id: string;
  grade: Grade | null;
  commentary: string | null;
}

export interface CaseAuditModerationsTable {
  case_id: string;
  question_id: string;
  grade: Grade;
  note: string | null;
}

export interface CaseAuditActionsTable extends Standard {
  id: Generated<string>;
  audit_id: string;
  what: string;
  agency_id: string;
  owner: string;
  due_on: DateColumn;
  status: Generated<'open' | 'complete'>;
  evidence: string | null;
  completed_on: DateColumn | null;
}

/** This capability's tables (migration 0027). */
export interface CaseAuditTables {
  audit_templates: AuditTemplatesTable;
  audit_template_questions: AuditTemplateQuestionsTable;
  case_audits: CaseAuditsTable;
  case_audit_agencies: CaseAuditAgenciesTable;
  case_audit_cases: CaseAuditCasesTable;
  case_audit_responses: CaseAuditResponsesTable;
  case_audit_answers: CaseAuditAnswersTable;
  case_audit_moderations: CaseAuditModerationsTable;
  case_audit_actions: CaseAuditActionsTable;
}
