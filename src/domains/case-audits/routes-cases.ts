import type { FastifyInstance, FastifyReply } from 'fastify';
import { formOf, guarded } from '../../platform/http/forms.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { type FormBody, text } from '../../platform/views/form-fields.ts';
import { GRADE_KEYS, GRADES } from './labels.ts';
import { SECTION, view } from './routes-forms.ts';
import { agencyPage, answerForm, saveAnswer, submitAnswers } from './service-answers.ts';
import { moderateCase, moderationForm } from './service-findings.ts';
import type { Grade } from './tables.ts';

const MAX_TEXT = 5000;
const isGrade = (v: string): v is Grade => (GRADE_KEYS as string[]).includes(v);
const gradeItems = (chosen: string) => GRADE_KEYS.map((g) => ({ value: g, text: GRADES[g], checked: chosen === g }));
const versionOf = (b: FormBody) => {
  const v = Number(text(b, 'version'));
  if (!Number.isInteger(v) || v < 0) throw new BadRequestError('The form is missing its version. Reload the page and try again.');
  return v;
};

/** A question's grade and commentary as typed; an answer needs a reason where practice fell short. */
function readAnswers(b: FormBody, questions: { id: string; position: number }[], errors: FormErrors) {
  return questions.map((q) => {
    const grade = text(b, `grade-${q.id}`);
    const commentary = text(b, `commentary-${q.id}`).trim();
    if (grade && !isGrade(grade)) addError(errors, `grade-${q.id}`, `Select a grade for question ${q.position} from the list`);
    if (commentary.length > MAX_TEXT) addError(errors, `commentary-${q.id}`, `Commentary on question ${q.position} must be ${MAX_TEXT} characters or fewer`);
    if ((grade === 'requires_improvement' || grade === 'inadequate') && !commentary) addError(errors, `commentary-${q.id}`, `Say why practice on question ${q.position} ${grade === 'inadequate' ? 'was inadequate' : 'requires improvement'}`);
    return { questionId: q.id, grade: isGrade(grade) ? grade : null, commentary: commentary || null };
  });
}

