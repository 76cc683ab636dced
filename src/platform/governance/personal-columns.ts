import type { Catalogue } from '../backup/repository.ts';

/**
 * What destroying a person under the retention schedule does to each table the person-data map says is about a
 * person: which text columns are personal (free text, names, addresses, identifiers: cleared) and which are kept for
 * anonymous statistics (statutory codes, categories, statuses, outcomes, localities, agencies). Dates, numbers, ids and
 * booleans are kept and need no entry. A test fails when a text, varchar, json or text[] column of a person table is
 * in neither list, so a new column must be classified before it can hold personal data that outlives its retention.
 *
 * `remove` tables lose the person's rows outright (other names, addresses, relationships to others): a row there is
 * nothing but personal data. Everywhere else the row stays, so counts by date, code and agency do not change.
 */
export interface ColumnClasses {
  clear: string[];
  keep: string[];
  remove?: true;
}

const c = (clear: string[], keep: string[] = []): ColumnClasses => ({ clear, keep });
const remove = (clear: string[], keep: string[] = []): ColumnClasses => ({ clear, keep, remove: true });

export const PERSONAL_COLUMNS: Record<string, ColumnClasses> = {
  // The person index. The people row itself is handled field by field (names replaced, date of birth to its month).
  people: c(['given_name', 'family_name', 'search_name', 'nhs_number', 'upn'], ['person_type', 'sex', 'gender', 'ethnicity', 'language', 'disabilities', 'return_id']),
  person_names: remove(['given_name', 'family_name', 'search_name'], ['kind']),
  person_addresses: remove(['line1', 'line2', 'town', 'postcode', 'postcode_key']),
  relationships: remove([], ['kind']),
  associations: remove(['notes'], ['nature', 'source', 'confidence']),
  restricted_access: remove([]),
  involvements: c(['detail'], ['basis', 'source_type']),
  break_glass: c(['reason']),
  alerts: c(['message'], ['kind']),
  // Append-only by trigger and kept: who saw the record is evidence. It holds ids and action names; a break-glass
  // reason typed by a user stays with it.
  access_audit: c([], ['action', 'outcome', 'resource_type', 'reason', 'request_id']),
  chronology: c(['summary'], ['entry_type', 'record_type']),

  // Front door
  contacts: c(
    ['referrer_name', 'referrer_role', 'referrer_phone', 'referrer_email', 'reason', 'consent_override_reason', 'decision_reasons', 'returned_comment'],
    ['source', 'presenting_needs', 'consent', 'urgency', 'status', 'decision_outcome'],
  ),
  contact_people: c(['relationship'], ['role']),
  contact_checks: c(['question', 'response'], ['status']),

  // Early help
  early_help_cases: c(['step_down_summary', 'step_down_reason', 'closure_summary'], ['status', 'source', 'locality', 'closure_reason']),
  early_help_assessments: c(['consent_by', 'child_views', 'family_views', 'summary'], ['status']),
  early_help_assessment_sections: c(['strengths', 'needs']),
  early_help_outcomes: c([], ['outcome']),
  early_help_actions: c(['action']),
  early_help_reviews: c(['progress', 'family_views'], ['decision']),
  tac_members: c([], ['role_in_team']),

  // Panels
  panel_referrals: c(['reason'], ['route', 'presenting_issues', 'status', 'services_offered', 'outcome']),
  panel_agenda_items: c(['discussion', 'decision'], ['item_type', 'status', 'services_offered', 'closure_outcome']),
  panel_actions: c(['action']),

  // Children's social care
  cin_episodes: c(['referral_reason', 'closure_notes'], ['referral_source', 'primary_need', 'closure_reason']),
  assessments: c(['child_views', 'family_views', 'analysis', 'returned_comment'], ['status', 'factors', 'outcome']),
  cin_plans: c([], ['end_reason']),
  cin_plan_items: c(['description', 'owner'], ['kind', 'status']),
  cin_plan_reviews: c(['progress'], ['decision']),
  case_allocations: c([], ['reason']),
  visits: c(['notes'], ['purpose']),

  // Child protection
  strategy_discussions: c(['concerns', 'decision_reasons'], ['format', 'decision']),
  section_47_enquiries: c(['findings'], ['outcome']),
  cp_conferences: c(['summary'], ['kind', 'decision', 'categories']),
  cp_plans: c(['head_of_service_note', 'legal_planning_note'], ['initial_category', 'categories', 'end_reason']),
  core_groups: c(['progress']),
  meeting_attendance: c(['name'], ['meeting_type', 'role']),

  // Children in care and care leavers
  care_periods: c([], ['category_of_need']),
  care_episodes: c(
    ['placement_provider', 'carer_name', 'home_postcode', 'placement_postcode'],
    ['reason_new_episode', 'legal_status', 'placement_type', 'urn', 'reason_ceased', 'reason_place_change'],
  ),
  care_reviews: c(['summary'], ['participation']),
  care_checks: c(['notes'], ['kind']),
  care_leavers: c([], ['eligibility', 'closed_reason']),
  pathway_plans: c(['summary'], ['accommodation', 'activity']),
  care_leaver_contacts: c(['notes'], ['in_touch', 'accommodation', 'activity']),

  // Missing and exploitation
  missing_episodes: c(
    ['circumstances', 'found_where', 'interview_findings', 'interview_push_factors', 'interview_pull_factors'],
    ['kind', 'risk_level', 'interview_indicators'],
  ),
  exploitation_screenings: c(['summary'], ['sexual_exploitation', 'criminal_exploitation', 'trafficking', 'indicators']),

  // Private fostering
  private_fostering_arrangements: c(
    ['notifier_detail', 'parents_details', 'reason', 'expected_duration', 'decision_notes', 'end_notes'],
    ['notified_by', 'dbs_result', 'references_result', 'health_result', 'accommodation_result', 'decision', 'end_reason'],
  ),
  private_fostering_carers: c(['name'], ['relationship']),
  private_fostering_visits: c(['notes']),

  // LADO
  lado_cases: c(
    ['adult_role', 'employer', 'referrer_name', 'allegation', 'decision_reasons', 'closure_notes'],
    ['sector', 'referring_agency', 'category', 'decision', 'regulator', 'outcome', 'sanctions'],
  ),
  lado_case_children: c([]),
  lado_meetings: c(['summary']),
  lado_meeting_attendees: c(['name'], ['agency']),
  lado_actions: c(['what', 'owner']),

  // MARAC
  marac_cases: c(['referrer_name', 'risk_reason', 'closure_reason'], ['referring_agency', 'risk_basis']),
  marac_case_children: c([]),
  marac_discussions: c(['summary', 'outcome']),
  marac_actions: c(['what', 'owner'], ['agency']),

  // Child death review
  cdop_cases: c(
    ['time_of_death', 'place_detail', 'notifier_name', 'circumstances', 'modifiable_factors', 'learning'],
    ['place', 'expectation', 'rapid_response', 'notifying_agency', 'category', 'modifiable', 'factor_domains'],
  ),
  cdop_requests: c(['contact', 'summary'], ['agency']),

  // Practice reviews
  practice_reviews: c(
    ['title', 'summary', 'rapid_review_recommendation', 'decision_rationale', 'not_published_reason', 'closure_note'],
    ['reference', 'rapid_review_agency_ids', 'decision'],
  ),
  practice_review_children: c([]),
  practice_review_reviewers: c(['name']),
  practice_review_recommendations: c(['text']),
  practice_review_actions: c(['what', 'owner', 'evidence'], ['rag']),
  practice_review_action_updates: c(['note'], ['rag']),

  // Multi-agency case audits (migration 0027): commentary and notes are personal; grades and "girl aged 7" are kept.
  case_audit_cases: c([], ['description']),
  case_audit_responses: c([]),
  case_audit_answers: c(['commentary'], ['grade']),
  case_audit_moderations: c(['note'], ['grade']),

  // Scored practice tools (migration 0031): notes are personal; the band and context kind are kept for figures.
  practice_tool_scorings: c([], ['band_label', 'context_type']),
  practice_tool_scoring_domains: c(['note']),
  practice_tool_scoring_items: c([]),

  // The child's views (migration 0030): their words and wishes are personal; how they were heard is kept.
  child_views: c(['in_their_words', 'captured_other', 'wants'], ['captured_how']),

  // Professional disagreements
  disagreements: c(['decision', 'reasons', 'outcome_sought', 'resolution_summary'], ['status', 'resolution']),
  disagreement_steps: c(['note'], ['kind']),

  // Harm outside the home
  place_incidents: c(['summary'], ['kind', 'source']),
  place_incident_people: c([]),
  peer_groups: c(['name', 'description'], ['locality']),
  peer_group_members: c([]),
  peer_group_discussions: c(['summary'], ['risk_level']),
  peer_group_actions: c(['what'], ['kind']),

  // Documents: titles and file names are free text; the file itself is deleted with the record (see retention).
  documents: c(['title', 'description', 'removal_reason'], ['document_type']),
  document_versions: c(['file_name'], ['content_type', 'sha256', 'storage', 'storage_key', 'scan_status', 'scanned_by']),

  // Information governance. A subject access request's bundle is a copy of the person's records; the PDF sent is
  // personal data too (bytea, cleared like text).
  sar_requests: c(
    ['requester_name', 'requester_contact', 'requester_relationship', 'identity_check', 'authority_check', 'extension_reason', 'pause_reason', 'closure_reason', 'cover_letter', 'pdf'],
    ['requester_kind', 'status', 'pdf_sha256'],
  ),
  sar_items: c(['fields', 'suggestions'], ['source_table', 'source_id', 'capability', 'record_type', 'link_role', 'item_date']),
  sar_redactions: c(['note'], ['field', 'reason']),
  retention_holds: c(['reference', 'detail', 'release_reason'], ['reason']),
  retention_extensions: c(['reason']),
  retention_destructions: c([], ['person_type', 'record_types', 'governing_type', 'rules', 'rows_cleared']),
};

