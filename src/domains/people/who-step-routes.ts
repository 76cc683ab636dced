import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import type { Action } from '../../platform/access/rules.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { type DatedForm, formOf, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { handleWhoStep, type Picked, pickedParts, type WhoPage, type WhoStep, whoView } from './who-step.ts';

export type PickedParts = Awaited<ReturnType<typeof pickedParts>>;

/** The people chosen for one part, for the second step's page. */
export const peopleIn = (parts: PickedParts, key: string) => parts.find((p) => p.key === key)?.people ?? [];

/** A record opened in two steps: who it is about (the people domain's step), then what it is (a dated form). */
export interface NewRecordFlow<T> {
  /** '/lado/new': GET shows the first step; POST handles every button of both. */
  path: string;
  action: Action;
  section: string;
  who: WhoStep;
  whoPage: { template: string; title: string };
  details: {
    template: string;
    title: string;
    /** The second step's first values, such as today's date. */
    defaults: () => Record<string, unknown>;
    /** What else the second step's page shows: the people chosen by name, code lists (with the values typed). */
    context: (ctx: RequestContext, parts: PickedParts, values: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;
  };
  form: DatedForm<T>;
  /** Records it and says where it now lives; a `FieldProblem` refusal is shown beside its field. */
  save: (ctx: RequestContext, input: T, picked: Picked, idempotencyKey: string) => Promise<string>;
  /** The fields of refusals that are about the people chosen, shown on the first step. */
  peopleFields: readonly string[];
}

/**
 * The routes of a LADO concern, a MARAC referral, a child's death or a practice review: the people chosen travel
 * in the form body between the steps, never in the URL, and nothing typed is lost when either step is refused.
 */
export function newRecordRoutes<T>(app: FastifyInstance, flow: NewRecordFlow<T>) {
  const whoPage = async (request: FastifyRequest, reply: FastifyReply, picked: Picked, idempotencyKey: string, page: WhoPage = {}) => {
    const who = await whoView(request.ctx(), flow.who, picked, page);
    return reply.status(page.status ?? 200).page(flow.whoPage.template, { title: flow.whoPage.title, section: flow.section, idempotencyKey, who, errors: who.errors });
  };
  const detailsPage = async (request: FastifyRequest, reply: FastifyReply, picked: Picked, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = request.ctx();
    const parts = await pickedParts(ctx, flow.who, picked);
    return reply.status(errors?.summary.length ? 400 : 200).page(flow.details.template, {
      title: flow.details.title, section: flow.section, parts, values, errors: errors ?? noErrors(), ...(await flow.details.context(ctx, parts, values)),
    });
  };

  app.get(flow.path, async (request, reply) => {
    authorise(request.ctx(), flow.action);
    return whoPage(request, reply, Object.fromEntries(flow.who.parts.map((p) => [p.key, []])), idempotencyKeyOf());
  });

  app.post(flow.path, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, flow.action);
    const body = formOf(request);
    const idempotencyKey = idempotencyKeyOf(body);
    const who = await handleWhoStep(ctx, body, flow.who);
    if ('page' in who) return whoPage(request, reply, who.picked, idempotencyKey, who.page);
    if (who.next === 'continue') return detailsPage(request, reply, who.picked, { ...flow.details.defaults(), idempotencyKey });
    const form = readDatedForm(body, flow.form);
    if (!form.parsed.success || form.errors.summary.length) return detailsPage(request, reply, who.picked, form.values, form.errors);
    try {
      return reply.redirect(await flow.save(ctx, form.parsed.data, who.picked, idempotencyKey), 303);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      if (flow.peopleFields.includes(error.field)) return whoPage(request, reply, who.picked, idempotencyKey, { errors: addError(noErrors(), 'searchName', error.message), status: 400 });
      return detailsPage(request, reply, who.picked, form.values, addError(noErrors(), error.field in flow.form.dates ? `${error.field}-day` : error.field, error.message));
    }
  });
}
