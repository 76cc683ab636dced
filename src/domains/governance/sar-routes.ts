import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { checkDate, dateParts, readDateInput } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { compileBundle } from './sar-compile.ts';
import { REDACTION_REASONS, REQUESTER_KINDS, SAR_STATUSES, STATUS_COLOURS } from './sar-labels.ts';
import { sarBundleRoutes } from './sar-routes-bundle.ts';
import { CLOSE_FORM, EXTENSION_FORM, PAUSE_FORM, REQUESTER_FORM, RESUME_FORM } from './sar-schema.ts';
import * as sar from './sar-service.ts';

export const view = (name: string) => `domains/governance/views/${name}.njk`;
export const sarHref = (id: string) => `/governance/sars/${id}`;
const SECTION = 'governance';
const codes = { kinds: REQUESTER_KINDS, statuses: SAR_STATUSES, colours: STATUS_COLOURS, reasons: REDACTION_REASONS };
export const back = (id: string, entered: { label: string; value: string }[] = []) => ({ backHref: sarHref(id), backText: 'Back to the request', section: SECTION, entered });

const FILTERS = ['open', 'all', ...Object.keys(SAR_STATUSES)] as [string, ...string[]];

/** A form on a request's page: extension, pause, resume, closure. */
interface ChangeForm {
  path: string;
  title: string;
  form: DatedForm<never>;
  defaults: (r: Awaited<ReturnType<typeof sar.loadRequest>>) => Record<string, unknown>;
  save: (ctx: Parameters<typeof sar.extendRequest>[0], id: string, data: never) => Promise<void>;
}

const CHANGE_FORMS: ChangeForm[] = [
  { path: 'extend', title: 'Extend the time limit', form: EXTENSION_FORM as DatedForm<never>, defaults: (r) => ({ extensionMonths: String(r.extension_months || ''), extensionReason: r.extension_reason ?? '' }), save: sar.extendRequest },
  { path: 'pause', title: 'Pause the clock', form: PAUSE_FORM as DatedForm<never>, defaults: () => ({ pausedOn: dateParts(ukToday()) }), save: sar.pauseRequest },
  { path: 'resume', title: 'Restart the clock', form: RESUME_FORM as DatedForm<never>, defaults: () => ({ resumedOn: dateParts(ukToday()) }), save: sar.resumeRequest },
  { path: 'close', title: 'Withdraw or refuse the request', form: CLOSE_FORM as DatedForm<never>, defaults: () => ({}), save: sar.closeRequest },
];

