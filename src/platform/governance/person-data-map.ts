/**
 * The person-data map: every table in Cairn's schema, declared once, either as not about a person or with the ways
 * its rows reach a person in the person index. Subject access requests read it to find everything held about someone
 * (`personRows`); retention reads it to find what to destroy. `checkPersonDataMap` (run by a test against the live
 * catalogue) fails when a migration adds a table, or a column referencing `people`, that is not declared here.
 *
 * How a row is linked to the person:
 * - `subject`: the record is about this person (their contact, their assessment, their chronology).
 * - `mentioned`: the person appears in a record about someone else (a relative in another child's relationships, the
 *   alleged perpetrator on a victim's MARAC case, a child named on a LADO concern about an adult). Retention keeps
 *   such rows with the record they belong to; a SAR discloses them with the other people redacted.
 */

export type LinkRole = 'subject' | 'mentioned';

/** Narrows a link to rows whose `column` is (or is not) a value: a contact's child, a meeting of one kind. */
export type LinkCondition = { column: string; is: string } | { column: string; isNot: string };

export type PersonLink =
  /** A column on this table holding the person's id; `when` is over this table's columns. */
  | { column: string; role: LinkRole; when?: LinkCondition }
  /**
   * This table's `column` holds the id of a row in `parent` (its `parentKey`, default `id`), which reaches a person:
   * the row is linked as the parent row is. `when` is over this table's columns.
   */
  | { parent: string; column: string; parentKey?: string; when?: LinkCondition }
  /** A join table: rows of `through` whose `key` equals this table's `id` and whose `person` column is the person; `when` is over the join table. */
  | { through: string; key: string; person: string; role: LinkRole; when?: LinkCondition };

export interface PersonTable {
  about: 'person';
  /** Plain English, singular: what one row is ("Contact", "Child protection plan"). */
  recordType: string;
  capability: string;
  links: PersonLink[];
  /** The date a row is dated by, shown in bundles and used to order them. */
  dateColumn?: string;
}

export interface OtherTable {
  about: 'none';
  /** Why no row of it is about a person in the index. */
  reason: string;
}

export type TableDeclaration = PersonTable | OtherTable;

const REFERENCE = 'Reference data or configuration';
const SYSTEM = 'System bookkeeping, about users or the service rather than people in the index';
const STAFF = 'About staff (users), not people in the index';

const none = (reason: string): OtherTable => ({ about: 'none', reason });
const subject = (column = 'person_id'): PersonLink => ({ column, role: 'subject' });
const mentioned = (column: string): PersonLink => ({ column, role: 'mentioned' });
const via = (parent: string, column: string): PersonLink => ({ parent, column });
const table = (capability: string, recordType: string, links: PersonLink[], dateColumn?: string): PersonTable => ({
  about: 'person',
  capability,
  recordType,
  links,
  ...(dateColumn ? { dateColumn } : {}),
});

export const CAPABILITIES = {
  people: 'Person index',
  access: 'Access and audit',
  chronology: 'Chronology',
  frontDoor: 'Front door',
  earlyHelp: 'Early help',
  panels: 'Panels',
  socialCare: "Children's social care",
  childProtection: 'Child protection',
  care: 'Children in care',
  careLeavers: 'Care leavers',
  missing: 'Missing and exploitation',
  privateFostering: 'Private fostering',
  lado: 'LADO',
  marac: 'MARAC',
  cdop: 'Child death review',
  reviews: 'Practice reviews',
  audits: 'Multi-agency case audits',
  documents: 'Documents',
  disagreements: 'Professional disagreements',
  outside: 'Harm outside the home',
  governance: 'Information governance',
  voice: 'The child’s views',
  tools: 'Practice tools',
} as const;
const C = CAPABILITIES;

