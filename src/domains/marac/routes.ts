import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { dateField, formOf, guarded, zodErrors } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { dateParts } from '../../platform/views/date-input.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { maracFigures } from './figures.ts';
import { CLOSURE_REASONS, DASH_HIGH_RISK, OUTCOMES, REFERRING_AGENCIES, RISK_BASES } from './labels.ts';
import { meetingRoutes } from './routes-meetings.ts';
import { newReferralRoutes } from './routes-new.ts';
import { closeFields } from './schema.ts';
import { caseList, casePage, formCase } from './service-read.ts';
import { closeCase, markActionDone } from './service-work.ts';
import { FieldProblem } from '../../platform/http/errors.ts';

const view = (name: string) => `domains/marac/views/${name}.njk`;
const caseHref = (id: string) => `/marac/cases/${id}`;
const codes = { agencies: REFERRING_AGENCIES, riskBases: RISK_BASES, outcomes: OUTCOMES, closureReasons: CLOSURE_REASONS, dashHighRisk: DASH_HIGH_RISK };

/** The MARAC: the coordinator's list of cases, each case with its history, meetings, figures, and the forms that change them. */
export const maracRoutes = fp(async (app: FastifyInstance) => {
  app.get('/marac', async (request, reply) => {
    const status = z.enum(['open', 'closed', 'all']).catch('open').parse((request.query as Record<string, unknown> | undefined)?.status);
    const list = await caseList(request.ctx(), status);
    return reply.page(view('list'), { title: 'MARAC cases', section: 'marac', ...list, status, codes });
  });

  app.get('/marac/figures', async (request, reply) => {
    const figures = await maracFigures(request.ctx());
    return reply.page(view('figures'), { title: 'MARAC figures', section: 'marac', figures });
  });

  app.get('/marac/cases/:id', async (request, reply) => {
    const page = await casePage(request.ctx(), uuidParam(request.params));
    return reply.page(view('case'), { title: 'MARAC case', section: 'marac', ...page, codes, today: ukToday() });
  });

  const closePage = async (reply: FastifyReply, id: string, values: Record<string, unknown> | null, errors?: FormErrors) => {
    const data = await formCase(reply.request.ctx(), id);
    const shown = values ?? { closedOn: dateParts(ukToday()), version: data.row.version };
    return reply.status(errors?.summary.length ? 400 : 200).page(view('close-form'), { title: 'Close the case', section: 'marac', ...data, codes, values: shown, errors: errors ?? noErrors() });
  };

  app.get('/marac/cases/:id/close', async (request, reply) => closePage(reply, uuidParam(request.params), null));

  app.post('/marac/cases/:id/close', async (request, reply) => {
    const id = uuidParam(request.params);
    const body = formOf(request);
    const errors = noErrors();
    const closed = dateField(body, 'closedOn', 'The date the case closes', errors, 'Enter the date the case closes');
    const values = { closedOn: closed.input, reason: text(body, 'reason'), version: text(body, 'version') };
    const parsed = closeFields.safeParse({ ...values, closedOn: closed.value ?? '' });
    zodErrors(parsed.success ? null : parsed.error, errors, ['closedOn']);
    return guarded(reply, { backHref: caseHref(id), backText: 'Back to the case', section: 'marac' }, async () => {
      if (!parsed.success || errors.summary.length) return closePage(reply, id, values, errors);
      try {
        await closeCase(request.ctx(), id, parsed.data);
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        return closePage(reply, id, values, addError(noErrors(), `${error.field}-day`, error.message));
      }
      return reply.redirect(caseHref(id), 303);
    });
  });

  app.post('/marac/cases/:id/actions/:actionId/done', async (request, reply) => {
    const caseId = uuidParam(request.params);
    const actionId = uuidParam(request.params, 'actionId');
    const version = Number(text(formOf(request), 'version'));
    return guarded(reply, { backHref: caseHref(caseId), backText: 'Back to the case', section: 'marac' }, async () => {
      await markActionDone(request.ctx(), caseId, actionId, { doneOn: ukToday(), version });
      return reply.redirect(caseHref(caseId), 303);
    });
  });

  await app.register(newReferralRoutes);
  await app.register(meetingRoutes);
});