/** Subject access requests: the landing page, the list, logging one (requester, then subject), the request's page and its forms. */
export const sarRoutes = fp(async (app: FastifyInstance) => {
  app.get('/governance', async (request, reply) => {
    const ctx = request.ctx();
    const sarAllowed = can(ctx.actor, 'governance.sar').allowed;
    if (!sarAllowed) authorise(ctx, 'governance.retention');
    return reply.page(view('index'), { title: 'Information governance', section: SECTION, sarAllowed, retentionAllowed: can(ctx.actor, 'governance.retention').allowed });
  });

  app.get('/governance/sars', async (request, reply) => {
    const filter = z.enum(FILTERS).catch('open').parse((request.query as Record<string, unknown> | undefined)?.status) as Parameters<typeof sar.listRequests>[1];
    const rows = await sar.listRequests(request.ctx(), filter);
    return reply.page(view('sar-list'), { title: 'Subject access requests', section: SECTION, rows, filter, codes });
  });

  const requesterPage = (reply: FastifyReply, values: Record<string, unknown>, errors: FormErrors = noErrors()) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('sar-new-requester'), { title: 'Log a subject access request', section: SECTION, values, errors, codes });
  const subjectPage = (reply: FastifyReply, values: Record<string, unknown>, extra: Record<string, unknown>, errors: FormErrors = noErrors()) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('sar-new-subject'), { title: 'Who is the request about?', section: SECTION, values, errors, codes, ...extra });

  app.get('/governance/sars/new', async (request, reply) => {
    authorise(request.ctx(), 'governance.sar');
    return requesterPage(reply, { receivedOn: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() });
  });

  // Two steps on one address: the requester's details are checked, then carried in hidden fields while the officer
  // searches for and picks the subject. Nothing is saved until the subject is picked.
  app.post('/governance/sars/new', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'governance.sar');
    const body = formOf(request);
    const form = readDatedForm(body, REQUESTER_FORM);
    const step = text(body, 'step');
    if (!form.parsed.success || form.errors.summary.length || step === 'requester' || !step) {
      if (!form.parsed.success || form.errors.summary.length) return requesterPage(reply, form.values, form.errors);
      return subjectPage(reply, form.values, { search: { name: '', dateOfBirth: {} } });
    }
    const search = { name: text(body, 'searchName').trim(), dateOfBirth: readDateInput(body, 'searchDateOfBirth') };
    const searched = async (errors?: FormErrors) => {
      const dob = checkDate(search.dateOfBirth, 'Date of birth');
      const problems = noErrors();
      if ('error' in dob) addError(problems, 'searchDateOfBirth-day', dob.error);
      if (!search.name && !('value' in dob && dob.value)) addError(problems, 'searchName', 'Enter a name or date of birth to search for');
      if (problems.summary.length) return subjectPage(reply, form.values, { search }, problems);
      const results = await sar.searchSubjects(ctx, { name: search.name || undefined, dateOfBirth: ('value' in dob && dob.value) || undefined });
      return subjectPage(reply, form.values, { search, results, searched: true, personId: text(body, 'personId') }, errors);
    };
    if (step === 'search') return searched();
    const personId = text(body, 'personId');
    if (!personId) return searched(addError(noErrors(), 'personId', 'Choose the person the request is about'));
    try {
      const id = await sar.createRequest(ctx, { ...form.parsed.data, personId, idempotencyKey: String(form.values.idempotencyKey) });
      return reply.redirect(sarHref(id), 303);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      if (error.field === 'receivedOn') return requesterPage(reply, form.values, addError(noErrors(), 'receivedOn-day', error.message));
      return searched(addError(noErrors(), 'personId', error.message));
    }
  });

  app.get('/governance/sars/:id', async (request, reply) => {
    const page = await sar.requestPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('sar-show'), { title: 'Subject access request', section: SECTION, ...page, codes, flash: flashOf(request.query) });
  });

  const formPage = async (reply: FastifyReply, id: string, change: ChangeForm, values: Record<string, unknown> | null, errors: FormErrors = noErrors()) => {
    const r = await sar.loadRequest(reply.request.ctx(), id);
    return reply
      .status(errors.summary.length ? 400 : 200)
      .page(view('sar-change'), { title: change.title, section: SECTION, form: change.path, request: r, values: values ?? { version: r.version, ...change.defaults(r) }, errors, codes });
  };

  for (const change of CHANGE_FORMS) {
    app.get(`/governance/sars/:id/${change.path}`, async (request, reply) => formPage(reply, uuidParam(request.params), change, null));

    app.post(`/governance/sars/:id/${change.path}`, async (request, reply) => {
      const ctx = request.ctx();
      const id = uuidParam(request.params);
      const form = readDatedForm(formOf(request), change.form);
      return guarded(reply, back(id, form.entered), async () => {
        if (!form.parsed.success || form.errors.summary.length) return formPage(reply, id, change, form.values, form.errors);
        try {
          await change.save(ctx, id, form.parsed.data);
        } catch (error) {
          if (!(error instanceof FieldProblem)) throw error;
          return formPage(reply, id, change, form.values, addError(noErrors(), error.field in change.form.dates ? `${error.field}-day` : error.field, error.message));
        }
        return reply.redirect(sarHref(id), 303);
      });
    });
  }

  // Steps without a form of their own: the button on the request's page carries the version it was read at.
  const steps: Record<string, (ctx: RequestContext, id: string, version: number) => Promise<string>> = {
    compile: async (ctx, id, version) => {
      const result = await compileBundle(ctx, id, version);
      return `compiled-${result.items}-${result.carried}-${result.dropped}`;
    },
    'start-review': async (ctx, id, version) => (await sar.startReview(ctx, id, version), 'review-started'),
    'complete-review': async (ctx, id, version) => (await sar.completeReview(ctx, id, version), 'review-complete'),
  };
  for (const [path, run] of Object.entries(steps)) {
    app.post(`/governance/sars/:id/${path}`, async (request, reply) => {
      const id = uuidParam(request.params);
      const version = Number(text(formOf(request), 'version'));
      return guarded(reply, back(id), async () => {
        const flash = await run(request.ctx(), id, Number.isInteger(version) && version > 0 ? version : 0);
        return reply.redirect(`${sarHref(id)}?done=${flash}`, 303);
      });
    });
  }

  await app.register(sarBundleRoutes);
});

/** The confirmation shown after a step, from a code in the query (never free text from the URL). */
function flashOf(query: unknown): string | null {
  const done = String((query as Record<string, unknown> | undefined)?.done ?? '');
  const compiled = /^compiled-(\d+)-(\d+)-(\d+)$/.exec(done);
  if (compiled) {
    const [, items, carried, dropped] = compiled;
    const redactions = carried !== '0' || dropped !== '0' ? ` ${carried} redaction${carried === '1' ? '' : 's'} carried over to the same records; ${dropped} dropped because the record or field is no longer there.` : '';
    return `Bundle compiled: ${items} record${items === '1' ? '' : 's'}.${redactions}`;
  }
  return { 'review-started': 'Review started.', 'review-complete': 'Review marked complete.', disclosed: 'Disclosed. The PDF is ready to download.' }[done] ?? null;
}