export const PERSON_DATA_MAP: Record<string, TableDeclaration> = {
  // The person index
  people: table(C.people, 'Person record', [subject('id'), { column: 'merged_into', role: 'subject' }]),
  person_names: table(C.people, 'Name', [subject()]),
  person_addresses: table(C.people, 'Address', [subject()], 'start_date'),
  relationships: table(C.people, 'Relationship', [subject(), mentioned('related_person_id')]),
  involvements: table(C.people, 'Agency involvement', [subject()], 'start_date'),
  restricted_access: table(C.access, 'Restricted record access', [subject()], 'created_at'),
  break_glass: table(C.access, 'Break-glass access', [subject()], 'created_at'),
  alerts: table(C.access, 'Access alert', [subject()], 'created_at'),
  access_audit: table(C.access, 'Access to the record', [subject()], 'at'),
  chronology: table(C.chronology, 'Chronology entry', [subject()], 'occurred_at'),

  // Front door
  contacts: table(
    C.frontDoor,
    'Contact',
    [
      { through: 'contact_people', key: 'contact_id', person: 'person_id', role: 'subject', when: { column: 'role', is: 'child' } },
      { through: 'contact_people', key: 'contact_id', person: 'person_id', role: 'mentioned', when: { column: 'role', isNot: 'child' } },
    ],
    'received_at',
  ),
  contact_people: table(C.frontDoor, 'Person on a contact', [
    { column: 'person_id', role: 'subject', when: { column: 'role', is: 'child' } },
    { column: 'person_id', role: 'mentioned', when: { column: 'role', isNot: 'child' } },
    via('contacts', 'contact_id'),
  ]),
  contact_checks: table(C.frontDoor, 'Multi-agency check', [via('contacts', 'contact_id')], 'requested_at'),

  // Early help
  early_help_cases: table(C.earlyHelp, 'Early help case', [subject()], 'opened_on'),
  early_help_assessments: table(C.earlyHelp, 'Early help assessment', [via('early_help_cases', 'case_id')], 'started_on'),
  early_help_assessment_sections: table(C.earlyHelp, 'Early help assessment section', [via('early_help_assessments', 'assessment_id')]),
  early_help_outcomes: table(C.earlyHelp, 'Early help outcome', [via('early_help_cases', 'case_id')], 'achieved_on'),
  early_help_actions: table(C.earlyHelp, 'Early help action', [via('early_help_cases', 'case_id')], 'due_on'),
  early_help_reviews: table(C.earlyHelp, 'Early help review', [via('early_help_cases', 'case_id')], 'held_on'),
  tac_members: table(C.earlyHelp, 'Team Around the Child member', [via('early_help_cases', 'case_id')], 'started_on'),

  // Panels: a meeting discusses many children, so only what is recorded for a referral is about a person.
  panels: none(REFERENCE),
  panel_meetings: none('A panel meeting as a whole; what it decided about a child is on the agenda item'),
  panel_attendance: none('Who attended a panel meeting: professionals, not people in the index'),
  panel_referrals: table(C.panels, 'Panel referral', [subject()], 'referred_on'),
  panel_agenda_items: table(C.panels, 'Panel discussion', [via('panel_referrals', 'referral_id')], 'created_at'),
  panel_actions: table(C.panels, 'Panel action', [via('panel_referrals', 'referral_id')], 'due_on'),

  // Children's social care
  cin_episodes: table(C.socialCare, 'Referral (child in need episode)', [subject()], 'referral_date'),
  assessments: table(C.socialCare, 'Child and family assessment', [subject()], 'start_date'),
  cin_plans: table(C.socialCare, 'Child in need plan', [subject()], 'start_date'),
  cin_plan_items: table(C.socialCare, 'Child in need plan item', [via('cin_plans', 'plan_id')], 'due_date'),
  cin_plan_reviews: table(C.socialCare, 'Child in need plan review', [via('cin_plans', 'plan_id')], 'review_date'),
  case_allocations: table(C.socialCare, 'Allocation', [subject()], 'start_date'),
  visits: table(C.socialCare, 'Statutory visit', [subject()], 'visit_date'),

  // Child protection
  strategy_discussions: table(C.childProtection, 'Strategy discussion', [subject()], 'held_on'),
  section_47_enquiries: table(C.childProtection, 'Section 47 enquiry', [subject()], 'start_date'),
  cp_conferences: table(C.childProtection, 'Child protection conference', [subject()], 'held_on'),
  cp_plans: table(C.childProtection, 'Child protection plan', [subject()], 'start_date'),
  core_groups: table(C.childProtection, 'Core group', [subject()], 'held_on'),
  meeting_attendance: table(C.childProtection, 'Meeting attendance', [
    { parent: 'strategy_discussions', column: 'meeting_id', when: { column: 'meeting_type', is: 'strategy' } },
    { parent: 'cp_conferences', column: 'meeting_id', when: { column: 'meeting_type', is: 'conference' } },
    { parent: 'core_groups', column: 'meeting_id', when: { column: 'meeting_type', is: 'core_group' } },
  ]),

  // Children in care and care leavers
  care_periods: table(C.care, 'Period of care', [subject()], 'start_date'),
  care_episodes: table(C.care, 'Care episode', [subject()], 'start_date'),
  care_reviews: table(C.care, 'Looked after review', [subject()], 'held_on'),
  care_checks: table(C.care, 'Health or education check', [subject()], 'done_on'),
  care_leavers: table(C.careLeavers, 'Care leaver record', [subject()], 'opened_on'),
  pathway_plans: table(C.careLeavers, 'Pathway plan', [subject()], 'plan_date'),
  care_leaver_contacts: table(C.careLeavers, 'Keeping in touch contact', [subject()], 'contact_date'),

  // Missing and exploitation
  missing_episodes: table(C.missing, 'Missing episode', [subject()], 'started_at'),
  exploitation_screenings: table(C.missing, 'Exploitation screening', [subject()], 'screened_on'),

  // Private fostering
  private_fostering_arrangements: table(C.privateFostering, 'Private fostering arrangement', [subject()], 'notified_on'),
  private_fostering_carers: table(C.privateFostering, 'Private foster carer', [
    mentioned('carer_person_id'),
    via('private_fostering_arrangements', 'arrangement_id'),
  ]),
  private_fostering_visits: table(C.privateFostering, 'Private fostering visit', [subject()], 'visit_date'),

  // LADO: the concern is about the adult; the children are named on it.
  lado_cases: table(
    C.lado,
    'LADO concern',
    [subject('adult_id'), { through: 'lado_case_children', key: 'case_id', person: 'person_id', role: 'mentioned' }],
    'received_on',
  ),
  lado_case_children: table(C.lado, 'Child named on a LADO concern', [mentioned('person_id'), via('lado_cases', 'case_id')]),
  lado_meetings: table(C.lado, 'LADO meeting', [via('lado_cases', 'case_id')], 'held_on'),
  lado_meeting_attendees: table(C.lado, 'LADO meeting attendee', [via('lado_meetings', 'meeting_id')]),
  lado_actions: table(C.lado, 'LADO action', [via('lado_cases', 'case_id')], 'due_on'),

  // MARAC: the case is about the victim; the alleged perpetrator and the children are named on it.
  marac_cases: table(
    C.marac,
    'MARAC referral',
    [subject('victim_id'), mentioned('perpetrator_id'), { through: 'marac_case_children', key: 'case_id', person: 'person_id', role: 'mentioned' }],
    'referred_on',
  ),
  marac_case_children: table(C.marac, 'Child named on a MARAC referral', [mentioned('person_id'), via('marac_cases', 'case_id')]),
  marac_meetings: none('A MARAC meeting as a whole; what was shared about a case is its discussion'),
  marac_discussions: table(C.marac, 'MARAC discussion', [via('marac_cases', 'case_id')], 'created_at'),
  marac_actions: table(C.marac, 'MARAC action', [via('marac_cases', 'case_id')], 'due_on'),

  // Child death review
  cdop_cases: table(C.cdop, 'Child death review', [subject('child_id')], 'died_on'),
  cdop_requests: table(C.cdop, 'Information request to an agency', [via('cdop_cases', 'case_id')], 'requested_on'),

  // Practice reviews: briefings name no child by design.
  practice_reviews: table(
    C.reviews,
    'Practice review',
    [{ through: 'practice_review_children', key: 'review_id', person: 'person_id', role: 'subject' }],
    'aware_on',
  ),
  practice_review_children: table(C.reviews, 'Child on a practice review', [subject(), via('practice_reviews', 'review_id')]),
  practice_review_reviewers: table(C.reviews, 'Reviewer', [via('practice_reviews', 'review_id')]),
  practice_review_recommendations: table(C.reviews, 'Recommendation', [via('practice_reviews', 'review_id')]),
  practice_review_actions: table(C.reviews, 'Practice review action', [via('practice_reviews', 'review_id')], 'due_on'),
  practice_review_action_updates: table(C.reviews, 'Action progress update', [via('practice_review_actions', 'action_id')], 'recorded_on'),
  practice_review_briefings: none('Learning briefings name no child'),
  practice_review_briefing_reviews: none('Links a learning briefing to the reviews it draws on; names no child'),

  // Multi-agency case audits (migration 0027): the sample's children, and what each agency and the moderation said
  // about each; templates, the audit as a whole and its actions name no child.
  audit_templates: none(REFERENCE),
  audit_template_questions: none(REFERENCE),
  case_audits: none('An audit as a whole; the children in its sample are its cases'),
  case_audit_agencies: none('Which agencies take part in an audit'),
  case_audit_cases: table(C.audits, 'Child in a case audit sample', [subject()], 'created_at'),
  case_audit_responses: table(C.audits, 'An agency’s answer in a case audit', [via('case_audit_cases', 'case_id')], 'updated_at'),
  case_audit_answers: table(C.audits, 'Case audit grade and commentary', [via('case_audit_responses', 'response_id')]),
  case_audit_moderations: table(C.audits, 'Case audit agreed grade', [via('case_audit_cases', 'case_id')]),
  case_audit_actions: none('Actions from an audit’s findings name no child'),

  // Professional disagreements
  disagreements: table(C.disagreements, 'Professional disagreement', [subject()], 'raised_on'),
  disagreement_steps: table(C.disagreements, 'Disagreement step', [via('disagreements', 'disagreement_id')], 'occurred_on'),

  // Harm outside the home: places are not about a person; what happened there and who was linked is.
  places: none('Places of concern are about locations, not people'),
  place_incidents: table(
    C.outside,
    'Incident at a place',
    [
      { through: 'place_incident_people', key: 'incident_id', person: 'person_id', role: 'mentioned' },
      via('missing_episodes', 'missing_episode_id'),
      via('exploitation_screenings', 'screening_id'),
    ],
    'occurred_at',
  ),
  place_incident_people: table(C.outside, 'Person at an incident', [mentioned('person_id')]),
  associations: table(C.outside, 'Association', [subject(), mentioned('other_person_id')], 'from_date'),
  peer_groups: table(C.outside, 'Peer group', [{ through: 'peer_group_members', key: 'group_id', person: 'person_id', role: 'mentioned' }]),
  peer_group_members: table(C.outside, 'Peer group membership', [subject()], 'from_date'),
  peer_group_places: none('Links a peer group to places'),
  peer_group_discussions: table(C.outside, 'Peer group discussion', [via('peer_groups', 'group_id')], 'discussed_on'),
  peer_group_actions: table(C.outside, 'Peer group action', [via('peer_groups', 'group_id')], 'due_on'),

  // Information governance: a subject access request is itself the subject's data. Its bundle items and redactions
  // are copies of other records, found through the request.
  sar_requests: table(C.governance, 'Subject access request', [subject()], 'received_on'),
  sar_items: table(C.governance, 'Subject access bundle item', [via('sar_requests', 'request_id')]),
  sar_redactions: table(C.governance, 'Subject access redaction', [via('sar_items', 'item_id')]),
  // Retention (migration 0021): holds and decisions are about the person; the destruction log keeps only ids and counts.
  retention_rules: none(REFERENCE),
  retention_holds: table(C.governance, 'Retention hold', [subject()], 'from_date'),
  retention_extensions: table(C.governance, 'Decision to keep records longer', [subject()], 'created_at'),
  retention_destructions: table(C.governance, 'Record of destruction', [subject()], 'destroyed_at'),

  // Section 11 self-assessment (migration 0028): agencies rate themselves; no row names a child or family.
  section11_standards: none(REFERENCE),
  section11_rounds: none('Section 11 rounds are about agencies, not people'),
  section11_round_standards: none(REFERENCE),
  section11_returns: none('Section 11 returns are about agencies, not people'),
  section11_ratings: none('Section 11 ratings are about agencies, not people'),
  section11_challenges: none('Challenge day notes are about agencies, not people'),

  // Training (migration 0029): courses, sessions, staff bookings and what staff said; no child is ever in them.
  training_courses: none(REFERENCE),
  training_sessions: none(REFERENCE),
  training_bookings: none(STAFF),
  training_evaluations: none(STAFF),
  training_impact_returns: none(STAFF),
  training_validations: none('Courses agencies submit to the validation panel; about staff training, not people in the index'),

  // Surveys and the child's voice (migration 0030). Children answer surveys anonymously through one-time links and
  // practitioners as staff, so no survey row is about a person in the index; the child's views are on their record.
  surveys: none(REFERENCE),
  survey_questions: none(REFERENCE),
  survey_links: none('One-time survey links, kept as hashes; they name nobody'),
  survey_responses: none('Anonymous answers from children, or answers from staff; never linked to a person in the index'),
  survey_respondents: none(STAFF),
  survey_answers: none('Answers to survey questions, reached through a response that names no person in the index'),
  child_views: table(C.voice, 'The child’s views', [subject()], 'recorded_on'),

  // Scored practice tools (migration 0031): the tools are configuration; a child's scorings are about the child.
  practice_tools: none(REFERENCE),
  practice_tool_domains: none(REFERENCE),
  practice_tool_items: none(REFERENCE),
  practice_tool_bands: none(REFERENCE),
  practice_tool_scorings: table(C.tools, 'Practice tool scoring', [subject()], 'scored_on'),
  practice_tool_scoring_domains: table(C.tools, 'Practice tool domain score', [via('practice_tool_scorings', 'scoring_id')]),
  practice_tool_scoring_items: table(C.tools, 'Practice tool item score', [via('practice_tool_scorings', 'scoring_id')]),

  // Board business (migration 0032): the board's members (staff of the agencies), meetings, budget, business plan and
  // sub-groups. No row names a child or family.
  board_members: none('Board members: staff of the partner agencies, not people in the index'),
  board_meetings: none('Board meetings and their agendas; no child is named'),
  board_attendance: none('Board members’ attendance at meetings'),
  board_decisions: none('The board’s decisions; no child is named'),
  board_contributions: none('Agencies’ budget contributions'),
  board_plans: none('The board’s business plans'),
  board_priorities: none('Business plan priorities'),
  board_actions: none('Business plan actions, owned by agencies; no child is named'),
  board_action_updates: none('Progress on business plan actions'),
  board_subgroups: none('The board’s sub-groups and their terms of reference'),
  board_work_items: none('Sub-groups’ work plans'),

  // Reference, configuration and system tables
  agencies: none(REFERENCE),
  teams: none(REFERENCE),
  users: none(STAFF),
  user_teams: none(STAFF),
  sessions: none(SYSTEM),
  idempotency_keys: none(SYSTEM),
  threshold_levels: none(REFERENCE),
  threshold_domains: none(REFERENCE),
  threshold_descriptors: none(REFERENCE),
  forecast_scenarios: none('Forecast settings: aggregate assumptions'),
  forecast_settings: none('Forecast settings: aggregate assumptions'),
  forecast_unit_costs: none('Forecast settings: aggregate assumptions'),
  population_estimates: none('Partnership dataset inputs: children counted by year of age, no person'),
  indicator_benchmarks: none('Partnership dataset inputs: targets and comparators'),
  dataset_settings: none('Partnership dataset inputs: the suppression threshold'),
  report_commentary: none('The annual report’s commentary on aggregate figures'),
  notification_preferences: none(STAFF),
  notification_outbox: none('Notices to staff; they carry a reference and a link, never a person'),
  sso_group_mappings: none(REFERENCE),
  user_identities: none(STAFF),
  agency_sign_in_settings: none(REFERENCE),
  oidc_pending_sign_ins: none(SYSTEM),
  oidc_sessions: none(SYSTEM),
  api_tokens: none(SYSTEM),
  api_clients: none(SYSTEM),
  webhooks: none(REFERENCE),
  webhook_deliveries: none('Delivery log of event notices to partner systems'),

  // Documents (migration 0025): a document and its versions are about the person; the files' bytes are not rendered
  // (a bundle lists each version, and the file itself is exported from the record).
  documents: table(C.documents, 'Document', [subject()], 'document_date'),
  document_versions: table(C.documents, 'Document version', [via('documents', 'document_id')], 'uploaded_at'),
  document_blobs: none('File contents, reached through a document version (its storage key); never rendered in a bundle'),
  statutory_return_snapshots: none('A return as submitted to the DfE, whole, for next year’s comparison; its children are in their own records'),
  statutory_return_runs: none('An export job and its file, kept until downloaded; its children are in their own records'),
};

export function personTables(): [string, PersonTable][] {
  return Object.entries(PERSON_DATA_MAP).flatMap(([name, d]) => (d.about === 'person' ? [[name, d] as [string, PersonTable]] : []));
}
