import type { FastifyInstance, FastifyReply } from 'fastify';
import { authoriseCase } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import { LEGAL_STATUSES, PLACEMENT_CHANGE_REASONS, PLACEMENT_PROVIDERS, PLACEMENT_TYPES } from '../../platform/codes/ssda903.ts';
import { addProblems, codeItems, dateField, formOf, guarded, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { personHeading } from '../people/service.ts';
import { openEpisodeOf } from '../referrals/episodes.ts';
import { CARE_LABEL, periodHref, SECTION, view } from './labels.ts';
import { periodMachine } from './period-state.ts';
import * as repo from './repository.ts';
import { backToPeriod, periodIdOf, personIdOf, placementValues } from './routes-support.ts';
import { CATEGORIES_OF_NEED, ceaseFields, changeFields, iroFields, LEAVING_REASONS, startFields } from './schema.ts';
import { becomeLookedAfter, ceaseCare, ceaseFormProblems, changeEpisode, changeProblems, periodForWork, setIro, stalePeriod, startFormProblems } from './service.ts';

type Values = Record<string, unknown>;

/** The code lists the placement fields offer, each with the value typed or read selected. */
const placementLists = (v: Values) => ({
  legalStatuses: codeItems(LEGAL_STATUSES, v.legalStatus as string, { withCode: true, blank: 'Select the legal status' }),
  placementTypes: codeItems(PLACEMENT_TYPES, v.placementType as string, { withCode: true, blank: 'Select the placement type' }),
  providers: codeItems(PLACEMENT_PROVIDERS, v.placementProvider as string, { withCode: true, blank: 'None (temporary or other placement)' }),
});

/** Becoming looked after, changes of legal status or placement, leaving care, and naming the IRO. */
export const changeRoutes = async (app: FastifyInstance) => {
  const startPage = async (reply: FastifyReply, personId: string, values: Values, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const [heading, referral, officers] = await Promise.all([personHeading(ctx, personId), openEpisodeOf(ctx.db, personId), repo.reviewingOfficers(ctx.db)]);
    return reply.status(errors ? 400 : 200).page(view('start-form'), {
      title: 'Becoming looked after',
      section: SECTION,
      heading,
      label: CARE_LABEL,
      referral,
      values,
      errors,
      ...placementLists(values),
      categories: codeItems(CATEGORIES_OF_NEED, values.categoryOfNeed as string, { withCode: true }),
      sources: codeItems(REFERRAL_SOURCES, values.referralSource as string, { withCode: true, blank: 'Select where the referral came from' }),
      officers: [{ value: '', text: 'Not yet named' }, ...officers.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.iroId }))],
    });
  };

  app.get('/people/:id/care/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = personIdOf(request);
    await authoriseCase(ctx, personId, [], 'socialcare.work');
    const open = await repo.openPeriodOf(ctx.db, personId);
    if (open) return reply.redirect(periodHref(open.id), 303);
    return startPage(reply, personId, { startDate: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/care/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = personIdOf(request);
    await authoriseCase(ctx, personId, [], 'socialcare.work', { audit: false });
    const body = formOf(request);
    const errors = noErrors();
    const start = dateField(body, 'startDate', 'The date the child became looked after', errors, 'Enter the date the child became looked after');
    const values = { ...placementValues(body), startDate: start.input, categoryOfNeed: text(body, 'categoryOfNeed'), uasc: text(body, 'uasc'), iroId: text(body, 'iroId'), referralSource: text(body, 'referralSource'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = startFields.safeParse({ ...values, startDate: start.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['startDate']);
    if (parsed.success && !errors.summary.length) {
      const [dateOfBirth, referral] = await Promise.all([repo.personDateOfBirth(ctx.db, personId), openEpisodeOf(ctx.db, personId)]);
      addProblems(errors, startFormProblems(parsed.data, dateOfBirth, Boolean(referral)), ['startDate']);
    }
    if (!parsed.success || errors.summary.length) return startPage(reply, personId, values, errors);
    const refusal = { backHref: `/people/${personId}/care`, backText: 'Go back to the child’s care record', section: SECTION };
    return guarded(reply, refusal, async () => {
      const { id } = await becomeLookedAfter(ctx, personId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
      return reply.redirect(periodHref(id), 303);
    });
  });

  const periodPage = async (reply: FastifyReply, periodId: string, template: string, title: string, values: Values, extra: Values, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { period, current } = await periodForWork(ctx, periodId, { auditView: true });
    const heading = await personHeading(ctx, period.person_id);
    return reply.status(errors ? 400 : 200).page(view(template), { title, section: SECTION, heading, period, current, values: { version: period.version, ...values }, errors, ...extra });
  };

  const changePage = (reply: FastifyReply, periodId: string, values: Values, errors?: FormErrors) =>
    periodPage(reply, periodId, 'change-form', 'Change of legal status or placement', values, { ...placementLists(values), reasons: codeItems(PLACEMENT_CHANGE_REASONS, values.reasonPlaceChange as string, { withCode: true, blank: 'Select the reason' }) }, errors);

  app.get('/care/:id/change', async (request, reply) => {
    const periodId = periodIdOf(request);
    const { current, state } = await periodForWork(request.ctx(), periodId);
    return guarded(reply, backToPeriod(periodId), () => {
      periodMachine.assert(state, 'placed');
      return changePage(reply, periodId, {
        date: dateParts(ukToday()),
        legalStatus: current.legal_status,
        placementType: current.placement_type,
        placementProvider: current.placement_provider ?? '',
        carerName: current.carer_name ?? '',
        urn: current.urn ?? '',
        placementPostcode: current.placement_postcode ?? '',
        homePostcode: current.home_postcode ?? '',
      });
    });
  });

  app.post('/care/:id/change', async (request, reply) => {
    const ctx = request.ctx();
    const periodId = periodIdOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'date', 'The date of the change', errors, 'Enter the date of the change');
    const values = { ...placementValues(body), date: date.input, sameCarer: text(body, 'sameCarer'), reasonPlaceChange: text(body, 'reasonPlaceChange'), version: text(body, 'version') };
    const parsed = changeFields.safeParse({ ...values, date: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['date']);
    const entered = [
      { label: 'Carer or setting', value: values.carerName },
      { label: 'Placement postcode', value: values.placementPostcode },
    ];
    return guarded(reply, backToPeriod(periodId, entered), async () => {
      if (parsed.success && !errors.summary.length) {
        const { period, episodes } = await periodForWork(ctx, periodId);
        // Someone else's change first: the problems below would be about a record the user has not seen.
        if (period.version !== parsed.data.version) throw stalePeriod();
        addProblems(errors, changeProblems(episodes, parsed.data, await repo.personDateOfBirth(ctx.db, period.person_id)), ['date']);
      }
      if (!parsed.success || errors.summary.length) return changePage(reply, periodId, values, errors);
      await changeEpisode(ctx, periodId, parsed.data);
      return reply.redirect(`${periodHref(periodId)}#episodes`, 303);
    });
  });

  const ceasePage = (reply: FastifyReply, periodId: string, values: Values, errors?: FormErrors) =>
    periodPage(reply, periodId, 'cease-form', 'Leaving care', values, { reasons: codeItems(LEAVING_REASONS, values.reason as string, { withCode: true, blank: 'Select why the child left care' }) }, errors);

  app.get('/care/:id/cease', async (request, reply) => {
    const periodId = periodIdOf(request);
    const { state } = await periodForWork(request.ctx(), periodId);
    return guarded(reply, backToPeriod(periodId), () => {
      periodMachine.assert(state, 'ended');
      return ceasePage(reply, periodId, { date: dateParts(ukToday()) });
    });
  });

  app.post('/care/:id/cease', async (request, reply) => {
    const ctx = request.ctx();
    const periodId = periodIdOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'date', 'The date the child left care', errors, 'Enter the date the child left care');
    const values = { date: date.input, reason: text(body, 'reason'), version: text(body, 'version') };
    const parsed = ceaseFields.safeParse({ ...values, date: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['date']);
    return guarded(reply, backToPeriod(periodId), async () => {
      if (parsed.success && !errors.summary.length) {
        const { period, current } = await periodForWork(ctx, periodId);
        if (period.version !== parsed.data.version) throw stalePeriod();
        addProblems(errors, ceaseFormProblems(current, parsed.data, await repo.personDateOfBirth(ctx.db, period.person_id)), ['date']);
      }
      if (!parsed.success || errors.summary.length) return ceasePage(reply, periodId, values, errors);
      await ceaseCare(ctx, periodId, parsed.data);
      return reply.redirect(periodHref(periodId), 303);
    });
  });

  const iroPage = async (reply: FastifyReply, periodId: string, values: Values, errors?: FormErrors) => {
    const officers = await repo.reviewingOfficers(reply.request.ctx().db);
    return periodPage(reply, periodId, 'iro-form', 'Independent reviewing officer', values, { officers: [{ value: '', text: 'Select the independent reviewing officer' }, ...officers.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.iroId }))] }, errors);
  };

  app.get('/care/:id/iro', async (request, reply) => {
    const periodId = periodIdOf(request);
    const { period } = await periodForWork(request.ctx(), periodId);
    return guarded(reply, backToPeriod(periodId), () => iroPage(reply, periodId, { iroId: period.iro_id ?? '' }));
  });

  app.post('/care/:id/iro', async (request, reply) => {
    const ctx = request.ctx();
    const periodId = periodIdOf(request);
    const body = formOf(request);
    const values = { iroId: text(body, 'iroId'), version: text(body, 'version') };
    const parsed = iroFields.safeParse(values);
    return guarded(reply, backToPeriod(periodId), async () => {
      if (!parsed.success) return iroPage(reply, periodId, values, zodErrors(parsed.error));
      await setIro(ctx, periodId, parsed.data);
      return reply.redirect(`${periodHref(periodId)}#reviews`, 303);
    });
  });
};
