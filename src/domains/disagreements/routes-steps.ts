import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { type DatedForm, formOf, guarded, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import type { Step } from './access.ts';
import { RESOLUTIONS, STAGES } from './labels.ts';
import { escalateFields, resolveFields, respondFields, withdrawFields } from './schema.ts';
import { formDisagreement } from './service-read.ts';
import { escalate, resolve, respond, withdraw } from './service-steps.ts';

const VIEW = 'domains/disagreements/views/step-form.njk';
export const disagreementHref = (id: string) => `/disagreements/${id}`;

interface StepForm {
  step: Step;
  title: string;
  /** The date's legend and the note's label and hint. */
  dateLabel: string;
  noteLabel: string;
  noteHint: string;
  button: string;
  form: DatedForm<unknown>;
  save: (ctx: RequestContext, id: string, data: never) => Promise<void>;
}

const dated = (label: string, missing: string) => ({ occurredOn: [label, missing] as [string, string] });
const note = (b: Record<string, unknown>) => ({ note: text(b, 'note') });

const FORMS: StepForm[] = [
  {
    step: 'respond', title: 'Record a response', dateLabel: 'Date of the response', noteLabel: 'What was said', button: 'Save the response',
    noteHint: 'The response to the disagreement and the reasons for it, or the reply from the person who raised it.',
    form: { dates: dated('The date of the response', 'Enter the date of the response'), fields: note, schema: respondFields, entered: { note: 'What was said' } },
    save: (ctx, id, data) => respond(ctx, id, data),
  },
  {
    step: 'escalate', title: 'Escalate to the next stage', dateLabel: 'Date it was escalated', noteLabel: 'Why it is escalated', button: 'Escalate',
    noteHint: 'What is still not agreed, and why it needs the next level of seniority.',
    form: { dates: dated('The date it was escalated', 'Enter the date it was escalated'), fields: note, schema: escalateFields, entered: { note: 'Why it is escalated' } },
    save: (ctx, id, data) => escalate(ctx, id, data),
  },
  {
    step: 'resolve', title: 'Record the resolution', dateLabel: 'Date it was resolved', noteLabel: 'Summary of the resolution', button: 'Record the resolution',
    noteHint: 'What was agreed, who will do what, and anything learned for practice.',
    form: { dates: dated('The date it was resolved', 'Enter the date it was resolved'), fields: (b) => ({ ...note(b), resolution: text(b, 'resolution') }), schema: resolveFields, entered: { note: 'Summary of the resolution' } },
    save: (ctx, id, data) => resolve(ctx, id, data),
  },
  {
    step: 'withdraw', title: 'Withdraw the disagreement', dateLabel: 'Date it was withdrawn', noteLabel: 'Why it is withdrawn', button: 'Withdraw',
    noteHint: 'For example, new information answered the concern.',
    form: { dates: dated('The date it was withdrawn', 'Enter the date it was withdrawn'), fields: note, schema: withdrawFields, entered: { note: 'Why it is withdrawn' } },
    save: (ctx, id, data) => withdraw(ctx, id, data),
  },
];

/** The step forms on a disagreement: respond, escalate, resolve, withdraw, each refused with a reason when not allowed. */
export async function stepRoutes(app: FastifyInstance) {
  for (const f of FORMS) {
    const show = async (reply: FastifyReply, id: string, values: Record<string, unknown> | null, errors?: FormErrors) => {
      const data = await formDisagreement(reply.request.ctx(), id);
      const next = data.row.stage < 4 ? STAGES[data.row.stage + 1]!.label : null;
      return reply.status(errors?.summary.length ? 400 : 200).page(VIEW, {
        ...f, form: undefined, save: undefined, section: 'disagreements', ...data, next, resolutions: RESOLUTIONS,
        values: values ?? { version: data.row.version, occurredOn: dateParts(ukToday()) }, errors: errors ?? noErrors(),
      });
    };

    app.get(`/disagreements/:id/${f.step}`, async (request, reply) => show(reply, uuidParam(request.params), null));

    app.post(`/disagreements/:id/${f.step}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const { values, parsed, errors, entered } = readDatedForm(formOf(request), f.form);
      return guarded(reply, { backHref: disagreementHref(id), backText: 'Back to the disagreement', section: 'disagreements', entered }, async () => {
        if (!parsed.success || errors.summary.length) return show(reply, id, values, errors);
        try {
          await f.save(ctx, id, parsed.data as never);
        } catch (error) {
          if (error instanceof FieldProblem) return show(reply, id, values, addError(noErrors(), error.field === 'occurredOn' ? 'occurredOn-day' : error.field, error.message));
          throw error;
        }
        return reply.redirect(disagreementHref(id), 303);
      });
    });
  }
}
