/** The chronology says that the child's views were recorded and how they were heard, never what the child said. */
export const CHILDS_VOICE_CHRONOLOGY_LABELS: Record<string, string> = {
  'child.views_recorded': 'The child’s views recorded',
};
