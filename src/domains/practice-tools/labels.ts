import type { Direction, ScoringRule, ToolStatus } from './tables.ts';

export const STATUSES: Record<ToolStatus, string> = { draft: 'Draft', published: 'In use', superseded: 'Replaced by a later version' };
export const STATUS_TAGS: Record<ToolStatus, string> = { draft: 'govuk-tag--grey', published: 'govuk-tag--green', superseded: 'govuk-tag--yellow' };
export const RULES: Record<ScoringRule, string> = { sum: 'Add them up (sum)', mean: 'Take the average (mean)' };
export const DIRECTIONS: Record<Direction, string> = { higher_better: 'A higher score is better', lower_better: 'A lower score is better' };
export const VERDICTS = { improved: 'Better', worsened: 'Worse', unchanged: 'No change' } as const;

/** A version number from a form: anything else is version 0, which never matches, so the change is refused as a conflict. */
export const versionOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : 0);
