import type { FastifyInstance, FastifyReply } from 'fastify';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { ASSESSMENT_FACTORS, NO_FACTORS, PRIMARY_NEEDS } from '../../platform/codes/cin.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { addProblems, codeItems, dateField, formOf, zodErrors } from '../../platform/http/forms.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import { personHeading } from '../people/service.ts';
import { episodeForWork } from './access.ts';
import * as plans from './repository-plans.ts';
import * as repo from './repository.ts';
import { assessmentHref, episodeHref, idOf, planHref, refused, SECTION, view } from './routes-support.ts';
import { assessmentDraftFields, assessmentSubmitFields, authoriseDecision, authoriseFields, startFields } from './schema.ts';
import { assessmentForWork, authoriseAssessment, mayAuthorise, outcomesFor, returnAssessment, saveAssessment, startAssessment, startProblems, submitProblems, workerChoices } from './service-assessment.ts';
import { describeAssessment } from './service-view.ts';

/** The factors in groups as the census lists them ("Alcohol misuse: the child" under "Alcohol misuse"). */
export function factorGroups(chosen: readonly string[]) {
  const groups: { title: string; items: { value: string; text: string; checked: boolean }[] }[] = [];
  for (const [value, label] of Object.entries(ASSESSMENT_FACTORS)) {
    if (value === NO_FACTORS) continue;
    const [group, detail] = label.includes(': ') ? (label.split(': ') as [string, string]) : ['Other factors', label];
    let g = groups.find((x) => x.title === group);
    if (!g) groups.push((g = { title: group, items: [] }));
    g.items.push({ value, text: detail[0]!.toUpperCase() + detail.slice(1), checked: chosen.includes(value) });
  }
  // Single-factor groups read better together.
  const singles = groups.filter((g) => g.items.length === 1);
  const merged = groups.filter((g) => g.items.length > 1);
  merged.push({ title: 'Other factors', items: singles.flatMap((g) => g.items.map((i) => ({ ...i, text: g.title === 'Other factors' ? i.text : ASSESSMENT_FACTORS[i.value]! }))) });
  return { groups: merged, noFactors: { value: NO_FACTORS, text: ASSESSMENT_FACTORS[NO_FACTORS]!, checked: chosen.includes(NO_FACTORS) } };
}

