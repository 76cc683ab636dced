import type { Answer, Question } from './answers.ts';
import { scaleWord } from './labels.ts';
import type { SurveyAudience } from './tables.ts';

export interface OptionCount {
  label: string;
  count: number;
  /** Of those who answered the question, whole per cent. */
  percentage: number;
}

export interface QuestionResult {
  question: Question;
  /** How many responses answered this question. */
  answered: number;
  options: OptionCount[];
  /** Mean of a scale question's answers, to one decimal place; null when nobody answered it. */
  mean: number | null;
  /** Free-text answers, with who wrote them only for a named survey. */
  texts: { text: string; by: string | null }[];
}

export const percentOf = (count: number, of: number) => (of ? Math.round((count / of) * 100) : 0);

/**
 * Each question's results from every response's answers: counts and percentages of those who answered it for each
 * choice (a several-choice question's add up to more than 100%) or point on the scale, the scale's mean, free text
 * in the order given. `byOf` names the author of a response, and is null for an anonymous survey.
 */
export function summarise(
  questions: readonly Question[],
  responses: readonly { answers: readonly Answer[]; by: string | null }[],
  audience: SurveyAudience,
): QuestionResult[] {
  return questions.map((question) => {
    const given = responses.flatMap((r) => r.answers.filter((a) => a.questionId === question.id).map((a) => ({ answer: a, by: r.by })));
    const answered = given.length;
    const counted = (labels: string[], hit: (a: Answer, i: number) => boolean): OptionCount[] =>
      labels.map((label, i) => {
        const count = given.filter((g) => hit(g.answer, i)).length;
        return { label, count, percentage: percentOf(count, answered) };
      });
    if (question.kind === 'scale') {
      const points = given.map((g) => g.answer.scale ?? 0);
      const mean = points.length ? Math.round((points.reduce((a, b) => a + b, 0) / points.length) * 10) / 10 : null;
      return { question, answered, mean, texts: [], options: counted([1, 2, 3, 4, 5].map((p) => `${p}: ${scaleWord(audience, p)}`), (a, i) => a.scale === i + 1) };
    }
    if (question.kind === 'text') return { question, answered, mean: null, options: [], texts: given.map((g) => ({ text: g.answer.text ?? '', by: g.by })) };
    return { question, answered, mean: null, texts: [], options: counted(question.options, (a, i) => a.choices.includes(question.options[i]!)) };
  });
}
