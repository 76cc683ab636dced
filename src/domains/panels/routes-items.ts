import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateInputError, dateInputItems, type DateInputValue } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { signed } from './agenda.ts';
import { choiceItems, CLOSURE_OUTCOMES, ITEM_OUTCOMES, MASG_SERVICES } from './codes.ts';
import { attempt, body, conflictPage, dateField, dateValue, idOf, keyOf, newKey, view, zodErrors } from './route-helpers.ts';
import { actionFields, itemFields } from './schema.ts';
import * as items from './service-items.ts';

type Values = Record<string, string | string[]>;
const ITEM_ORDER = ['discussion', 'decision', 'distanceScore', 'servicesOffered', 'outcome', 'nextReviewDue', 'closureOutcome'];
const ACTION_ORDER = ['action', 'ownerId', 'dueOn'];

interface Forms {
  values?: Values;
  reviewDate?: DateInputValue;
  errors?: FormErrors;
  actionValues?: Values;
  dueDate?: DateInputValue;
  actionErrors?: FormErrors;
}

/** The discussion page: what is known about the child, the decision form and the action form. */
async function itemView(request: FastifyRequest, reply: FastifyReply, forms: Forms = {}) {
  const page = await items.itemPage(request.ctx(), idOf(request));
  const i = page.item;
  const outcome = i.status === 'deferred' ? 'defer' : i.closure_outcome ? 'close' : i.status === 'decided' ? 'continue' : '';
  const values: Values = forms.values ?? {
    outcome, discussion: i.discussion ?? '', decision: i.decision ?? '', distanceScore: i.distance_score ? String(i.distance_score) : '',
    servicesOffered: i.services_offered, closureOutcome: i.closure_outcome ?? '', version: String(page.version),
  };
  const errors = forms.errors ?? noErrors();
  const actionErrors = forms.actionErrors ?? noErrors();
  const reviewDate = forms.reviewDate ?? dateValue(i.next_review_due ?? page.defaultNextReview);
  const dueDate = forms.dueDate ?? dateValue(null);
  const actionValues = forms.actionValues ?? { idempotencyKey: newKey() };
  return reply.page(view('item'), {
    title: `Discussion: ${page.referral.name}`,
    section: 'panels',
    ...page,
    values,
    // The layout's error summary shows whichever form was sent with problems.
    errors: errors.summary.length ? errors : actionErrors,
    itemErrors: errors,
    actionErrors,
    actionValues,
    signed,
    outcomeItems: choiceItems(ITEM_OUTCOMES, values.outcome as string),
    scoreItems: Array.from({ length: 10 }, (_, n) => ({ value: String(n + 1), text: String(n + 1), checked: values.distanceScore === String(n + 1) })),
    serviceItems: choiceItems(MASG_SERVICES, values.servicesOffered as string[]),
    closureItems: choiceItems(CLOSURE_OUTCOMES, values.closureOutcome as string),
    reviewItems: dateInputItems(reviewDate, 'nextReviewDue', errors),
    reviewError: dateInputError('nextReviewDue', errors),
    ownerItems: [{ value: '', text: 'Select who will do it' }, ...page.owners.map((u) => ({ value: u.id, text: `${u.name}, ${u.agencyName}`, selected: actionValues.ownerId === u.id }))],
    dueItems: dateInputItems(dueDate, 'dueOn', actionErrors),
    dueError: dateInputError('dueOn', actionErrors),
  });
}

export async function itemRoutes(app: FastifyInstance) {
  app.get('/panels/agenda-items/:id', (request, reply) => itemView(request, reply));

  app.post('/panels/agenda-items/:id', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    // Authorises (and shows the page) before anything sent is used.
    const page = await items.itemPage(ctx, id, { audit: false });
    const b = body(request);
    const values: Values = {
      outcome: text(b, 'outcome'), discussion: text(b, 'discussion'), decision: text(b, 'decision'), distanceScore: text(b, 'distanceScore'),
      servicesOffered: list(b, 'servicesOffered'), closureOutcome: text(b, 'closureOutcome'), version: text(b, 'version'),
    };
    const errors = noErrors();
    const review = dateField(b, 'nextReviewDue', 'The next review date', errors, null);
    const parsed = itemFields(page.referral.kind, page.meeting.meeting_date).safeParse({
      ...values, nextReviewDue: review.value, distanceScore: values.distanceScore || null, closureOutcome: values.closureOutcome || null,
    });
    const all = zodErrors(parsed.success ? null : parsed.error, ITEM_ORDER, errors);
    if (!parsed.success || all.summary.length) return itemView(request, reply.status(400), { values, reviewDate: review.input, errors: all });
    try {
      await items.recordItem(ctx, id, parsed.data);
    } catch (error) {
      return conflictPage(reply, error, {
        back: `/panels/agenda-items/${id}`, backText: 'Start again from the saved version',
        yours: [{ label: 'Discussion', value: values.discussion as string }, { label: 'Decision', value: values.decision as string }, { label: 'Distance travelled', value: values.distanceScore as string }],
      });
    }
    return reply.redirect(`/panels/meetings/${page.meeting.id}#item-${id}`, 303);
  });

  app.post('/panels/agenda-items/:id/actions', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    await items.itemPage(ctx, id, { audit: false });
    const b = body(request);
    const actionValues: Values = { action: text(b, 'action'), ownerId: text(b, 'ownerId'), idempotencyKey: keyOf(b) };
    const actionErrors = noErrors();
    const due = dateField(b, 'dueOn', 'The due date', actionErrors, 'Enter the date the action is due');
    const parsed = actionFields.safeParse({ ...actionValues, dueOn: due.value });
    const all = zodErrors(parsed.success ? null : parsed.error, ACTION_ORDER, actionErrors);
    if (!parsed.success || all.summary.length) return itemView(request, reply.status(400), { actionValues, dueDate: due.input, actionErrors: all });
    const result = await attempt(() => items.addAction(ctx, id, parsed.data));
    if (!result.ok) return itemView(request, reply.status(result.status), { actionValues, dueDate: due.input, actionErrors: result.errors });
    return reply.redirect(`/panels/agenda-items/${id}#actions`, 303);
  });
}
