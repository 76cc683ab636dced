import type { FastifyReply } from 'fastify';
import { type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';

export const SECTION = 'partnership';
export const view = (name: string) => `domains/training/views/${name}.njk`;

/** One of training's forms: how it reads and checks its body, what the page needs, and what saving it does. */
export interface TrainingForm<T> extends DatedForm<T> {
  template: string;
  title: string;
  backHref: string;
  backText: string;
  /** What the page shows beside the form (the session, the course). */
  context: () => Promise<Record<string, unknown>>;
  /** Saves and says where to go next. */
  save: (data: T, idempotencyKey: string) => Promise<string>;
}

export async function showForm<T>(reply: FastifyReply, form: TrainingForm<T>, values: Record<string, unknown>, errors: FormErrors = noErrors()) {
  const context = await form.context();
  return reply.status(errors.summary.length ? 400 : 200).page(view(form.template), {
    title: form.title, section: SECTION, backHref: form.backHref, backText: form.backText, ...context,
    values: { idempotencyKey: idempotencyKeyOf(), ...values }, errors,
  });
}

/** Reads, checks and saves a posted form: bad input is shown again with the error summary and what was typed. */
export async function postForm<T>(reply: FastifyReply, form: TrainingForm<T>) {
  const { values, parsed, errors, entered } = readDatedForm(formOf(reply.request), form);
  return guarded(reply, { backHref: form.backHref, backText: form.backText, section: SECTION, entered }, async () => {
    if (!parsed.success || errors.summary.length) return showForm(reply, form, values, errors);
    try {
      return reply.redirect(await form.save(parsed.data, values.idempotencyKey), 303);
    } catch (error) {
      if (error instanceof FieldProblem) return showForm(reply, form, values, addError(noErrors(), error.field in form.dates ? `${error.field}-day` : error.field, error.message));
      throw error;
    }
  });
}
