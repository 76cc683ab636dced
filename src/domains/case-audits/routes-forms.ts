import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { codeItems, type DatedForm, formOf, guarded, idempotencyKeyOf, readDatedForm } from '../../platform/http/forms.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { SAMPLE_METHODS, sampleEntryTypes } from './labels.ts';
import * as repo from './repository.ts';
import { actionFields, actionUpdateFields, auditFields, findingsFields, questionFields, sampleFields, templateFields } from './schema.ts';
import { addQuestion, addTemplate, auditToManage, createAudit, drawAuditSample } from './service.ts';
import { actionToManage, addAction, saveKeyFindings, updateAction } from './service-findings.ts';

export const view = (name: string) => `domains/case-audits/views/${name}.njk`;
export const SECTION = 'partnership';

interface Form extends DatedForm<unknown> {
  path: string;
  template: string;
  title: string;
  /** Creating forms carry an idempotency key; the others a version. */
  creates: boolean;
  /** What the form shows besides the values: the audit or template it belongs to, choices. Also where the form's rights are checked. */
  load: (ctx: RequestContext, params: unknown) => Promise<Record<string, unknown>>;
  defaults: (loaded: Record<string, unknown>) => Record<string, unknown>;
  save: (ctx: RequestContext, params: unknown, data: never, key: string) => Promise<string>;
  back: (params: unknown) => { href: string; text: string };
}

const auditHref = (params: unknown) => `/audits/${uuidParam(params)}`;
const toAudit = (params: unknown) => ({ href: auditHref(params), text: 'Back to the audit' });
const withAudit = async (ctx: RequestContext, params: unknown) => ({ audit: await auditToManage(ctx, uuidParam(params)) });
/** A form that belongs to no audit: the business manager's alone, checked before anything is read. */
const managing = async (ctx: RequestContext, extra: (ctx: RequestContext) => Promise<Record<string, unknown>> = async () => ({})) => {
  authorise(ctx, 'partnership.manage');
  return extra(ctx);
};
const agencyChoices = async (ctx: RequestContext) => Object.fromEntries((await repo.agencies(ctx.db)).map((a) => [a.id, a.name]));

const FORMS: Form[] = [
  {
    path: '/audits/templates/new', template: 'template-form', title: 'Add an audit template', creates: true, dates: {},
    fields: (b) => ({ title: text(b, 'title'), description: text(b, 'description') }), entered: { title: 'Theme', description: 'What the audit looks at' },
    load: (ctx) => managing(ctx), defaults: () => ({}), schema: templateFields,
    save: async (ctx, _p, data, key) => `/audits/templates/${await addTemplate(ctx, { ...(data as object), idempotencyKey: key } as never)}`,
    back: () => ({ href: '/audits/templates', text: 'Back to the templates' }),
  },
  {
    path: '/audits/templates/:id/questions/new', template: 'question-form', title: 'Add a question', creates: false, dates: {},
    fields: (b) => ({ text: text(b, 'text') }), entered: { text: 'Question' },
    load: async (ctx, params) => {
      authorise(ctx, 'partnership.manage');
      const template = await repo.findTemplate(ctx.db, uuidParam(params));
      if (!template) throw new NotFoundError();
      return { template };
    },
    defaults: () => ({}), schema: questionFields,
    save: async (ctx, params, data) => (await addQuestion(ctx, uuidParam(params), data), `/audits/templates/${uuidParam(params)}`),
    back: (params) => ({ href: `/audits/templates/${uuidParam(params)}`, text: 'Back to the template' }),
  },
  {
    path: '/audits/new', template: 'audit-form', title: 'Set up a case audit', creates: true,
    dates: { periodFrom: ['Start of the audit period', 'Enter the start of the audit period'], periodTo: ['End of the audit period', 'Enter the end of the audit period'], answersDueOn: ['Answers due', 'Enter the date agencies’ answers are due'] },
    fields: (b) => ({ title: text(b, 'title'), templateId: text(b, 'templateId'), agencyIds: list(b, 'agencyIds') }), entered: { title: 'Audit title' },
    load: (ctx) => managing(ctx, async () => ({ agencies: await agencyChoices(ctx), templates: Object.fromEntries((await repo.templates(ctx.db)).map((t) => [t.id, t.title])) })),
    defaults: () => ({ periodFrom: dateParts(addCalendarDays(ukToday(), -180)), periodTo: dateParts(ukToday()), answersDueOn: dateParts(addCalendarDays(ukToday(), 28)) }),
    schema: auditFields,
    save: async (ctx, _p, data, key) => `/audits/${await createAudit(ctx, { ...(data as object), idempotencyKey: key } as never)}`,
    back: () => ({ href: '/audits', text: 'Back to case audits' }),
  },
  {
    path: '/audits/:id/sample', template: 'sample-form', title: 'Draw the sample of cases', creates: false, dates: {},
    fields: (b) => ({ method: text(b, 'method'), size: text(b, 'size'), entryType: text(b, 'entryType') }), entered: {},
    load: withAudit, defaults: (l) => { const a = l.audit as repo.AuditRow; return { method: a.sample_method ?? 'random', size: String(a.sample_size ?? 6), entryType: a.sample_entry_type ?? '' }; },
    schema: sampleFields, save: async (ctx, params, data) => (await drawAuditSample(ctx, uuidParam(params), data), auditHref(params)), back: toAudit,
  },
  {
    path: '/audits/:id/findings', template: 'findings-form', title: 'Key findings', creates: false, dates: {},
    fields: (b) => ({ keyFindings: text(b, 'keyFindings') }), entered: { keyFindings: 'Key findings' },
    load: withAudit, defaults: (l) => ({ keyFindings: (l.audit as repo.AuditRow).key_findings ?? '' }),
    schema: findingsFields, save: async (ctx, params, data) => (await saveKeyFindings(ctx, uuidParam(params), data), auditHref(params)), back: toAudit,
  },
  {
    path: '/audits/:id/actions/new', template: 'action-form', title: 'Add an action', creates: true,
    dates: { dueOn: ['Due date', 'Enter the date the action is due'] },
    fields: (b) => ({ what: text(b, 'what'), agencyId: text(b, 'agencyId'), owner: text(b, 'owner') }), entered: { what: 'The action', owner: 'Owner' },
    load: async (ctx, params) => ({ ...(await withAudit(ctx, params)), agencies: await agencyChoices(ctx) }), defaults: () => ({}),
    schema: actionFields, save: async (ctx, params, data, key) => (await addAction(ctx, uuidParam(params), { ...(data as object), idempotencyKey: key } as never), auditHref(params)), back: toAudit,
  },
  {
    path: '/audits/:id/actions/:actionId', template: 'action-update-form', title: 'Update an action', creates: false, dates: {},
    fields: (b) => ({ status: text(b, 'status'), evidence: text(b, 'evidence') }), entered: { evidence: 'Evidence' },
    load: async (ctx, params) => ({ ...(await withAudit(ctx, params)), action: await actionToManage(ctx, uuidParam(params), uuidParam(params, 'actionId')) }),
    defaults: (l) => { const a = l.action as repo.ActionRow; return { status: a.status, evidence: a.evidence ?? '' }; },
    schema: actionUpdateFields, save: async (ctx, params, data) => (await updateAction(ctx, uuidParam(params), uuidParam(params, 'actionId'), data), auditHref(params)), back: toAudit,
  },
];

