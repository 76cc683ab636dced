import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, list, text } from '../../platform/views/form-fields.ts';
import type { QuestionKind, SurveyAudience } from './tables.ts';

export interface Question {
  id: string;
  position: number;
  kind: QuestionKind;
  text: string;
  hint: string | null;
  required: boolean;
  options: string[];
}

export interface Answer {
  questionId: string;
  choices: string[];
  scale: number | null;
  text: string | null;
}

export const MAX_ANSWER_TEXT = 2000;

/** The form field of a question (also the id of its first input, which the error summary links to). */
export const fieldOf = (q: Pick<Question, 'id'>) => `q-${q.id}`;

/**
 * What was typed, question by question, kept to show the form again: a choice question's ticks as a list, anything
 * else as text.
 */
export function enteredAnswers(body: FormBody, questions: readonly Question[]): Record<string, string | string[]> {
  return Object.fromEntries(questions.map((q) => [fieldOf(q), q.kind === 'multiple' ? list(body, fieldOf(q)) : text(body, fieldOf(q))]));
}

/**
 * Checks a response against the survey's questions: a required question answered, a choice one of the question's
 * own, a scale point 1 to 5, free text not too long. Children are asked in plainer words. Answers to questions left
 * blank are left out.
 */
export function readAnswers(body: FormBody, questions: readonly Question[], audience: SurveyAudience): { answers: Answer[]; errors: FormErrors } {
  const errors = noErrors();
  const answers: Answer[] = [];
  const child = audience === 'children';
  for (const q of questions) {
    const field = fieldOf(q);
    const quoted = `“${q.text}”`;
    if (q.kind === 'multiple') {
      const chosen = [...new Set(list(body, field))];
      if (chosen.some((c) => !q.options.includes(c))) addError(errors, field, `Choose from the answers given for ${quoted}`);
      else if (!chosen.length) {
        if (q.required) addError(errors, field, child ? `Please tick at least one answer for ${quoted}` : `Select at least one answer for ${quoted}`);
      } else answers.push({ questionId: q.id, choices: q.options.filter((o) => chosen.includes(o)), scale: null, text: null });
      continue;
    }
    const value = text(body, field).trim();
    if (!value) {
      if (q.required) addError(errors, field, child ? (q.kind === 'text' ? `Please write something for ${quoted}` : `Please choose an answer for ${quoted}`) : q.kind === 'text' ? `Enter an answer for ${quoted}` : `Select an answer for ${quoted}`);
      continue;
    }
    if (q.kind === 'single') {
      if (!q.options.includes(value)) addError(errors, field, `Choose from the answers given for ${quoted}`);
      else answers.push({ questionId: q.id, choices: [value], scale: null, text: null });
    } else if (q.kind === 'scale') {
      if (!/^[1-5]$/.test(value)) addError(errors, field, `Choose a point from 1 to 5 for ${quoted}`);
      else answers.push({ questionId: q.id, choices: [], scale: Number(value), text: null });
    } else if (value.length > MAX_ANSWER_TEXT) {
      addError(errors, field, child ? `Please use ${MAX_ANSWER_TEXT} characters or fewer for ${quoted}` : `Your answer to ${quoted} must be ${MAX_ANSWER_TEXT} characters or fewer`);
    } else answers.push({ questionId: q.id, choices: [], scale: null, text: value });
  }
  return { answers, errors };
}
