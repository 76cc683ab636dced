import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { codeItems, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';

/**
 * The business manager's forms, each described once: its fields (rendered by one template, `form.njk`), its Zod
 * schema, what it is about (loaded and checked before the form shows) and how it saves. Every form asks
 * `partnership.manage` before it reads or parses anything; creating forms carry an idempotency key, editing
 * forms the version the user read (a stale one is a 409 page that shows back what was typed).
 */

export type FieldKind = 'input' | 'textarea' | 'select' | 'radios' | 'date' | 'money';

export interface Field {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  /** A required date's message when left empty (optional dates have none). */
  missing?: string;
  /** Free text worth showing back on a 409 page. */
  entered?: boolean;
}

export interface Loaded {
  back: { href: string; text: string };
  /** A line above the form saying what it is about (never a child). */
  caption?: string;
  /** Items for each select and radios field, by field name. */
  choices?: Record<string, Record<string, string>>;
  /** What the form starts with: dates as 'YYYY-MM-DD', the rest as text. */
  defaults?: Record<string, unknown>;
  version?: number;
}

export interface BoardForm {
  path: string;
  title: string;
  button: string;
  fields: Field[];
  schema: { safeParse: (v: unknown) => { success: true; data: unknown } | { success: false; error: import('zod').ZodError } };
  creates: boolean;
  load: (ctx: RequestContext, params: unknown) => Promise<Loaded>;
  /** Saves and answers where to go next. */
  save: (ctx: RequestContext, params: unknown, data: never, key: string) => Promise<string>;
}

const SECTION = 'partnership';

const datedForm = (form: BoardForm) => ({
  dates: Object.fromEntries(form.fields.filter((f) => f.kind === 'date').map((f) => [f.name, [f.label, f.missing] as [string, string | undefined]])),
  fields: (body: unknown) => Object.fromEntries(form.fields.filter((f) => f.kind !== 'date').map((f) => [f.name, text(body, f.name)])),
  schema: form.schema,
  entered: Object.fromEntries(form.fields.filter((f) => f.entered).map((f) => [f.name, f.label])),
});

export function registerForm(app: FastifyInstance, form: BoardForm) {
  const dated = datedForm(form);
  const page = async (reply: FastifyReply, loaded: Loaded, values: Record<string, unknown>, errors?: FormErrors) => {
    const fields = form.fields.map((f) => ({
      ...f,
      value: values[f.name],
      items: f.kind === 'select' || f.kind === 'radios' ? codeItems(loaded.choices?.[f.name] ?? {}, String(values[f.name] ?? ''), f.kind === 'select' ? { blank: 'Select' } : {}) : undefined,
    }));
    return reply.status(errors?.summary.length ? 400 : 200).page('domains/board/views/form.njk', {
      title: form.title, section: SECTION, button: form.button, back: loaded.back, caption: loaded.caption, fields, values, errors: errors ?? noErrors(), action: reply.request.url.split('?')[0],
    });
  };

  app.get(form.path, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const loaded = await form.load(ctx, request.params);
    const defaults = Object.fromEntries(form.fields.map((f) => [f.name, f.kind === 'date' ? dateParts((loaded.defaults?.[f.name] as string | null | undefined) ?? null) : (loaded.defaults?.[f.name] ?? '')]));
    return page(reply, loaded, { ...defaults, version: loaded.version, idempotencyKey: form.creates ? idempotencyKeyOf() : undefined });
  });

  app.post(form.path, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const loaded = await form.load(ctx, request.params);
    const { values, parsed, errors, entered } = readDatedForm(formOf(request), dated);
    return guarded(reply, { backHref: loaded.back.href, backText: loaded.back.text, section: SECTION, entered }, async () => {
      if (!parsed.success || errors.summary.length) return page(reply, loaded, values, errors);
      try {
        const next = await form.save(ctx, request.params, parsed.data as never, values.idempotencyKey);
        return reply.redirect(next, 303);
      } catch (error) {
        if (error instanceof FieldProblem) return page(reply, loaded, values, addError(noErrors(), error.field in dated.dates ? `${error.field}-day` : error.field, error.message));
        throw error;
      }
    });
  });
}
