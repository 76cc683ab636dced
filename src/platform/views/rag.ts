/**
 * RAG status of an action, as the partnership's trackers use it (practice review actions, the board's business
 * plan): complete needs evidence that it was done.
 */
export const RAGS = {
  red: 'Red: not on track',
  amber: 'Amber: some risk to delivery',
  green: 'Green: on track',
  complete: 'Complete',
} as const;

export const RAG_TAGS: Record<string, { text: string; colour: string }> = {
  red: { text: 'Red', colour: 'red' },
  amber: { text: 'Amber', colour: 'orange' },
  green: { text: 'Green', colour: 'green' },
  complete: { text: 'Complete', colour: 'blue' },
};
