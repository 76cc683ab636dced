import { stackedBarSpec } from '../../platform/charts/bar-chart.ts';
import { renderChart } from '../../platform/charts/render.ts';
import { GRADE_KEYS, GRADES } from './labels.ts';
import type { Grade } from './tables.ts';

/** Counts of each grade, and how many were graded (not counting "not applicable"). */
export type GradeCounts = Record<Grade, number> & { graded: number; goodOrBetter: number };

export const emptyCounts = (): GradeCounts => ({ ...(Object.fromEntries(GRADE_KEYS.map((g) => [g, 0])) as Record<Grade, number>), graded: 0, goodOrBetter: 0 });

export function countGrades(grades: readonly (Grade | null)[]): GradeCounts {
  const counts = emptyCounts();
  for (const grade of grades) {
    if (!grade) continue;
    counts[grade] += 1;
    if (grade !== 'not_applicable') counts.graded += 1;
    if (grade === 'outstanding' || grade === 'good') counts.goodOrBetter += 1;
  }
  return counts;
}

/** "Good or better" as a whole percentage of what was graded, or null when nothing was. */
export const goodOrBetterPercent = (c: GradeCounts): number | null => (c.graded ? Math.round((100 * c.goodOrBetter) / c.graded) : null);

export interface FindingsInput {
  questions: { id: string; position: number; text: string }[];
  agencies: { id: string; name: string }[];
  /** Each agency's answers (grades per question) across the sample. */
  answers: { agencyId: string; questionId: string; grade: Grade | null }[];
  /** The grade agreed at moderation for each child and question. */
  agreed: { caseId: string; questionId: string; grade: Grade }[];
  notInvolved: { agencyId: string }[];
}

/** The audit's figures: per question (agreed and as the agencies graded), and per agency. */
export function findings(input: FindingsInput) {
  const byQuestion = input.questions.map((q) => ({
    question: q,
    agreed: countGrades(input.agreed.filter((a) => a.questionId === q.id).map((a) => a.grade)),
    answered: countGrades(input.answers.filter((a) => a.questionId === q.id).map((a) => a.grade)),
  }));
  const byAgency = input.agencies.map((agency) => ({
    agency,
    grades: countGrades(input.answers.filter((a) => a.agencyId === agency.id).map((a) => a.grade)),
    notInvolved: input.notInvolved.filter((n) => n.agencyId === agency.id).length,
  }));
  return { byQuestion, byAgency, overall: countGrades(input.agreed.map((a) => a.grade)) };
}
export type Findings = ReturnType<typeof findings>;

const GRADE_COLOURS = ['#00703c', '#85994b', '#f47738', '#d4351c'];

/** A stacked bar per question of the agreed grades (not applicable left out), with a text alternative. */
export function agreedGradesChart(f: Findings): Promise<string> {
  const graded = GRADE_KEYS.filter((g) => g !== 'not_applicable');
  const most = Math.max(1, ...f.byQuestion.map((q) => q.agreed.graded));
  const rows = f.byQuestion.map((q) => ({ label: `Q${q.question.position}`, parts: graded.map((g) => q.agreed[g]) }));
  const spec = stackedBarSpec(rows, { parts: graded.map((g) => GRADES[g]), colours: GRADE_COLOURS, axisTitle: 'Children', scale: { kind: 'count', max: most }, width: 600 });
  const summary = f.byQuestion.map((q) => `Q${q.question.position}: ${goodOrBetterPercent(q.agreed) ?? 'no'}${goodOrBetterPercent(q.agreed) === null ? ' grades' : '% good or better'}`).join('; ');
  return renderChart(spec, { id: 'agreed-grades', title: 'Agreed grades by question', description: `The grade agreed at moderation for each child, by question. ${summary}.` });
}
