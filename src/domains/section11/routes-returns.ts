import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { addProblems, dateField, formOf, guarded, readDatedForm } from '../../platform/http/forms.ts';
import { BadRequestError, FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { MOVEMENTS } from './arithmetic.ts';
import { RATING_TAGS, RATINGS, SECTION, STATUSES, view } from './labels.ts';
import { answerFields, challengeFields, extensionFields, versionOnly } from './schema.ts';
import { roundSummary } from './service-summary.ts';
import { type Answers, answerPage, checkAnswers, extendReturn, reopenReturn, returnView, saveChallenge, saveReturn } from './service-returns.ts';

const returnHref = (id: string) => `/section-11/returns/${id}`;
const answerHref = (id: string) => `${returnHref(id)}/answer`;

type Standard = { id: string; number: number; title: string };

/** The answers as typed (to show again) and as parsed, with every problem against its field. */
function readAnswers(body: FormBody, standards: readonly Standard[], submit: boolean) {
  const errors = noErrors();
  const answers: Answers = new Map();
  const values: Record<string, unknown> = { version: text(body, 'version') };
  for (const s of standards) {
    const n = s.number;
    const due = dateField(body, `due${n}`, `The date for standard ${n}’s action`, errors);
    Object.assign(values, { [`rating-${n}`]: text(body, `rating-${n}`), [`evidence-${n}`]: text(body, `evidence-${n}`), [`action-${n}`]: text(body, `action-${n}`), [`due${n}`]: due.input });
    const parsed = answerFields.safeParse({ rating: text(body, `rating-${n}`), evidence: text(body, `evidence-${n}`), action: text(body, `action-${n}`), actionDueOn: due.value });
    if (parsed.success) answers.set(n, parsed.data);
    else for (const issue of parsed.error.issues) addError(errors, issue.path[0] === 'rating' ? `rating-${n}` : issue.path[0] === 'actionDueOn' ? `due${n}-day` : `${String(issue.path[0])}-${n}`, `Standard ${n}: ${issue.message}`);
  }
  if (!errors.summary.length) addProblems(errors, checkAnswers(standards, answers, submit, ukToday()).map((p) => ({ ...p, field: p.field.startsWith('due') ? `${p.field}-day` : p.field })));
  return { values, answers, errors };
}

/** A return's pages: the agency answering for itself, the business manager and board reading it, challenge day. */
export const returnRoutes = async (app: FastifyInstance) => {
  const answerForm = async (reply: FastifyReply, id: string, values: Record<string, unknown> | null, errors: FormErrors, flash?: string) => {
    const data = await answerPage(reply.request.ctx(), id);
    const shown = values ?? Object.fromEntries([
      ['version', data.ret.version],
      ...data.rows.flatMap((r) => {
        const n = r.standard.number;
        return [[`rating-${n}`, r.answer?.rating ?? 'unanswered'], [`evidence-${n}`, r.answer?.evidence ?? ''], [`action-${n}`, r.answer?.action ?? ''], [`due${n}`, dateParts(r.answer?.action_due_on)]];
      }),
    ]);
    return reply.status(errors.summary.length ? 400 : 200).page(view('answer'), {
      title: `${data.ret.agency_name}: Section 11 return`, section: SECTION, ...data, values: shown, errors, flash,
      ratings: RATINGS, ratingTags: RATING_TAGS, movements: MOVEMENTS, statuses: STATUSES, clocks: CLOCK_LABELS,
    });
  };

  app.get('/section-11/returns/:id/answer', async (request, reply) => {
    const saved = (request.query as Record<string, unknown> | undefined)?.saved === '1';
    return answerForm(reply, uuidParam(request.params), null, noErrors(), saved ? 'Your return has been saved as a draft' : undefined);
  });

  app.post('/section-11/returns/:id/answer', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'section11.answer');
    const id = uuidParam(request.params);
    const body = formOf(request);
    const submit = text(body, 'action') === 'submit';
    const data = await answerPage(ctx, id);
    const standards = data.rows.map((r) => r.standard);
    const { values, answers, errors } = readAnswers(body, standards, submit);
    const version = versionOnly.safeParse({ version: values.version });
    if (!version.success) throw new BadRequestError('The form is missing its version. Reload the page and try again.');
    const entered = standards.flatMap((s) => [
      { label: `Standard ${s.number}: rating`, value: RATINGS[text(body, `rating-${s.number}`) as keyof typeof RATINGS] ?? '' },
      { label: `Standard ${s.number}: evidence`, value: text(body, `evidence-${s.number}`) },
      { label: `Standard ${s.number}: improvement action`, value: text(body, `action-${s.number}`) },
    ]);
    return guarded(reply, { backHref: answerHref(id), backText: 'Back to the return', section: SECTION, entered }, async () => {
      if (errors.summary.length) return answerForm(reply, id, values, errors);
      await saveReturn(ctx, id, { version: version.data.version, answers, submit });
      return reply.redirect(submit ? answerHref(id) : `${answerHref(id)}?saved=1`, 303);
    });
  });

  app.get('/section-11/returns/:id', async (request, reply) => {
    const data = await returnView(request.ctx(), uuidParam(request.params));
    return reply.page(view('return'), {
      title: `${data.ret.agency_name}: Section 11 return`, section: SECTION, ...data,
      mayManage: can(request.ctx().actor, 'partnership.manage').allowed, ratingTags: RATING_TAGS, movements: MOVEMENTS, statuses: STATUSES, clocks: CLOCK_LABELS,
    });
  });

  app.post('/section-11/returns/:id/reopen', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const parsed = versionOnly.safeParse({ version: text(formOf(request), 'version') });
    if (!parsed.success) throw new BadRequestError('The form is missing its version. Reload the page and try again.');
    return guarded(reply, { backHref: returnHref(id), backText: 'Back to the return', section: SECTION }, async () => {
      await reopenReturn(ctx, id, parsed.data.version);
      return reply.redirect(returnHref(id), 303);
    });
  });

  const challengeForm = async (reply: FastifyReply, id: string, values: Record<string, unknown> | null, errors: FormErrors) => {
    authorise(reply.request.ctx(), 'partnership.manage');
    const data = await returnView(reply.request.ctx(), id);
    const c = data.challenge;
    const shown = values ?? { challenged: c?.challenged ?? '', agencyAnswer: c?.agency_answer ?? '', agreedActions: c?.agreed_actions ?? '', version: c?.version ?? 0 };
    return reply.status(errors.summary.length ? 400 : 200).page(view('challenge-form'), { title: 'Challenge day notes', section: SECTION, ret: data.ret, values: shown, errors });
  };

  app.get('/section-11/returns/:id/challenge', async (request, reply) => challengeForm(reply, uuidParam(request.params), null, noErrors()));

  app.post('/section-11/returns/:id/challenge', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const body = formOf(request);
    const values = { challenged: text(body, 'challenged'), agencyAnswer: text(body, 'agencyAnswer'), agreedActions: text(body, 'agreedActions'), version: text(body, 'version') };
    const parsed = challengeFields.safeParse(values);
    const entered = [{ label: 'What was challenged', value: values.challenged }, { label: 'The agency’s answer', value: values.agencyAnswer }, { label: 'Agreed actions', value: values.agreedActions }];
    return guarded(reply, { backHref: returnHref(id), backText: 'Back to the return', section: SECTION, entered }, async () => {
      if (!parsed.success) return challengeForm(reply, id, values, fromZodError(parsed.error));
      await saveChallenge(ctx, id, parsed.data);
      return reply.redirect(returnHref(id), 303);
    });
  });

  const EXTENSION = { dates: { extendedTo: ['The new due date', 'Enter the new due date'] as [string, string | undefined] }, fields: () => ({}), schema: extensionFields, entered: {} };
  const extendForm = async (reply: FastifyReply, id: string, values: Record<string, unknown> | null, errors: FormErrors) => {
    authorise(reply.request.ctx(), 'partnership.manage');
    const { ret } = await returnView(reply.request.ctx(), id);
    return reply.status(errors.summary.length ? 400 : 200).page(view('extend-form'), { title: 'Agree a later due date', section: SECTION, ret, values: values ?? { version: ret.version, extendedTo: dateParts(ret.extended_to) }, errors });
  };

  app.get('/section-11/returns/:id/extend', async (request, reply) => extendForm(reply, uuidParam(request.params), null, noErrors()));

  app.post('/section-11/returns/:id/extend', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const { values, parsed, errors } = readDatedForm(formOf(request), EXTENSION);
    return guarded(reply, { backHref: returnHref(id), backText: 'Back to the return', section: SECTION }, async () => {
      if (!parsed.success || errors.summary.length) return extendForm(reply, id, values, errors);
      try {
        await extendReturn(ctx, id, parsed.data);
      } catch (error) {
        if (error instanceof FieldProblem) return extendForm(reply, id, values, addError(noErrors(), 'extendedTo-day', error.message));
        throw error;
      }
      return reply.redirect(returnHref(id), 303);
    });
  });

  app.get('/section-11/rounds/:id/summary', async (request, reply) => {
    const data = await roundSummary(request.ctx(), uuidParam(request.params));
    return reply.page(view('summary'), { title: `Partnership summary: ${data.round.title}`, section: SECTION, ...data, mayManage: can(request.ctx().actor, 'partnership.manage').allowed });
  });
};
