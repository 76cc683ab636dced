/**
 * This capability's chronology entry types. Everyone who worked with the child sees their chronology, so it says
 * only that the death was notified for review, never the circumstances, the category or the panel's findings.
 */
export const CDOP_CHRONOLOGY_LABELS: Record<string, string> = {
  'cdop.notified': 'Death notified to the Child Death Overview Panel',
};