/** Each agency answers for its own involvement with each child; the business manager moderates each child. */
export async function caseRoutes(app: FastifyInstance) {
  const answerPage = async (reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) => {
    const params = reply.request.params;
    const data = await answerForm(reply.request.ctx(), uuidParam(params), uuidParam(params, 'caseId'));
    return reply.status(errors?.summary.length ? 400 : 200).page(view('answer-form'), {
      title: `Case ${data.child.number}: your agency’s answer`, section: SECTION, ...data, values, errors: errors ?? noErrors(), gradeItems, grades: GRADES,
      locked: data.audit.state !== 'open' || Boolean(data.agency.submitted_at),
    });
  };
  app.get('/audits/:id/answers/:caseId', async (request, reply) => {
    const data = await answerForm(request.ctx(), uuidParam(request.params), uuidParam(request.params, 'caseId'));
    const values: Record<string, string> = { version: String(data.response?.version ?? 0), notInvolved: data.response?.not_involved ? 'yes' : '' };
    for (const a of data.answers) Object.assign(values, { [`grade-${a.question_id}`]: a.grade ?? '', [`commentary-${a.question_id}`]: a.commentary ?? '' });
    return answerPage(reply, values);
  });
  app.post('/audits/:id/answers/:caseId', async (request, reply) => {
    const ctx = request.ctx();
    const [auditId, caseId] = [uuidParam(request.params), uuidParam(request.params, 'caseId')];
    const data = await answerForm(ctx, auditId, caseId);
    const body = formOf(request);
    const values = Object.fromEntries(Object.keys(body).map((k) => [k, text(body, k)]));
    const errors = noErrors();
    const notInvolved = text(body, 'notInvolved') === 'yes';
    const answers = readAnswers(body, data.questions, notInvolved ? noErrors() : errors);
    const entered = answers.filter((a) => a.commentary).map((a) => ({ label: `Commentary on question ${data.questions.find((q) => q.id === a.questionId)!.position}`, value: a.commentary! }));
    return guarded(reply, { backHref: `/audits/${auditId}/answers`, backText: 'Back to your agency’s answers', section: SECTION, entered }, async () => {
      if (errors.summary.length) return answerPage(reply, values, errors);
      await saveAnswer(ctx, auditId, caseId, { version: versionOf(body), notInvolved, answers });
      return reply.redirect(`/audits/${auditId}/answers`, 303);
    });
  });

  app.get('/audits/:id/answers', async (request, reply) => {
    const data = await agencyPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('agency'), { title: data.audit.title, section: SECTION, ...data, errors: noErrors() });
  });
  app.post('/audits/:id/answers/submit', async (request, reply) => {
    const ctx = request.ctx();
    const auditId = uuidParam(request.params);
    return guarded(reply, { backHref: `/audits/${auditId}/answers`, backText: 'Back to your agency’s answers', section: SECTION }, async () => {
      const { missing } = await submitAnswers(ctx, auditId);
      if (!missing.length) return reply.redirect(`/audits/${auditId}/answers`, 303);
      const data = await agencyPage(ctx, auditId);
      const errors = noErrors();
      for (const n of missing) errors.summary.push({ text: `Answer every question for case ${n}, or say your agency was not involved with the child`, href: `#case-${n}` });
      return reply.status(400).page(view('agency'), { title: data.audit.title, section: SECTION, ...data, errors });
    });
  });

  const moderationPage = async (reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) => {
    const data = await moderationForm(reply.request.ctx(), uuidParam(reply.request.params), uuidParam(reply.request.params, 'caseId'));
    return reply.status(errors?.summary.length ? 400 : 200).page(view('moderation-form'), {
      title: `Moderate case ${data.child.number}`, section: SECTION, ...data, values, errors: errors ?? noErrors(), gradeItems, grades: GRADES,
    });
  };
  app.get('/audits/:id/cases/:caseId', async (request, reply) => {
    const data = await moderationForm(request.ctx(), uuidParam(request.params), uuidParam(request.params, 'caseId'));
    const values: Record<string, string> = { version: String(data.child.version) };
    for (const r of data.rows) Object.assign(values, { [`grade-${r.question.id}`]: r.agreed?.grade ?? '', [`note-${r.question.id}`]: r.agreed?.note ?? '' });
    return moderationPage(reply, values);
  });
  app.post('/audits/:id/cases/:caseId', async (request, reply) => {
    const ctx = request.ctx();
    const [auditId, caseId] = [uuidParam(request.params), uuidParam(request.params, 'caseId')];
    const data = await moderationForm(ctx, auditId, caseId);
    const body = formOf(request);
    const values = Object.fromEntries(Object.keys(body).map((k) => [k, text(body, k)]));
    const errors = noErrors();
    const rows = data.rows.map((r) => {
      const grade = text(body, `grade-${r.question.id}`);
      const note = text(body, `note-${r.question.id}`).trim();
      if (!isGrade(grade)) addError(errors, `grade-${r.question.id}`, `Select the agreed grade for question ${r.question.position}`);
      if (r.differ && !note) addError(errors, `note-${r.question.id}`, `Agencies graded question ${r.question.position} differently: say how the grade was agreed`);
      if (note.length > MAX_TEXT) addError(errors, `note-${r.question.id}`, `The note on question ${r.question.position} must be ${MAX_TEXT} characters or fewer`);
      return { questionId: r.question.id, grade: grade as Grade, note: note || null };
    });
    const entered = rows.filter((r) => r.note).map((r) => ({ label: 'Moderation note', value: r.note! }));
    return guarded(reply, { backHref: `/audits/${auditId}`, backText: 'Back to the audit', section: SECTION, entered }, async () => {
      if (errors.summary.length) return moderationPage(reply, values, errors);
      await moderateCase(ctx, auditId, caseId, { version: versionOf(body), rows });
      return reply.redirect(`/audits/${auditId}#cases`, 303);
    });
  });
}
