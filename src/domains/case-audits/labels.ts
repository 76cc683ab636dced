import { entryTypeLabel } from '../chronology/labels.ts';
import type { AuditState, Grade } from './tables.ts';

export const STATES: Record<AuditState, string> = { draft: 'Draft', open: 'Open for answers', moderation: 'Moderation', complete: 'Complete' };
export const STATE_TAGS: Record<AuditState, string> = { draft: 'govuk-tag--grey', open: 'govuk-tag--blue', moderation: 'govuk-tag--yellow', complete: 'govuk-tag--green' };

/** The four grades, best first, then "not applicable" (left out of the counts that judge practice). */
export const GRADES: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  not_applicable: 'Not applicable',
};
export const GRADE_KEYS = Object.keys(GRADES) as Grade[];

/** The kinds of chronology entry an audit sample may be drawn by: the events partnership audits usually look at. */
export const SAMPLE_ENTRY_TYPES = [
  'contact.received',
  'threshold.decision',
  'early_help.opened',
  'referral.received',
  'strategy.held',
  'conference.held',
  'cp_plan.started',
  'core_group.held',
];
export const sampleEntryTypes = (): Record<string, string> => Object.fromEntries(SAMPLE_ENTRY_TYPES.map((t) => [t, entryTypeLabel(t)]));

export const SAMPLE_METHODS = { random: 'Random children known to services in the audit period', criteria: 'Children with a kind of event in the audit period' };
