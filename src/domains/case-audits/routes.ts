import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { formOf, guarded } from '../../platform/http/forms.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { htmlToPdf } from '../../platform/pdf/print.ts';
import { createViewEnvironment } from '../../platform/views/render.ts';
import { text } from '../../platform/views/form-fields.ts';
import { agreedGradesChart, goodOrBetterPercent } from './findings.ts';
import { GRADE_KEYS, GRADES, STATE_TAGS, STATES } from './labels.ts';
import * as repo from './repository.ts';
import { caseRoutes } from './routes-cases.ts';
import { formRoutes, SECTION, view } from './routes-forms.ts';
import { AUDIT_STATES, auditToManage, templateList, templatePage } from './service.ts';
import { advanceAudit, allActions, auditOverview } from './service-findings.ts';
import type { AuditState } from './tables.ts';

/** The report printed to PDF is rendered outside the page layout: a document of its own. */
const documents = createViewEnvironment();
const common = { states: STATES, stateTags: STATE_TAGS, grades: GRADES, gradeKeys: GRADE_KEYS, percent: goodOrBetterPercent };

/**
 * Each user sees the audits that are theirs to see: every audit for the business manager and board members, the
 * audits their agency takes part in for practitioners and managers, and nothing for anyone else.
 */
async function auditsFor(ctx: RequestContext) {
  if (can(ctx.actor, 'quality.view').allowed) return { all: await repo.auditList(ctx.db), mine: [] };
  if (can(ctx.actor, 'audits.answer').allowed) return { all: [], mine: await repo.auditList(ctx.db, ctx.actor.agencyId) };
  return { all: [], mine: [] };
}

/** The audit with its figures, chart and actions, for the audit page and its printable report. */
async function auditWithFigures(ctx: RequestContext, id: string) {
  const data = await auditOverview(ctx, id);
  const chart = data.cases.length && data.figures.overall.graded ? await agreedGradesChart(data.figures) : null;
  return { ...data, chart, ...common };
}

/**
 * Multi-agency case audits: the business manager's pages (templates, audits, sample, moderation, findings, actions),
 * board members' read-only view and report, and each participating agency's answers.
 */
export const caseAuditRoutes = fp(async (app: FastifyInstance) => {
  app.get('/audits', async (request, reply) => {
    const ctx = request.ctx();
    return reply.page(view('list'), { title: 'Multi-agency case audits', section: SECTION, ...(await auditsFor(ctx)), mayManage: can(ctx.actor, 'partnership.manage').allowed, ...common });
  });

  app.get('/audits/templates', async (request, reply) => {
    return reply.page(view('templates'), { title: 'Audit templates', section: SECTION, templates: await templateList(request.ctx()) });
  });
  app.get('/audits/templates/:id', async (request, reply) => {
    const data = await templatePage(request.ctx(), uuidParam(request.params));
    return reply.page(view('template'), { title: data.template.title, section: SECTION, ...data });
  });

  app.get('/audits/actions', async (request, reply) => {
    return reply.page(view('actions'), { title: 'Case audit actions', section: SECTION, actions: await allActions(request.ctx()) });
  });

  app.get('/audits/:id', async (request, reply) => {
    const ctx = request.ctx();
    const data = await auditWithFigures(ctx, uuidParam(request.params));
    const next = AUDIT_STATES.transitions[data.audit.state][0] ?? null;
    return reply.page(view('audit'), { title: data.audit.title, section: SECTION, ...data, next, mayManage: can(ctx.actor, 'partnership.manage').allowed });
  });

  app.get('/audits/:id/report', async (request, reply) => {
    const data = await auditWithFigures(request.ctx(), uuidParam(request.params));
    return reply.page(view('report'), { title: `Report: ${data.audit.title}`, section: SECTION, ...data });
  });

  app.get('/audits/:id/report.pdf', async (request, reply) => {
    const data = await auditWithFigures(request.ctx(), uuidParam(request.params));
    const html = documents.render(view('report-document'), data);
    const pdf = await htmlToPdf(html, { executablePath: app.config.chromiumPath, header: 'OFFICIAL-SENSITIVE: multi-agency case audit' });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="case-audit-${data.audit.id.slice(0, 8)}.pdf"`).header('cache-control', 'no-store').send(pdf);
  });

  app.post('/audits/:id/state', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    const body = formOf(request);
    const to = text(body, 'to') as AuditState;
    const version = Number(text(body, 'version'));
    // The rights and the audit are checked before the request's shape: a refused role learns nothing about it.
    await auditToManage(ctx, id);
    if (!(to in STATES) || !Number.isInteger(version) || version < 1) throw new BadRequestError('Choose the audit’s next step from its page.');
    return guarded(reply, { backHref: `/audits/${id}`, backText: 'Back to the audit', section: SECTION }, async () => {
      await advanceAudit(ctx, id, to, version);
      return reply.redirect(`/audits/${id}`, 303);
    });
  });

  await app.register(formRoutes);
  await app.register(caseRoutes);
});
