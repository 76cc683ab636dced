import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { addProblems, formOf, guarded, idempotencyKeyOf } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { BAND_SLOTS, parseToolForm, toolFormValues } from './schema.ts';
import { createTool, definitionProblems, editTool, formValuesOf, publishTool, toolList, toolPage } from './service-tools.ts';
import { DIRECTIONS, RULES, STATUSES, STATUS_TAGS, versionOf } from './labels.ts';

export const view = (name: string) => `domains/practice-tools/views/${name}.njk`;
const SECTION = 'partnership';
const toolHref = (id: string) => `/practice-tools/${id}`;
const ENTERED = [['name', 'Name'], ['description', 'What it is for'], ['domains', 'Domains and items'], ['scaleLabels', 'Scale labels']] as const;
const entered = (values: Record<string, string>) => ENTERED.map(([f, label]) => ({ label, value: values[f] ?? '' }));

/** Reads the tool form, with every problem (fields, then the bands as a whole) against its field. */
function readToolForm(body: unknown) {
  const values = toolFormValues(body as Record<string, unknown>);
  const { definition, problems } = parseToolForm(values);
  const errors = addProblems(noErrors(), problems);
  if (definition) addProblems(errors, definitionProblems(definition));
  return { values, definition: errors.summary.length ? null : definition, errors };
}

/** The business manager's tools: the list, a tool's page, new tools, edits (a new version once published) and publishing. */
export const toolRoutes = async (app: FastifyInstance) => {
  app.get('/practice-tools', async (request, reply) => {
    const families = await toolList(request.ctx());
    return reply.page(view('tools'), { title: 'Practice tools', section: SECTION, families, statuses: STATUSES, statusTags: STATUS_TAGS });
  });

  const formPage = async (reply: FastifyReply, values: Record<string, string>, errors: FormErrors | null, editing: { id: string; published: boolean; name: string } | null) =>
    reply.status(errors?.summary.length ? 400 : 200).page(view('tool-form'), {
      title: editing ? (editing.published ? `New version of ${editing.name}` : `Edit ${editing.name}`) : 'Create a practice tool',
      section: SECTION, values, errors: errors ?? noErrors(), editing, bandSlots: BAND_SLOTS, rules: RULES, directions: DIRECTIONS,
      action: editing ? `${toolHref(editing.id)}/edit` : '/practice-tools/new',
    });

  app.get('/practice-tools/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return formPage(reply, { scaleMin: '1', scaleMax: '5', domainRule: 'mean', overallRule: 'mean', idempotencyKey: idempotencyKeyOf() }, null, null);
  });

  app.post('/practice-tools/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const { values, definition, errors } = readToolForm(formOf(request));
    values.idempotencyKey = idempotencyKeyOf(formOf(request));
    if (!definition) return formPage(reply, values, errors, null);
    try {
      return reply.redirect(toolHref(await createTool(ctx, definition, values.idempotencyKey)), 303);
    } catch (error) {
      if (error instanceof FieldProblem) return formPage(reply, values, addError(noErrors(), error.field, error.message), null);
      throw error;
    }
  });

  app.get('/practice-tools/:id', async (request, reply) => {
    const page = await toolPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('tool'), { title: page.tool.row.name, section: SECTION, ...page, statuses: STATUSES, statusTags: STATUS_TAGS, rules: RULES, directions: DIRECTIONS });
  });

  app.get('/practice-tools/:id/edit', async (request, reply) => {
    const page = await toolPage(request.ctx(), uuidParam(request.params));
    if (page.tool.row.status === 'published' && page.draft) return reply.redirect(`${toolHref(page.draft.id)}/edit`, 303);
    if (page.tool.row.status === 'superseded') return reply.redirect(toolHref(page.tool.row.id), 303);
    return formPage(reply, formValuesOf(page.tool), null, { id: page.tool.row.id, published: page.tool.row.status === 'published', name: page.tool.row.name });
  });

  app.post('/practice-tools/:id/edit', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const { values, definition, errors } = readToolForm(formOf(request));
    return guarded(reply, { backHref: toolHref(id), backText: 'Back to the tool', section: SECTION, entered: entered(values) }, async () => {
      const page = await toolPage(ctx, id);
      const editing = { id, published: page.tool.row.status === 'published', name: page.tool.row.name };
      if (!definition) return formPage(reply, values, errors, editing);
      try {
        return reply.redirect(toolHref(await editTool(ctx, id, versionOf(values.version ?? ''), definition)), 303);
      } catch (error) {
        if (error instanceof FieldProblem) return formPage(reply, values, addError(noErrors(), error.field, error.message), editing);
        throw error;
      }
    });
  });

  app.post('/practice-tools/:id/publish', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    return guarded(reply, { backHref: toolHref(id), backText: 'Back to the tool', section: SECTION }, async () => {
      await publishTool(ctx, id, versionOf(text(formOf(request), 'version')));
      return reply.redirect(toolHref(id), 303);
    });
  });
};
