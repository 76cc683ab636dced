import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorisePerson } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { addProblems, dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { DIRECTIONS, VERDICTS, versionOf } from './labels.ts';
import type { FullTool } from './repository.ts';
import { fullTool } from './repository.ts';
import { contextValue, type ScoringInput } from './schema.ts';
import { childToolsPage, saveScoring, scoreProblems, scoringEditForm, scoringForm, scoringPage, updateScoring } from './service-scoring.ts';
import { trendPage } from './service-trend.ts';
import { view } from './routes-tools.ts';

const SECTION = 'people';
const childHref = (personId: string) => `/people/${personId}/practice-tools`;
const scoringHref = (personId: string, id: string) => `${childHref(personId)}/scorings/${id}`;
const SCORE_TEXT = /^\s*-?\d{1,4}\s*$/;

/** The scoring form's fields: each score as typed (kept to show again), the notes, the date and the context. */
function readScoring(body: FormBody, tool: FullTool) {
  const errors = noErrors();
  const date = dateField(body, 'scoredOn', 'The date scored', errors, 'Enter the date the tool was scored');
  const values: Record<string, unknown> = { scoredOn: date.input, context: text(body, 'context'), version: text(body, 'version'), idempotencyKey: idempotencyKeyOf(body) };
  const scores = new Map<string, number>();
  const notes = new Map<string, string>();
  for (const d of tool.domains) {
    const note = text(body, `note-${d.id}`).trim();
    values[`note-${d.id}`] = note;
    if (note.length > 2000) addError(errors, `note-${d.id}`, `Keep the note on ${d.name} to 2000 characters or fewer`);
    if (note) notes.set(d.id, note);
    for (const id of d.items.length ? d.items.map((i) => i.id) : [d.id]) {
      const typed = text(body, `score-${id}`);
      values[`score-${id}`] = typed;
      if (typed.trim()) scores.set(id, SCORE_TEXT.test(typed) ? Number(typed) : Number.NaN);
    }
  }
  const context = contextValue.safeParse(values.context);
  zodErrors(context.success ? null : context.error, errors);
  for (const p of scoreProblems(tool, { scores })) addError(errors, p.field, p.message);
  // The date's problems first in the summary would hide the scores' order: scores come first on the page.
  const input: ScoringInput | null = !errors.summary.length && date.value && context.success ? { scoredOn: date.value, context: context.data, scores, notes } : null;
  return { values, input, errors };
}

/** A child's practice tools: the list, a tool's trend, scoring a child, one scoring and its correction. */
export const childRoutes = async (app: FastifyInstance) => {
  app.get('/people/:id/practice-tools', async (request, reply) => {
    const personId = uuidParam(request.params);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const context = contextValue.safeParse(typeof q.context === 'string' ? q.context : '');
    const page = await childToolsPage(request.ctx(), personId, context.success ? context.data : null);
    return reply.page(view('child-tools'), { title: 'Practice tools', section: SECTION, ...page, directions: DIRECTIONS });
  });

  app.get('/people/:id/practice-tools/:toolId', async (request, reply) => {
    const personId = uuidParam(request.params);
    const page = await trendPage(request.ctx(), personId, uuidParam(request.params, 'toolId'));
    return reply.page(view('trend'), { title: page.tool.row.name, section: SECTION, ...page, directions: DIRECTIONS, verdicts: VERDICTS });
  });

  const scoreFormPage = async (reply: FastifyReply, personId: string, toolId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const form = await scoringForm(reply.request.ctx(), personId, toolId);
    return reply.status(errors?.summary.length ? 400 : 200).page(view('score-form'), {
      title: `Score ${form.tool.row.name}`, section: SECTION, ...form, values, errors: errors ?? noErrors(), action: `${childHref(personId)}/${toolId}/score`, backHref: `${childHref(personId)}/${toolId}`,
    });
  };

  app.get('/people/:id/practice-tools/:toolId/score', async (request, reply) => {
    const personId = uuidParam(request.params);
    const q = (request.query ?? {}) as Record<string, unknown>;
    return scoreFormPage(reply, personId, uuidParam(request.params, 'toolId'), { scoredOn: dateParts(ukToday()), context: typeof q.context === 'string' ? q.context : '', idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/practice-tools/:toolId/score', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const toolId = uuidParam(request.params, 'toolId');
    // Who may score this child is decided before anything is read from the form (the save audits the change).
    await authorisePerson(ctx, personId, 'tools.score', { audit: false });
    const tool = await fullTool(ctx.db, toolId);
    if (!tool) throw new NotFoundError();
    const { values, input, errors } = readScoring(formOf(request), tool);
    return guarded(reply, { backHref: `${childHref(personId)}/${toolId}`, backText: 'Back to the child’s scores', section: SECTION }, async () => {
      if (!input) return scoreFormPage(reply, personId, toolId, values, errors);
      try {
        const id = await saveScoring(ctx, personId, toolId, { ...input, idempotencyKey: String(values.idempotencyKey) });
        return reply.redirect(`${childHref(personId)}/${toolId}#scoring-${id}`, 303);
      } catch (error) {
        if (error instanceof FieldProblem) return scoreFormPage(reply, personId, toolId, values, addProblems(noErrors(), [error], ['scoredOn']));
        throw error;
      }
    });
  });

  app.get('/people/:id/practice-tools/scorings/:scoringId', async (request, reply) => {
    const personId = uuidParam(request.params);
    const page = await scoringPage(request.ctx(), personId, uuidParam(request.params, 'scoringId'));
    return reply.page(view('scoring'), { title: `${page.tool.row.name}, ${page.scoring.scored_on}`, section: SECTION, ...page });
  });

  const editPage = async (reply: FastifyReply, personId: string, scoringId: string, values: Record<string, unknown> | null, errors?: FormErrors) => {
    const form = await scoringEditForm(reply.request.ctx(), personId, scoringId);
    return reply.status(errors?.summary.length ? 400 : 200).page(view('score-form'), {
      title: `Correct a scoring on ${form.tool.row.name}`, section: SECTION, ...form, values: values ?? { ...form.values, scoredOn: dateParts(form.scoring.scored_on) }, errors: errors ?? noErrors(),
      action: `${scoringHref(personId, scoringId)}/edit`, backHref: scoringHref(personId, scoringId), editing: true,
    });
  };

  app.get('/people/:id/practice-tools/scorings/:scoringId/edit', async (request, reply) => editPage(reply, uuidParam(request.params), uuidParam(request.params, 'scoringId'), null));

  app.post('/people/:id/practice-tools/scorings/:scoringId/edit', async (request, reply) => {
    const ctx = request.ctx();
    const personId = uuidParam(request.params);
    const scoringId = uuidParam(request.params, 'scoringId');
    const form = await scoringEditForm(ctx, personId, scoringId);
    const { values, input, errors } = readScoring(formOf(request), form.tool);
    const notes = form.tool.domains.map((d) => ({ label: `Note on ${d.name}`, value: String(values[`note-${d.id}`] ?? '') }));
    return guarded(reply, { backHref: scoringHref(personId, scoringId), backText: 'Back to the scoring', section: SECTION, entered: notes }, async () => {
      if (!input) return editPage(reply, personId, scoringId, values, errors);
      try {
        await updateScoring(ctx, personId, scoringId, { ...input, version: versionOf(String(values.version)) });
      } catch (error) {
        if (error instanceof FieldProblem) return editPage(reply, personId, scoringId, values, addProblems(noErrors(), [error], ['scoredOn']));
        throw error;
      }
      return reply.redirect(scoringHref(personId, scoringId), 303);
    });
  });
};
