import type { FastifyInstance, FastifyReply } from 'fastify';
import { UUID, uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import type { ThresholdFramework } from '../front-door/service.ts';
import { attempt, caseHref, caseIdOf, dateField, formOf, guarded, idempotencyKeyOf, SECTION, view, zodErrors } from './routes-support.ts';
import { assessmentFields, type AssessmentInput, tacMemberFields } from './schema.ts';
import { assessmentForm, draftProblems, registrationProblems, saveAssessment } from './service-assessment.ts';
import { addMember, endMember, teamChoices } from './service-team.ts';

type Form = Awaited<ReturnType<typeof assessmentForm>>;

/** What the assessment form shows: what was saved, or what was just typed. */
function savedValues(form: Form) {
  const a = form.assessment;
  return {
    version: a?.version ?? 0,
    childViews: a?.child_views ?? '',
    familyViews: a?.family_views ?? '',
    summary: a?.summary ?? '',
    consentGiven: a ? (a.consent_given ? 'yes' : 'no') : '',
    consentBy: a?.consent_by ?? '',
    consentOn: dateParts(a?.consent_on),
    sections: Object.fromEntries(form.sections.map((s) => [s.domain_id, { strengths: s.strengths ?? '', needs: s.needs ?? '', level: s.level ? String(s.level) : '' }])),
  };
}

/** Reads the assessment form against the framework's domains; section fields are named `<field>-<domain id>`. */
function readAssessment(body: FormBody, framework: ThresholdFramework) {
  const errors = noErrors();
  const consentOn = dateField(body, 'consentOn', 'The date consent was given', errors);
  const sections = framework.domains.map((d) => ({ domainId: d.id, strengths: text(body, `strengths-${d.id}`), needs: text(body, `needs-${d.id}`), level: text(body, `level-${d.id}`) }));
  const values = {
    version: text(body, 'version'),
    childViews: text(body, 'childViews'),
    familyViews: text(body, 'familyViews'),
    summary: text(body, 'summary'),
    consentGiven: text(body, 'consentGiven'),
    consentBy: text(body, 'consentBy'),
    consentOn: consentOn.input,
    sections: Object.fromEntries(sections.map(({ domainId, ...s }) => [domainId, s])),
  };
  const parsed = assessmentFields.safeParse({
    ...values,
    consentGiven: values.consentGiven === 'yes',
    consentOn: consentOn.value,
    sections: sections.map((s) => ({ ...s, level: s.level || null })),
  });
  for (const issue of parsed.error?.issues ?? []) {
    const [first, index, field] = issue.path;
    const name = first === 'sections' && typeof index === 'number' ? `${String(field)}-${sections[index]!.domainId}` : String(first ?? 'form');
    addError(errors, name, issue.message);
  }
  return { values, errors, input: parsed.success ? parsed.data : null };
}

/** What the user typed into the assessment, shown when their save conflicts with someone else's. */
function enteredLines(framework: ThresholdFramework, input: AssessmentInput) {
  return [
    ...framework.domains.flatMap((d) => {
      const s = input.sections.find((x) => x.domainId === d.id);
      return [
        { label: `Strengths: ${d.name}`, value: s?.strengths ?? '' },
        { label: `Needs: ${d.name}`, value: s?.needs ?? '' },
      ];
    }),
    { label: 'The child’s views', value: input.childViews ?? '' },
    { label: 'The family’s views', value: input.familyViews ?? '' },
    { label: 'Summary', value: input.summary ?? '' },
  ];
}

/** The Team Around the Child's form fields and the assessment form. */
export const workRoutes = async (app: FastifyInstance) => {
  const assessmentPage = (reply: FastifyReply, form: Form, values: unknown, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).page(view('assessment-form'), { title: 'Early help assessment', section: SECTION, ...form, values, errors });

  app.get('/early-help/cases/:id/assessment', async (request, reply) => {
    const form = await assessmentForm(request.ctx(), caseIdOf(request));
    if (form.assessment?.status === 'registered') return reply.redirect(`${caseHref(form.row.id)}#assessment`, 303);
    return assessmentPage(reply, form, savedValues(form));
  });

  app.post('/early-help/cases/:id/assessment', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    return guarded(reply, caseId, async () => {
      const form = await assessmentForm(ctx, caseId);
      const register = text(formOf(request), 'intent') === 'register';
      const { values, errors, input } = readAssessment(formOf(request), form.framework);
      if (input) for (const p of register ? registrationProblems(input, form.framework) : draftProblems(input)) addError(errors, p.field === 'consentOn' ? 'consentOn-day' : p.field, p.message);
      if (!input || errors.summary.length) return assessmentPage(reply, form, values, errors);
      // A conflicting save shows what the user typed, so nothing is lost.
      return guarded(
        reply,
        caseId,
        async () => {
          await saveAssessment(ctx, caseId, input, { register });
          return reply.redirect(`${caseHref(caseId)}#assessment`, 303);
        },
        enteredLines(form.framework, input),
      );
    });
  });


  const teamPage = async (reply: FastifyReply, caseId: string, agencyId: string | null, values: Record<string, unknown>, errors?: FormErrors) => {
    const choices = await teamChoices(reply.request.ctx(), caseId, agencyId, { auditView: !errors });
    return reply.status(errors ? 400 : 200).page(view('team-form'), { title: 'Add a member to the Team Around the Child', section: SECTION, ...choices, values: { agencyId, ...values }, errors });
  };

  app.get('/early-help/cases/:id/team/new', async (request, reply) => {
    const raw = text(request.query, 'agencyId');
    return teamPage(reply, caseIdOf(request), UUID.test(raw) ? raw.toLowerCase() : null, { idempotencyKey: idempotencyKeyOf() });
  });

  app.post('/early-help/cases/:id/team/new', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const body = formOf(request);
    const values = { agencyId: text(body, 'agencyId'), userId: text(body, 'userId'), role: text(body, 'role'), idempotencyKey: idempotencyKeyOf(body) };
    const agencyId = UUID.test(values.agencyId) ? values.agencyId.toLowerCase() : null;
    const parsed = tacMemberFields.safeParse({ ...values, idempotencyKey: text(body, 'idempotencyKey') });
    if (!parsed.success) {
      const errors = zodErrors(parsed.error);
      if (errors.fields.agencyId) addError(errors, 'agency', errors.fields.agencyId.text);
      return teamPage(reply, caseId, agencyId, values, errors);
    }
    return guarded(reply, caseId, async () => {
      const refused = await attempt('userId', () => addMember(ctx, caseId, parsed.data));
      return refused ? teamPage(reply, caseId, agencyId, values, refused) : reply.redirect(`${caseHref(caseId)}#team`, 303);
    });
  });

  app.post('/early-help/cases/:id/team/:memberId/end', async (request, reply) => {
    const ctx = request.ctx();
    const caseId = caseIdOf(request);
    const memberId = uuidParam(request.params, 'memberId');
    return guarded(reply, caseId, async () => {
      const { userId } = await endMember(ctx, caseId, memberId);
      // Someone who leaves the team may no longer see the child: take them to their early help list instead.
      return reply.redirect(userId === ctx.actor.id ? '/early-help' : `${caseHref(caseId)}#team`, 303);
    });
  });
};
