import type { RedactionReason, RequesterKind, SarStatus } from './sar-tables.ts';

export const REQUESTER_KINDS: Record<RequesterKind, string> = {
  subject: 'The person themself',
  parent: 'A parent or carer with parental responsibility',
  representative: 'A solicitor or other representative',
};

export const SAR_STATUSES: Record<SarStatus, string> = {
  received: 'Received',
  compiling: 'Compiling',
  in_review: 'In review',
  disclosed: 'Disclosed',
  withdrawn: 'Withdrawn',
  refused: 'Refused',
};
export const STATUS_COLOURS: Record<SarStatus, string> = {
  received: 'blue',
  compiling: 'purple',
  in_review: 'yellow',
  disclosed: 'green',
  withdrawn: 'grey',
  refused: 'red',
};
export const OPEN_STATUSES: SarStatus[] = ['received', 'compiling', 'in_review'];

/** The exemptions and third-party grounds a reviewer redacts under (Data Protection Act 2018, Schedules 2 to 4). */
export const REDACTION_REASONS: Record<RedactionReason, string> = {
  third_party_child: 'Third party — another child',
  third_party_family: 'Third party — a family member',
  professional_personal: 'Professional’s personal details',
  legal_privilege: 'Legal professional privilege',
  crime: 'Prevention or detection of crime',
  serious_harm: 'Serious harm',
  other: 'Other',
};
