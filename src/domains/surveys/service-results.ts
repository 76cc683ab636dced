import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { barChart } from './bar-chart.ts';
import { QUESTION_KINDS } from './labels.ts';
import * as repo from './repository.ts';
import { percentOf, type QuestionResult, summarise } from './results.ts';
import { loadSurvey } from './service.ts';

/**
 * A survey's results, for the business manager and board members (`quality.view`): how many answered (and, for
 * one-time links, out of how many handed out), each question's figures, and free text. An anonymous survey's
 * results are worked out from answers alone, so nobody can be shown.
 */
export async function surveyResults(ctx: RequestContext, id: string) {
  authorise(ctx, 'quality.view');
  const survey = await loadSurvey(ctx, id);
  const [questions, responses, links] = await Promise.all([repo.questionsOf(ctx.db, id), repo.responsesOf(ctx.db, id, !survey.anonymous), repo.linkCounts(ctx.db, id)]);
  const total = await repo.responseCount(ctx.db, id);
  const results = summarise(questions, responses, survey.audience);
  return {
    survey,
    total,
    links: survey.audience === 'children' ? { ...links, rate: percentOf(links.used, links.issued) } : null,
    results,
  };
}

/** Each choice question's bar chart, by question id (drawn only where someone answered). */
export async function resultCharts(results: readonly QuestionResult[]): Promise<Record<string, string>> {
  const drawn = await Promise.all(
    results.filter((r) => r.options.length && r.answered).map(async (r) => [r.question.id, await barChart(`question-${r.question.position}`, `Question ${r.question.position}: ${r.question.text}`, r.options)] as const),
  );
  return Object.fromEntries(drawn);
}

/**
 * A spreadsheet opening a CSV runs a cell that starts with = + - or @ as a formula, so text that starts so (typed by
 * a child or practitioner) is prefixed with an apostrophe.
 */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per choice or scale point (count and percentage), then one per free-text answer, question by question. */
export function resultsCsv(results: readonly QuestionResult[], anonymous: boolean): string {
  const head = ['Question number', 'Question', 'Type of answer', 'Answered', 'Answer', 'Count', 'Percentage', ...(anonymous ? [] : ['Written by'])];
  const rows: (string | number)[][] = [];
  for (const r of results) {
    const lead = [r.question.position, r.question.text, QUESTION_KINDS[r.question.kind], r.answered];
    for (const o of r.options) rows.push([...lead, o.label, o.count, o.percentage, ...(anonymous ? [] : [''])]);
    for (const t of r.texts) rows.push([...lead, t.text, '', '', ...(anonymous ? [] : [t.by ?? ''])]);
  }
  return '\uFEFF' + [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