/** What a cleared NOT NULL text column holds: several columns require at least one character. */
export const DESTROYED_TEXT = 'Removed: destroyed under the retention schedule';

/** Column types that can hold personal data as text: text, varchar, json and arrays of them, and bytea (documents). */
const TEXTUAL = /^(text|character varying|character|json|jsonb|bytea)(\(\d+\))?(\[\])?$/;

/**
 * Everything unclassified or wrongly classified, for every person table of the map present in the catalogue: a
 * text-like column in neither list, a column in both, a listed column that does not exist. Empty when complete.
 */
export function checkPersonalColumns(catalogue: Catalogue, personTableNames: readonly string[], classes: Record<string, ColumnClasses> = PERSONAL_COLUMNS): string[] {
  const problems: string[] = [];
  const tables = new Map(catalogue.tables.map((t) => [t.name, t]));
  for (const name of personTableNames) {
    const table = tables.get(name);
    if (!table) continue;
    const declared = classes[name];
    if (!declared) {
      problems.push(`Table ${name} is about a person but has no entry in PERSONAL_COLUMNS (src/platform/governance/personal-columns.ts).`);
      continue;
    }
    const columns = new Set(table.columns.map((col) => col.name));
    for (const col of new Set([...declared.clear, ...declared.keep])) {
      if (!columns.has(col)) problems.push(`Column ${name}.${col} is classified but does not exist.`);
      if (declared.clear.includes(col) && declared.keep.includes(col)) problems.push(`Column ${name}.${col} is both cleared and kept.`);
    }
    for (const col of table.columns) {
      if (TEXTUAL.test(col.type) && !declared.clear.includes(col.name) && !declared.keep.includes(col.name)) {
        problems.push(`Column ${name}.${col.name} (${col.type}) is not classified as personal (cleared) or statistical (kept) in PERSONAL_COLUMNS.`);
      }
    }
  }
  return problems;
}
