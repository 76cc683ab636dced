import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { authorise } from '../../platform/access/authorise.ts';
import { userNames } from '../../platform/auth/users.ts';
import { codeItems, dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { HOLD_REASONS, holdForm, releaseForm } from './retention-schema.ts';
import * as retention from './retention-service.ts';
import { holdReason, personKind, view } from './retention-views.ts';

const SECTION = 'governance';
const BASE = '/governance/retention';

/** Legal holds: placed on a person from their review, listed, released with a reason. */
export const retentionHoldRoutes = fp(async (app: FastifyInstance) => {
  app.get(`${BASE}/holds`, async (request, reply) => {
    const ctx = request.ctx();
    const { inForce, ended } = await retention.holds(ctx);
    const names = await userNames(ctx.db, [...inForce, ...ended].flatMap((h) => [h.placed_by, h.released_by]));
    const shown = (h: (typeof inForce)[number]) => ({
      ...h,
      born: personKind(h.person_type),
      reasonText: holdReason(h.reason),
      placedByName: names.get(h.placed_by) ?? 'a former user',
      releasedByName: h.released_by ? (names.get(h.released_by) ?? 'a former user') : null,
    });
    return reply.page(view('retention-holds'), { title: 'Legal holds', section: SECTION, inForce: inForce.map(shown), ended: ended.map(shown) });
  });

  const holdPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown> | null, errors: FormErrors = noErrors()) => {
    const ctx = reply.request.ctx();
    const data = await retention.review(ctx, personId);
    const shown = values ?? { reason: '', reference: '', detail: '', fromDate: dateParts(ukToday()), untilDate: dateParts(null), idempotencyKey: idempotencyKeyOf() };
    return reply.status(errors.summary.length ? 400 : 200).page(view('retention-hold'), {
      title: 'Place a legal hold',
      section: SECTION,
      personId,
      name: data.person.destroyed_at ? 'Record destroyed' : `${data.person.given_name} ${data.person.family_name}`,
      reasons: codeItems(HOLD_REASONS, String(shown.reason ?? '')),
      values: shown,
      errors,
    });
  };

  app.get(`${BASE}/people/:id/hold`, async (request, reply) => holdPage(reply, uuidParam(request.params), null));

  app.post(`${BASE}/people/:id/hold`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, retention.RETENTION);
    const personId = uuidParam(request.params);
    const body: FormBody = formOf(request);
    const errors = noErrors();
    const from = dateField(body, 'fromDate', 'The date the hold starts', errors, 'Enter the date the hold starts');
    const until = dateField(body, 'untilDate', 'The date the hold ends', errors);
    const values = { reason: text(body, 'reason'), reference: text(body, 'reference'), detail: text(body, 'detail'), fromDate: from.input, untilDate: until.input, idempotencyKey: idempotencyKeyOf(body) };
    const parsed = holdForm.safeParse({ reason: values.reason, reference: values.reference, detail: values.detail, fromDate: from.value ?? '', untilDate: until.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['fromDate', 'untilDate']);
    return guarded(reply, { backHref: `${BASE}/people/${personId}`, backText: 'Go back to the review', section: SECTION }, async () => {
      if (!parsed.success || errors.summary.length) return holdPage(reply, personId, values, errors);
      await retention.placeHold(ctx, personId, parsed.data, values.idempotencyKey);
      return reply.redirect(`${BASE}/people/${personId}?held=1`, 303);
    });
  });

  const releasePage = async (reply: FastifyReply, holdId: string, values: { version: string; releaseReason: string } | null, errors: FormErrors = noErrors()) => {
    const hold = await retention.findHold(reply.request.ctx(), holdId);
    return reply.status(errors.summary.length ? 400 : 200).page(view('retention-release'), {
      title: 'Release a legal hold',
      section: SECTION,
      hold: { ...hold, reasonText: holdReason(hold.reason) },
      values: values ?? { version: String(hold.version), releaseReason: '' },
      errors,
    });
  };

  app.get(`${BASE}/holds/:id/release`, async (request, reply) => releasePage(reply, uuidParam(request.params), null));

  app.post(`${BASE}/holds/:id/release`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, retention.RETENTION);
    const holdId = uuidParam(request.params);
    const body = formOf(request);
    const values = { version: text(body, 'version'), releaseReason: text(body, 'releaseReason') };
    const parsed = releaseForm.safeParse(values);
    const entered = [{ label: 'Why the hold is released', value: values.releaseReason }];
    return guarded(reply, { backHref: `${BASE}/holds/${holdId}/release`, backText: 'Look at the hold as it is now', section: SECTION, entered }, async () => {
      if (!parsed.success) return releasePage(reply, holdId, values, zodErrors(parsed.error));
      const personId = await retention.releaseHold(ctx, holdId, parsed.data.version, parsed.data.releaseReason);
      return reply.redirect(`${BASE}/people/${personId}?released=1`, 303);
    });
  });
});
