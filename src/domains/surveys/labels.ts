/** Surveys in plain words: who a survey is for, the kinds of question, where a survey has got to. */

export const AUDIENCES = { children: 'Children and young people', practitioners: 'Practitioners' } as const;

export const QUESTION_KINDS = {
  single: 'Choose one answer',
  multiple: 'Choose one or more answers',
  scale: 'A scale from 1 to 5',
  text: 'Their own words (free text)',
} as const;

export const STATUSES = { draft: 'Draft', open: 'Open', closed: 'Closed' } as const;
export const STATUS_TAGS = { draft: 'govuk-tag--grey', open: 'govuk-tag--green', closed: 'govuk-tag--blue' } as const;

/**
 * The 1–5 scale. Children see a face and a word for each point (the word is what a screen reader reads; the face is
 * hidden from it); practitioners see the number with words at each end.
 */
export const CHILD_SCALE: Record<string, { face: string; word: string }> = {
  '1': { face: '😢', word: 'Really sad' },
  '2': { face: '😟', word: 'Sad' },
  '3': { face: '😐', word: 'OK' },
  '4': { face: '😊', word: 'Happy' },
  '5': { face: '😀', word: 'Really happy' },
};

export const PRACTITIONER_SCALE: Record<string, string> = {
  '1': '1 – not at all',
  '2': '2',
  '3': '3',
  '4': '4',
  '5': '5 – completely',
};

/** The words for a point on the scale, as the survey's audience saw it. */
export const scaleWord = (audience: 'children' | 'practitioners', point: number) =>
  audience === 'children' ? (CHILD_SCALE[String(point)]?.word ?? String(point)) : (PRACTITIONER_SCALE[String(point)] ?? String(point));
