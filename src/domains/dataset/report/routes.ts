import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { authorise, type RequestContext } from '../../../platform/access/authorise.ts';
import { can } from '../../../platform/access/rules.ts';
import { formOf, guarded, zodErrors } from '../../../platform/http/forms.ts';
import { type FormErrors, noErrors } from '../../../platform/views/form-errors.ts';
import { text } from '../../../platform/views/form-fields.ts';
import { buildAnnualReport } from './build.ts';
import { reportFileName, reportHtml, reportPdf, reportXlsx } from './document.ts';
import { present } from './present.ts';
import { commentaryForm, MAX_COMMENTARY } from './schema.ts';
import type { SectionSpec } from './sections.ts';
import { commentaryFor, reportYearOf, reportYears, saveCommentary, sectionOf } from './service.ts';

const view = (name: string) => `domains/dataset/report/views/${name}.njk`;
const SECTION = 'dataset';
const BASE = '/reports/annual';

/** The report for a year, for anyone who sees figures (`aggregates.view`); checked before anything is read. */
async function reportFor(ctx: RequestContext, params: unknown) {
  authorise(ctx, 'aggregates.view');
  return buildAnnualReport(ctx.db, reportYearOf(params));
}

const download = (reply: FastifyReply, type: string, name: string) =>
  reply.type(type).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');

/**
 * The annual report: the list of years, the report as a page (printable), as a standalone HTML file, a PDF and a
 * workbook of its tables, and the board's commentary on each section (`report.edit`: analysts and the business
 * manager), version-checked.
 */
export const annualReportRoutes = fp(async (app: FastifyInstance) => {
  app.get(BASE, async (request, reply) => {
    const years = await reportYears(request.ctx());
    return reply.page(view('list'), { title: 'Annual reports', section: SECTION, years });
  });

  app.get(`${BASE}/:year`, async (request, reply) => {
    const ctx = request.ctx();
    const r = await present(await reportFor(ctx, request.params));
    const saved = (request.query as Record<string, unknown> | undefined)?.saved;
    return reply.page(view('report'), {
      title: `Annual report ${r.name}`, section: SECTION, r, mayEdit: can(ctx.actor, 'report.edit').allowed,
      flash: saved === '1' ? 'Commentary saved' : undefined,
    });
  });

  app.get(`${BASE}/:year/report.html`, async (request, reply) => {
    const report = await reportFor(request.ctx(), request.params);
    return download(reply, 'text/html; charset=utf-8', `${reportFileName(report)}.html`).send(reportHtml(await present(report)));
  });

  app.get(`${BASE}/:year/report.pdf`, async (request, reply) => {
    const report = await reportFor(request.ctx(), request.params);
    const pdf = await reportPdf(await present(report), app.config.chromiumPath);
    return download(reply, 'application/pdf', `${reportFileName(report)}.pdf`).send(pdf);
  });

  app.get(`${BASE}/:year/report.xlsx`, async (request, reply) => {
    const report = await reportFor(request.ctx(), request.params);
    return download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${reportFileName(report)}.xlsx`).send(await reportXlsx(report));
  });

  const formPage = (reply: FastifyReply, year: number, section: SectionSpec, values: { body: string; version: string }, errors: FormErrors = noErrors()) =>
    reply.status(errors.summary.length ? 400 : 200).page(view('commentary-form'), {
      title: `Commentary: ${section.title}`, section: SECTION, year, yearName: `${year}/${String((year + 1) % 100).padStart(2, '0')}`,
      values, errors, maxLength: MAX_COMMENTARY.toLocaleString('en-GB'), part: section,
    });

  app.get(`${BASE}/:year/commentary/:section`, async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'report.edit');
    const year = reportYearOf(request.params);
    const section = sectionOf(request.params);
    const saved = await commentaryFor(ctx, year, section);
    return formPage(reply, year, section, { body: saved.body, version: String(saved.version) });
  });

  app.post(`${BASE}/:year/commentary/:section`, async (request, reply) => {
    const ctx = request.ctx();
    // The right is checked before the request's shape: a refused role learns nothing about the report.
    authorise(ctx, 'report.edit');
    const year = reportYearOf(request.params);
    const section = sectionOf(request.params);
    const body = formOf(request);
    const values = { body: text(body, 'body'), version: text(body, 'version') };
    const parsed = commentaryForm.safeParse(values);
    const refusal = {
      backHref: `${BASE}/${year}/commentary/${section.id}`, backText: 'Look at the commentary as it is now', section: SECTION,
      entered: [{ label: 'Your commentary', value: values.body }],
    };
    return guarded(reply, refusal, async () => {
      if (!parsed.success) return formPage(reply, year, section, values, zodErrors(parsed.error));
      await saveCommentary(ctx, year, section, parsed.data);
      return reply.redirect(`${BASE}/${year}?saved=1#${section.id}`, 303);
    });
  });
});
