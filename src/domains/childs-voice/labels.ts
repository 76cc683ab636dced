import { CHILD_SCALE } from '../surveys/labels.ts';

/** How the child's views were heard, in the practitioner's words. */
export const CAPTURED_HOW = {
  alone: 'They spoke to me on their own',
  with_parent: 'They spoke to me with a parent or carer there',
  drawing: 'Through a drawing or activity',
  advocate: 'Through an advocate',
  other: 'Another way',
} as const;

/** How the views were heard, for the chronology: it says how, never what was said nor who else was there. */
export const HOW_FOR_CHRONOLOGY: Record<keyof typeof CAPTURED_HOW, string> = {
  alone: 'spoken to alone',
  with_parent: 'spoken to with a parent or carer',
  drawing: 'through a drawing or activity',
  advocate: 'through an advocate',
  other: 'another way',
};

/** The three things a child is asked to choose a face for. */
export const FEELINGS = {
  feelHome: 'How they feel about home',
  feelSchool: 'How they feel about school',
  feelPlan: 'How they feel about the plan',
} as const;

/** The same faces and words a child sees in a survey. */
export const FACES = CHILD_SCALE;

export const faceWord = (point: number | null) => (point ? (FACES[String(point)]?.word ?? String(point)) : 'Did not say');
