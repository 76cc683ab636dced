import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { PAGE_SIZE, pageNumber, pagination } from '../../platform/http/pagination.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { retentionHoldRoutes } from './retention-routes-holds.ts';
import { destroyForm, keepForm, ruleForm } from './retention-schema.ts';
import * as retention from './retention-service.ts';
import { describeBorn, reviewView, view } from './retention-views.ts';

const SECTION = 'governance';
const BASE = '/governance/retention';

/** A record type in a path: the schedule's own keys, nothing else reaches the database. */
function recordTypeParam(params: unknown): string {
  const value = (params as Record<string, unknown> | undefined)?.type;
  if (typeof value !== 'string' || !/^[a-z_]{1,40}$/.test(value)) throw new NotFoundError();
  return value;
}

/** The data protection officer's retention pages (`governance.retention`): queue, schedule, reviews, destruction, log. */
export const retentionRoutes = fp(async (app: FastifyInstance) => {
  await app.register(retentionHoldRoutes);

  app.get(BASE, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, retention.RETENTION);
    const page = pageNumber((request.query as { page?: string }).page);
    const [{ rows, total }, rules] = await Promise.all([retention.queue(ctx, page, PAGE_SIZE), retention.readSchedule(ctx)]);
    const labels = new Map(rules.map((r) => [r.record_type, r.label]));
    const flash = 'destroyed' in (request.query as object) ? 'Record destroyed' : undefined;
    return reply.page(view('retention-queue'), {
      title: 'Records due for review',
      section: SECTION,
      flash,
      total,
      rows: rows.map((r) => ({ ...r, born: describeBorn(r.person_type, r.date_of_birth), typeLabels: r.record_types.map((t) => labels.get(t) ?? t) })),
      pagination: pagination(BASE, {}, page, total),
    });
  });

  app.get(`${BASE}/schedule`, async (request, reply) => {
    const ctx = request.ctx();
    const rules = await retention.readSchedule(ctx);
    const names = await userNames(ctx.db, rules.map((r) => r.updated_by));
    return reply.page(view('retention-schedule'), {
      title: 'Retention schedule',
      section: SECTION,
      rules: rules.map((r) => ({ ...r, updatedByName: r.updated_by ? (names.get(r.updated_by) ?? 'a former user') : null })),
      flash: 'saved' in (request.query as object) ? 'Rule saved' : undefined,
    });
  });

  const rulePage = async (reply: FastifyReply, recordType: string, values: Record<string, unknown> | null, errors: FormErrors = noErrors()) => {
    const rule = await retention.readRuleForEdit(reply.request.ctx(), recordType);
    const shown = values ?? {
      version: String(rule.version),
      permanent: rule.permanent ? 'yes' : 'no',
      yearsFromBirth: rule.years_from_birth ?? '',
      yearsAfterEvent: rule.years_after_event ?? '',
      yearsAfterDeath: rule.years_after_death ?? '',
      rule: rule.rule,
      basis: rule.basis,
    };
    return reply.status(errors.summary.length ? 400 : 200).page(view('retention-rule'), { title: `Change the rule: ${rule.label}`, section: SECTION, rule, values: shown, errors });
  };

  app.get(`${BASE}/schedule/:type`, async (request, reply) => {
    authorise(request.ctx(), retention.RETENTION);
    return rulePage(reply, recordTypeParam(request.params), null);
  });

  app.post(`${BASE}/schedule/:type`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, retention.RETENTION);
    const recordType = recordTypeParam(request.params);
    const body = formOf(request);
    const values = Object.fromEntries(['version', 'permanent', 'yearsFromBirth', 'yearsAfterEvent', 'yearsAfterDeath', 'rule', 'basis'].map((k) => [k, text(body, k)]));
    const parsed = ruleForm.safeParse(values);
    const entered = [
      { label: 'Rule', value: String(values.rule) },
      { label: 'Basis', value: String(values.basis) },
    ];
    return guarded(reply, { backHref: `${BASE}/schedule/${recordType}`, backText: 'Look at the rule as it is now', section: SECTION, entered }, async () => {
      if (!parsed.success) return rulePage(reply, recordType, values, zodErrors(parsed.error));
      await retention.saveRule(ctx, recordType, parsed.data);
      return reply.redirect(`${BASE}/schedule?saved=1`, 303);
    });
  });

  const reviewPage = async (reply: FastifyReply, personId: string, keepValues: FormBody | null, errors: FormErrors = noErrors(), flash?: string) => {
    const ctx = reply.request.ctx();
    const data = await retention.review(ctx, personId);
    const shown = await reviewView(ctx.db, data);
    return reply.status(errors.summary.length ? 400 : 200).page(view('retention-review'), {
      ...shown,
      section: SECTION,
      errors,
      flash,
      keep: { keepUntil: keepValues ? (keepValues.keepUntil as object) : dateParts(null), reason: keepValues ? text(keepValues, 'reason') : '' },
    });
  };

  app.get(`${BASE}/people/:id`, async (request, reply) => {
    const query = request.query as Record<string, string>;
    const flash = 'kept' in query ? 'Decision saved: the record is kept until the new review date' : 'held' in query ? 'Legal hold placed' : 'released' in query ? 'Legal hold released' : undefined;
    return reviewPage(reply, uuidParam(request.params), null, noErrors(), flash);
  });

  app.post(`${BASE}/people/:id/keep`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, retention.RETENTION);
    const personId = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const keepUntil = dateField(body, 'keepUntil', 'The date of the next review', errors, 'Enter the date of the next review');
    const parsed = keepForm.safeParse({ keepUntil: keepUntil.value ?? '', reason: text(body, 'reason') });
    zodErrors(parsed.success ? null : parsed.error, errors, ['keepUntil']);
    const shown = { keepUntil: keepUntil.input, reason: text(body, 'reason') };
    return guarded(reply, { backHref: `${BASE}/people/${personId}`, backText: 'Go back to the review', section: SECTION }, async () => {
      if (!parsed.success || errors.summary.length) return reviewPage(reply, personId, shown, errors);
      try {
        await retention.keepLonger(ctx, personId, parsed.data.keepUntil, parsed.data.reason);
      } catch (error) {
        if (error instanceof FieldProblem) return reviewPage(reply, personId, shown, addError(noErrors(), 'keepUntil-day', error.message));
        throw error;
      }
      return reply.redirect(`${BASE}/people/${personId}?kept=1`, 303);
    });
  });

  const confirmPage = async (reply: FastifyReply, personId: string, errors: FormErrors = noErrors()) => {
    const ctx = reply.request.ctx();
    const data = await retention.review(ctx, personId);
    if (data.person.destroyed_at) return reply.redirect(`${BASE}/people/${personId}`, 303);
    const shown = await reviewView(ctx.db, data);
    return reply.status(errors.summary.length ? 400 : 200).page(view('retention-destroy'), { ...shown, title: `Destroy the record of ${shown.name}`, section: SECTION, errors, idempotencyKey: idempotencyKeyOf() });
  };

  app.get(`${BASE}/people/:id/destroy`, async (request, reply) => confirmPage(reply, uuidParam(request.params)));

  app.post(`${BASE}/people/:id/destroy`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, retention.RETENTION);
    const personId = uuidParam(request.params);
    const parsed = destroyForm.safeParse({ confirm: text(formOf(request), 'confirm') });
    return guarded(reply, { backHref: `${BASE}/people/${personId}`, backText: 'Go back to the review', section: SECTION }, async () => {
      if (!parsed.success) return confirmPage(reply, personId, zodErrors(parsed.error));
      await retention.destroy(ctx, personId);
      return reply.redirect(`${BASE}/log?destroyed=1`, 303);
    });
  });

  app.get(`${BASE}/log`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, retention.RETENTION);
    const page = pageNumber((request.query as { page?: string }).page);
    const { rows, total } = await retention.destructionLog(ctx, page, PAGE_SIZE);
    const names = await userNames(ctx.db, rows.flatMap((r) => [r.destroyed_by, r.approved_by]));
    return reply.page(view('retention-log'), {
      title: 'Destruction log',
      section: SECTION,
      flash: 'destroyed' in (request.query as object) ? 'Record destroyed' : undefined,
      today: ukToday(),
      rows: rows.map((r) => ({
        ...r,
        destroyedByName: names.get(r.destroyed_by) ?? 'a former user',
        approvedByName: r.approved_by ? (names.get(r.approved_by) ?? 'a former user') : null,
        cleared: Object.entries(r.rows_cleared).map(([table, n]) => `${table.replace(/_/g, ' ')}: ${n}`),
      })),
      total,
      pagination: pagination(`${BASE}/log`, {}, page, total),
    });
  });
});
