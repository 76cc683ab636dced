import type { AuditOutcome } from '../../db/types.ts';

/** Audit actions in the words the people reading the audit use. Unknown actions fall back to their code. */
export const ACTION_LABELS: Record<string, string> = {
  'person.view': 'Viewed the record',
  'person.search': 'Searched the person index',
  'person.create': 'Created the record',
  'person.edit': 'Changed the record',
  'person.merge': 'Merged records',
  'person.share': 'Shared the record',
  'person.restrict': 'Changed who can see the record',
  'person.viewers': 'Looked at who has seen the record',
  'person.break_glass': 'Used emergency access',
  'session.sign_in': 'Signed in',
  'account.password_changed': 'Changed their password',
  'user.create': 'Created a user',
  'user.update': 'Changed a user',
  'user.disable': 'Disabled a user',
  'user.enable': 'Re-enabled a user',
  'user.reset_password': 'Reset a user’s password',
  'user.unlock': 'Unlocked a user',
  'agency.create': 'Added an agency',
  'team.create': 'Added a team',
  'audit.search': 'Searched the access audit',
  'audit.export': 'Downloaded the access audit',
  'chronology.view': 'Viewed the chronology',
  'sar.create': 'Logged a subject access request',
  'sar.search': 'Searched the person index for a subject access request',
  'sar.view': 'Opened a subject access request',
  'sar.compile': 'Compiled a subject access bundle',
  'sar.review': 'Reviewed a subject access bundle',
  'sar.redact': 'Redacted part of a subject access bundle',
  'sar.unredact': 'Removed a redaction from a subject access bundle',
  'sar.disclose': 'Disclosed a subject access bundle',
  'sar.download': 'Downloaded a subject access disclosure',
  'returns.prepare': 'Checked a statutory return’s readiness',
  'returns.export': 'Downloaded a statutory return',
  'returns.submitted': 'Recorded a statutory return as submitted',
  'dataset.records': 'Looked at the records behind a dataset figure',
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

export const OUTCOME_LABELS: Record<AuditOutcome, { text: string; classes: string }> = {
  allowed: { text: 'Allowed', classes: 'govuk-tag--green' },
  break_glass: { text: 'Emergency access', classes: 'govuk-tag--orange' },
  denied: { text: 'Refused', classes: 'govuk-tag--red' },
};

export const OUTCOMES = Object.keys(OUTCOME_LABELS) as AuditOutcome[];
