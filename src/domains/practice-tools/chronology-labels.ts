/** Scored practice tools: the tool, the overall score and its band, never the notes. */
export const PRACTICE_TOOL_CHRONOLOGY_LABELS: Record<string, string> = {
  'practice_tool.scored': 'Practice tool scored',
  'practice_tool.corrected': 'Practice tool scoring corrected',
};