const versionOf = (loaded: Record<string, unknown>) => ((loaded.action ?? loaded.audit) as { version?: number } | undefined)?.version;

/** The business manager's forms: templates and their questions, a new audit, its sample, findings and actions. */
export async function formRoutes(app: FastifyInstance) {
  for (const form of FORMS) {
    const page = async (reply: FastifyReply, loaded: Record<string, unknown>, values: Record<string, unknown>, errors?: FormErrors) => {
      const shown: Record<string, unknown> = { version: versionOf(loaded), ...values };
      return reply.status(errors?.summary.length ? 400 : 200).page(view(form.template), {
        title: form.title, section: SECTION, ...loaded, values: shown, errors: errors ?? noErrors(), back: form.back(reply.request.params),
        action: reply.request.url.split('?')[0],
        agencyItems: loaded.agencies ? codeItems(loaded.agencies as Record<string, string>, (shown.agencyIds ?? shown.agencyId ?? null) as string[] | string | null, { blank: form.path.includes('actions') ? 'Select an agency' : undefined }) : [],
        templateItems: loaded.templates ? codeItems(loaded.templates as Record<string, string>, shown.templateId as string, { blank: 'Select a template' }) : [],
        methods: SAMPLE_METHODS, entryTypeItems: codeItems(sampleEntryTypes(), shown.entryType as string, { blank: 'Select a kind of event' }),
      });
    };
    app.get(form.path, async (request, reply) => {
      const loaded = await form.load(request.ctx(), request.params);
      return page(reply, loaded, { ...form.defaults(loaded), ...(form.creates ? { idempotencyKey: idempotencyKeyOf() } : {}) });
    });
    app.post(form.path, async (request, reply) => {
      const ctx = request.ctx();
      const loaded = await form.load(ctx, request.params);
      const { values, parsed, errors, entered } = readDatedForm(formOf(request), form);
      const back = form.back(request.params);
      return guarded(reply, { backHref: back.href, backText: back.text, section: SECTION, entered }, async () => {
        if (!parsed.success || errors.summary.length) return page(reply, loaded, values, errors);
        try {
          return reply.redirect(await form.save(ctx, request.params, parsed.data as never, values.idempotencyKey), 303);
        } catch (error) {
          if (error instanceof FieldProblem) return page(reply, loaded, values, addError(noErrors(), error.field in form.dates ? `${error.field}-day` : error.field, error.message));
          throw error;
        }
      });
    });
  }
}
