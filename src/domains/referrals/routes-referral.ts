import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorisePerson } from '../../platform/access/authorise.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { CLOSURE_REASONS, DISABILITIES, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { addProblems, codeItems, dateField, formOf, idempotencyKeyOf, zodErrors } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { personHeading } from '../people/service.ts';
import { episodeForWork } from './access.ts';
import { type EpisodeStage, STAGES } from './labels.ts';
import { episodeHref, idOf, refused, SECTION, view } from './routes-support.ts';
import { closeFields, disabilityFields, needFields, nfaFields, referralFields } from './schema.ts';
import { disabilityForm, markNoFurtherAction, openEpisodeOf, recordDisabilities, recordReferral, referralProblems, setPrimaryNeed } from './service.ts';
import { closeEpisode, closeProblems } from './service-close.ts';
import { episodePage, openReferralList } from './service-view.ts';

/** The referral: recorded from the child's record, the episode page, the managers' list, and the episode's own changes. */
export const referralPageRoutes = async (app: FastifyInstance) => {
  const referralPage = async (reply: FastifyReply, personId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const heading = await personHeading(reply.request.ctx(), personId);
    return reply.status(errors ? 400 : 200).page(view('referral-form'), { title: 'Record a referral', section: SECTION, heading, values, errors, sources: codeItems(REFERRAL_SOURCES, String(values.source ?? '')) });
  };

  app.get('/people/:id/referrals/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = idOf(request);
    await authorisePerson(ctx, personId, 'socialcare.refer');
    const open = await openEpisodeOf(ctx.db, personId);
    if (open) return reply.page(view('already-open'), { title: 'This child already has an open referral', section: SECTION, heading: await personHeading(ctx, personId), episode: open });
    return referralPage(reply, personId, { referralDate: dateParts(ukToday()), idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/people/:id/referrals/new', async (request, reply) => {
    const ctx = request.ctx();
    const personId = idOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'referralDate', 'The date the referral was received', errors, 'Enter the date the referral was received');
    const values = { referralDate: date.input, source: text(body, 'source'), reason: text(body, 'reason'), idempotencyKey: idempotencyKeyOf(body) };
    const parsed = referralFields.safeParse({ ...values, referralDate: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['referralDate']);
    await authorisePerson(ctx, personId, 'socialcare.refer', { audit: false });
    return refused(reply, `/people/${personId}`, 'Go back to the child’s record', async () => {
      if (parsed.success && !errors.summary.length) addProblems(errors, referralProblems(parsed.data), ['referralDate']);
      if (!parsed.success || errors.summary.length) return referralPage(reply, personId, values, errors);
      try {
        const { id } = await recordReferral(ctx, personId, { ...parsed.data, idempotencyKey: values.idempotencyKey });
        return reply.redirect(episodeHref(id), 303);
      } catch (error) {
        if (error instanceof BadRequestError) return referralPage(reply, personId, values, addError(errors, 'referralDate-day', error.message));
        throw error;
      }
    }, [{ label: 'Reasons for the referral', value: values.reason }]);
  });

  app.get('/referrals', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const uuid = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : null);
    const stage = typeof query.stage === 'string' && query.stage in STAGES ? (query.stage as EpisodeStage) : null;
    const filters = { teamId: uuid(query.team), workerId: uuid(query.worker), stage };
    const { items, teams, workers } = await openReferralList(request.ctx(), filters);
    return reply.page(view('list'), { title: 'Referrals and assessments', section: SECTION, items, teams, workers, filters, stages: STAGES });
  });

  app.get('/referrals/:id', async (request, reply) => {
    const page = await episodePage(request.ctx(), idOf(request));
    return reply.page(view('episode'), { title: 'Referral to children’s social care', section: SECTION, page, today: ukToday() });
  });

  /** A form about the episode itself: the episode at the version read, for the reader allowed to make the change. */
  const episodeForm = async (reply: FastifyReply, episodeId: string, action: 'socialcare.work' | 'socialcare.authorise', template: string, title: string, values: Record<string, unknown>, extra: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { episode } = await episodeForWork(ctx, episodeId, action, { auditView: true });
    const heading = await personHeading(ctx, episode.person_id);
    return reply.status(errors ? 400 : 200).page(view(template), { title, section: SECTION, episode, heading, ...extra, values: { version: episode.version, ...values }, errors });
  };
  const back = (episodeId: string) => [episodeHref(episodeId), 'Go back to the referral'] as const;

  // No further action on the referral (a manager's decision).
  app.get('/referrals/:id/no-further-action', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, ...back(id), () => episodeForm(reply, id, 'socialcare.authorise', 'nfa-form', 'No further action on the referral', {}, {}));
  });
  app.post('/referrals/:id/no-further-action', async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const values = { notes: text(body, 'notes'), version: text(body, 'version') };
    const parsed = nfaFields.safeParse(values);
    return refused(reply, ...back(id), async () => {
      if (!parsed.success) return episodeForm(reply, id, 'socialcare.authorise', 'nfa-form', 'No further action on the referral', values, {}, zodErrors(parsed.error));
      await markNoFurtherAction(request.ctx(), id, parsed.data);
      return reply.redirect(episodeHref(id), 303);
    }, [{ label: 'Reasons', value: values.notes }]);
  });

  // The primary need (CIN PrimaryNeedCode), while the episode is open.
  const needPage = (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) =>
    episodeForm(reply, id, 'socialcare.work', 'need-form', 'Primary need', values, { needs: codeItems(PRIMARY_NEEDS, String(values.primaryNeed ?? ''), { withCode: true }) }, errors);
  app.get('/referrals/:id/primary-need', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, ...back(id), async () => {
      const { episode } = await episodeForWork(request.ctx(), id);
      return needPage(reply, id, { primaryNeed: episode.primary_need });
    });
  });
  app.post('/referrals/:id/primary-need', async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const values = { primaryNeed: text(body, 'primaryNeed'), version: text(body, 'version') };
    const parsed = needFields.safeParse(values);
    return refused(reply, ...back(id), async () => {
      if (!parsed.success) return needPage(reply, id, values, zodErrors(parsed.error));
      await setPrimaryNeed(request.ctx(), id, parsed.data);
      return reply.redirect(episodeHref(id), 303);
    });
  });

  // The child's disabilities (census rule 8540), written through the person index.
  const disabilityPage = async (reply: FastifyReply, id: string, values: { disabilities?: string[]; version?: string | number; back?: string }, errors?: FormErrors) => {
    const form = await disabilityForm(reply.request.ctx(), id);
    const heading = await personHeading(reply.request.ctx(), form.episode.person_id);
    const chosen = values.disabilities ?? form.disabilities;
    return reply.status(errors ? 400 : 200).page(view('disability-form'), {
      title: 'Disability', section: SECTION, episode: form.episode, heading, errors,
      values: { version: values.version ?? form.version, back: values.back },
      noDisability: codeItems({ NONE: DISABILITIES.NONE! }, chosen),
      disabilities: codeItems(Object.fromEntries(Object.entries(DISABILITIES).filter(([k]) => k !== 'NONE')), chosen),
    });
  };
  const safeBack = (value: string) => (/^\/(assessments|cin-plans)\/[0-9a-f-]{36}$/.test(value) ? value : null);
  app.get('/referrals/:id/disability', async (request, reply) => {
    const id = idOf(request);
    const from = safeBack(String((request.query as Record<string, unknown> | undefined)?.back ?? '')) ?? undefined;
    return refused(reply, ...back(id), () => disabilityPage(reply, id, { back: from }));
  });
  app.post('/referrals/:id/disability', async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const values = { disabilities: list(body, 'disabilities'), version: text(body, 'version'), back: safeBack(text(body, 'back')) ?? undefined };
    const parsed = disabilityFields.safeParse(values);
    return refused(reply, ...back(id), async () => {
      if (!parsed.success) return disabilityPage(reply, id, values, zodErrors(parsed.error));
      await recordDisabilities(request.ctx(), id, parsed.data);
      return reply.redirect(values.back ?? episodeHref(id), 303);
    });
  });

  // Closing the episode (a manager), refused with the census's reasons.
  const closePage = (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) =>
    episodeForm(reply, id, 'socialcare.authorise', 'close-form', 'Close the episode', values, { reasons: codeItems(CLOSURE_REASONS, String(values.reason ?? ''), { withCode: true }) }, errors);
  app.get('/referrals/:id/close', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, ...back(id), () => closePage(reply, id, { closureDate: dateParts(ukToday()) }));
  });
  app.post('/referrals/:id/close', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'closureDate', 'The closure date', errors, 'Enter the date the episode closed');
    const values = { closureDate: date.input, reason: text(body, 'reason'), notes: text(body, 'notes'), version: text(body, 'version') };
    const parsed = closeFields.safeParse({ ...values, closureDate: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['closureDate']);
    return refused(reply, ...back(id), async () => {
      if (parsed.success && !errors.summary.length) {
        const { episode } = await episodeForWork(ctx, id, 'socialcare.authorise');
        addProblems(errors, await closeProblems(ctx, episode, parsed.data), ['closureDate'], '#census');
      }
      if (!parsed.success || errors.summary.length) return closePage(reply, id, values, errors);
      await closeEpisode(ctx, id, parsed.data);
      return reply.redirect(episodeHref(id), 303);
    }, [{ label: 'Closing notes', value: values.notes }]);
  });
};
