/**
 * This capability's chronology entry types. Everyone who works with the child sees their chronology, so it says
 * only that the household was discussed at MARAC, never what was shared or about whom.
 */
export const MARAC_CHRONOLOGY_LABELS: Record<string, string> = {
  'marac.referred': 'Discussed at MARAC (domestic abuse)',
};