export const assessmentRoutes = async (app: FastifyInstance) => {
  // Starting the assessment on a referral.
  const startPage = async (reply: FastifyReply, episodeId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { episode, worker } = await episodeForWork(ctx, episodeId, 'socialcare.work', { auditView: true });
    const workers = worker ? [] : await workerChoices(ctx);
    const chosen = String(values.workerId ?? ctx.actor.id);
    return reply.status(errors ? 400 : 200).page(view('start-form'), {
      title: 'Start the child and family assessment', section: SECTION, episode, worker, errors,
      heading: await personHeading(ctx, episode.person_id),
      workers: workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === chosen })),
      values: { version: episode.version, ...values },
    });
  };
  app.get('/referrals/:id/assessment/new', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, episodeHref(id), 'Go back to the referral', () => startPage(reply, id, { startDate: dateParts(ukToday()) }));
  });
  app.post('/referrals/:id/assessment/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const body = formOf(request);
    const errors = noErrors();
    const date = dateField(body, 'startDate', 'The date the assessment started', errors, 'Enter the date the assessment started');
    const values = { startDate: date.input, workerId: text(body, 'workerId') || null, version: text(body, 'version') };
    const parsed = startFields.safeParse({ ...values, startDate: date.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['startDate']);
    return refused(reply, episodeHref(id), 'Go back to the referral', async () => {
      if (parsed.success && !errors.summary.length) {
        const { episode } = await episodeForWork(ctx, id);
        addProblems(errors, startProblems(episode.referral_date, parsed.data.startDate), ['startDate']);
      }
      if (!parsed.success || errors.summary.length) return startPage(reply, id, values, errors);
      try {
        return reply.redirect(assessmentHref(await startAssessment(ctx, id, parsed.data)), 303);
      } catch (error) {
        if (error instanceof BadRequestError) return startPage(reply, id, values, addError(errors, 'workerId', error.message));
        throw error;
      }
    });
  });

  /** The assessment: the worker's form while in progress, otherwise what it says (and the manager's next step). */
  const assessmentPage = async (reply: FastifyReply, assessmentId: string, values?: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { assessment, episode } = await assessmentForWork(ctx, assessmentId, 'socialcare.work', { auditView: true });
    const [heading, names, openPlan, disabilities, manager] = await Promise.all([
      personHeading(ctx, episode.person_id),
      repo.userNames(ctx.db, [assessment.worker_id, assessment.authorised_by]),
      plans.openPlanOfPerson(ctx.db, episode.person_id),
      repo.disabilitiesOf(ctx.db, episode.person_id),
      mayAuthorise(ctx, episode.person_id),
    ]);
    const a = describeAssessment(assessment, episode.referral_date, names);
    const editable = assessment.status === 'in_progress' && !episode.closure_date;
    const v = values ?? {
      childSeenDate: dateParts(assessment.child_seen_date),
      childViews: assessment.child_views,
      familyViews: assessment.family_views,
      analysis: assessment.analysis,
      factors: assessment.factors,
      outcome: assessment.outcome,
      version: assessment.version,
    };
    return reply.status(errors ? 400 : 200).page(view(editable ? 'assessment-form' : 'assessment'), {
      title: 'Child and family assessment', section: SECTION, episode, heading, a, errors,
      values: v,
      factors: factorGroups((v.factors as string[] | undefined) ?? []),
      outcomes: codeItems(outcomesFor(Boolean(openPlan)) as Record<string, string>, String(v.outcome ?? '')),
      disabilityRecorded: disabilities.length > 0,
      mayAuthorise: manager && assessment.status === 'submitted',
    });
  };
  app.get('/assessments/:id', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, '/referrals', 'Go to referrals and assessments', () => assessmentPage(reply, id));
  });
  app.post('/assessments/:id', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const body = formOf(request);
    const submit = text(body, 'intent') === 'submit';
    const errors = noErrors();
    const seen = dateField(body, 'childSeenDate', 'The date the child was seen', errors);
    const values = {
      childSeenDate: seen.input,
      childViews: text(body, 'childViews'),
      familyViews: text(body, 'familyViews'),
      analysis: text(body, 'analysis'),
      factors: list(body, 'factors'),
      outcome: text(body, 'outcome') || null,
      version: text(body, 'version'),
    };
    const schema = submit ? assessmentSubmitFields : assessmentDraftFields;
    const parsed = schema.safeParse({ ...values, childSeenDate: seen.value });
    zodErrors(parsed.success ? null : parsed.error, errors, ['childSeenDate']);
    const entered = [
      { label: 'The child’s views', value: values.childViews },
      { label: 'The family’s views', value: values.familyViews },
      { label: 'Analysis', value: values.analysis },
    ];
    return refused(reply, assessmentHref(id), 'Go back to the assessment', async () => {
      if (parsed.success && !errors.summary.length) {
        const { episode } = await assessmentForWork(ctx, id);
        addProblems(errors, await submitProblems(ctx.db, episode, parsed.data), ['childSeenDate']);
      }
      if (!parsed.success || errors.summary.length) return assessmentPage(reply, id, values, errors);
      await saveAssessment(ctx, id, parsed.data, submit);
      return reply.redirect(submit ? assessmentHref(id) : `${assessmentHref(id)}?saved=1`, 303);
    }, entered);
  });

  // The manager's decision: authorise (with the primary need) or return with what needs to change.
  const authorisePage = async (reply: FastifyReply, assessmentId: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const ctx = reply.request.ctx();
    const { assessment, episode } = await assessmentForWork(ctx, assessmentId, 'socialcare.authorise', { auditView: true });
    const names = await repo.userNames(ctx.db, [assessment.worker_id]);
    const a = describeAssessment(assessment, episode.referral_date, names);
    return reply.status(errors ? 400 : 200).page(view('authorise-form'), {
      title: 'Authorise the assessment', section: SECTION, episode, a, errors,
      heading: await personHeading(ctx, episode.person_id),
      needs: codeItems(PRIMARY_NEEDS, String(values.primaryNeed ?? episode.primary_need ?? ''), { withCode: true }),
      values: { version: assessment.version, ...values },
    });
  };
  app.get('/assessments/:id/authorise', async (request, reply) => {
    const id = idOf(request);
    return refused(reply, assessmentHref(id), 'Go back to the assessment', async () => {
      const { assessment } = await assessmentForWork(request.ctx(), id, 'socialcare.authorise');
      if (assessment.status !== 'submitted') return reply.redirect(assessmentHref(id), 303);
      return authorisePage(reply, id, {});
    });
  });
  app.post('/assessments/:id/authorise', async (request, reply) => {
    const ctx = request.ctx();
    const id = idOf(request);
    const body = formOf(request);
    const values = { decision: text(body, 'decision'), primaryNeed: text(body, 'primaryNeed'), comment: text(body, 'comment'), version: text(body, 'version') };
    const decision = authoriseDecision.safeParse(values.decision);
    const parsed = authoriseFields.safeParse(values);
    return refused(reply, assessmentHref(id), 'Go back to the assessment', async () => {
      if (!decision.success) return authorisePage(reply, id, values, addError(noErrors(), 'decision', decision.error.issues[0]!.message));
      if (!parsed.success) return authorisePage(reply, id, values, zodErrors(parsed.error));
      if (parsed.data.decision === 'return') {
        await returnAssessment(ctx, id, { comment: parsed.data.comment, version: parsed.data.version });
        return reply.redirect(assessmentHref(id), 303);
      }
      try {
        const done = await authoriseAssessment(ctx, id, { primaryNeed: parsed.data.primaryNeed, comment: parsed.data.comment, version: parsed.data.version });
        if (done.planId) return reply.redirect(planHref(done.planId), 303);
        const { episode } = await assessmentForWork(ctx, id, 'socialcare.authorise');
        return reply.redirect(episodeHref(episode.id), 303);
      } catch (error) {
        if (error instanceof BadRequestError) return authorisePage(reply, id, values, addError(noErrors(), 'decision', error.message));
        throw error;
      }
    }, [{ label: 'Comment', value: values.comment }]);
  });
};
