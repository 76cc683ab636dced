import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { CLOCK_LABELS } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { codeItems, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, fromZodError, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { SECTION, STATUSES, view } from './labels.ts';
import { returnRoutes } from './routes-returns.ts';
import { roundFields, standardEdit, standardFields, versionOnly } from './schema.ts';
import { myReturns } from './service-returns.ts';
import { addStandard, agencyChoices, closeRound, editStandard, openRound, roundList, roundPage, standardFor, standardList } from './service-setup.ts';


const STANDARD_ENTERED = { title: 'Standard', description: 'What it means', indicators: 'Indicators' };
const standardValues = (b: unknown) => ({ number: text(b, 'number'), title: text(b, 'title'), description: text(b, 'description'), indicators: text(b, 'indicators'), inUse: text(b, 'inUse') === 'yes', version: text(b, 'version') });

const ROUND = {
  dates: {
    opensOn: ['The date the round opens', 'Enter the date the round opens'] as [string, string | undefined],
    dueOn: ['The date returns are due', 'Enter the date returns are due'] as [string, string | undefined],
    challengeOn: ['Challenge day', undefined] as [string, string | undefined],
  },
  fields: (b: unknown) => ({ title: text(b, 'title'), agencyIds: list(b, 'agencyIds') }),
  schema: roundFields,
  entered: { title: 'Name of the round' },
};

/**
 * Section 11 self-assessment. The landing page shows each user what they may do: their agency's returns to answer,
 * the rounds and their summaries for the business manager and the board, and the business manager's standards.
 */
export const section11Routes = fp(async (app: FastifyInstance) => {
  app.get('/section-11', async (request, reply) => {
    const ctx = request.ctx();
    const may = (action: Parameters<typeof can>[1]) => can(ctx.actor, action).allowed;
    return reply.page(view('index'), {
      title: 'Section 11 self-assessment', section: SECTION,
      mayManage: may('partnership.manage'), mayView: may('quality.view'), mayAnswer: may('section11.answer'),
      returns: may('section11.answer') ? await myReturns(ctx) : [],
      rounds: may('quality.view') ? await roundList(ctx) : [],
      statuses: STATUSES, clocks: CLOCK_LABELS, today: ukToday(),
    });
  });

  app.get('/section-11/standards', async (request, reply) => {
    const rows = await standardList(request.ctx());
    return reply.page(view('standards'), { title: 'Section 11 standards', section: SECTION, rows });
  });

  const standardForm = (reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors, id: string | null) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('standard-form'), { title: id ? 'Change a standard' : 'Add a standard', section: SECTION, values, errors, id });

  app.get('/section-11/standards/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const next = (await standardList(request.ctx())).reduce((n, s) => Math.max(n, s.number), 0) + 1;
    return standardForm(reply, { number: String(next), inUse: true }, noErrors(), null);
  });

  app.post('/section-11/standards/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const values = standardValues(formOf(request));
    const parsed = standardFields.safeParse(values);
    if (!parsed.success) return standardForm(reply, values, fromZodError(parsed.error), null);
    await addStandard(ctx, parsed.data);
    return reply.redirect('/section-11/standards', 303);
  });

  app.get('/section-11/standards/:id', async (request, reply) => {
    const s = await standardFor(request.ctx(), uuidParam(request.params));
    return standardForm(reply, { number: String(s.number), title: s.title, description: s.description, indicators: s.indicators.join('\n'), inUse: s.in_use, version: s.version }, noErrors(), s.id);
  });

  app.post('/section-11/standards/:id', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const values = standardValues(formOf(request));
    const parsed = standardEdit.safeParse(values);
    const entered = Object.entries(STANDARD_ENTERED).map(([name, label]) => ({ label, value: String(values[name as keyof typeof values] ?? '') }));
    return guarded(reply, { backHref: `/section-11/standards/${id}`, backText: 'Back to the standard', section: SECTION, entered }, async () => {
      if (!parsed.success) return standardForm(reply, values, fromZodError(parsed.error), id);
      await editStandard(ctx, id, parsed.data);
      return reply.redirect('/section-11/standards', 303);
    });
  });

  const roundForm = async (reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors) => {
    const agencies = await agencyChoices(reply.request.ctx());
    return reply.status(errors.summary.length ? 400 : 200).page(view('round-form'), {
      title: 'Open a Section 11 round', section: SECTION, values, errors,
      agencyItems: codeItems(Object.fromEntries(agencies.map((a) => [a.id, a.name])), (values.agencyIds ?? []) as string[]),
    });
  };

  app.get('/section-11/rounds/new', async (request, reply) => {
    // Every agency is asked unless the business manager leaves some out.
    const agencies = await agencyChoices(request.ctx());
    const today = ukToday();
    return roundForm(reply, { title: `Section 11 self-assessment ${today.slice(0, 4)}`, opensOn: dateParts(today), dueOn: dateParts(null), challengeOn: dateParts(null), agencyIds: agencies.map((a) => a.id), idempotencyKey: idempotencyKeyOf() }, noErrors());
  });

  app.post('/section-11/rounds/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const { values, parsed, errors } = readDatedForm(formOf(request), ROUND);
    if (!parsed.success || errors.summary.length) return roundForm(reply, values, errors);
    try {
      const id = await openRound(ctx, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      return reply.redirect(`/section-11/rounds/${id}`, 303);
    } catch (error) {
      if (error instanceof FieldProblem) return roundForm(reply, values, addError(noErrors(), error.field in ROUND.dates ? `${error.field}-day` : error.field, error.message));
      throw error;
    }
  });

  app.get('/section-11/rounds/:id', async (request, reply) => {
    const data = await roundPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('round'), { title: data.round.title, section: SECTION, ...data, statuses: STATUSES, clocks: CLOCK_LABELS });
  });

  app.post('/section-11/rounds/:id/close', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const parsed = versionOnly.safeParse({ version: text(formOf(request), 'version') });
    return guarded(reply, { backHref: `/section-11/rounds/${id}`, backText: 'Back to the round', section: SECTION }, async () => {
      if (!parsed.success) throw new FieldProblem('version', 'The form is missing its version. Reload the page and try again.');
      await closeRound(ctx, id, parsed.data.version);
      return reply.redirect(`/section-11/rounds/${id}`, 303);
    });
  });

  await app.register(returnRoutes);
});
