import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { authorise } from '../../platform/access/authorise.ts';
import { financialYearLabel, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formOf, guarded } from '../../platform/http/forms.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { addError, type FormErrors, noErrors } from '../../platform/views/form-errors.ts';
import { text } from '../../platform/views/form-fields.ts';
import { formatDate } from '../../platform/views/format.ts';
import { FieldProblem } from '../../platform/http/errors.ts';
import { BOARD_FORMS } from './board-forms.ts';
import { attendanceChart } from './chart.ts';
import { pounds } from './figures.ts';
import { registerForm } from './forms.ts';
import { ATTENDANCE, MEETING_KINDS, RAG_TAGS, RAGS, ROLES, WORK_STATUSES } from './labels.ts';
import { version } from './schema.ts';
import { budgetYear } from './service-budget.ts';
import { attendanceYear, decisionLog, meetingList, meetingPage, memberList, recordAttendance } from './service-meetings.ts';
import { actionPage, planList, planPage } from './service-plan.ts';
import { subgroupList, subgroupPage } from './service-subgroups.ts';

const SECTION = 'partnership';
const view = (name: string) => `domains/board/views/${name}.njk`;
const labels = { roles: ROLES, kinds: MEETING_KINDS, attendanceLabels: ATTENDANCE, rags: RAGS, ragTags: RAG_TAGS, workStatuses: WORK_STATUSES };

/** A financial year from the query string ("?year=2025" for April 2025 to March 2026); anything else is the default. */
const yearOf = (query: unknown) => z.coerce.number().int().min(2000).max(2100).nullable().catch(null).parse((query as Record<string, unknown> | undefined)?.year ?? null);

/**
 * The board's own business under /board: members, meetings with attendance and decisions, the budget, the business
 * plan and the sub-groups. Board members read every page; the business manager also keeps them.
 */
export const boardRoutes = fp(async (app: FastifyInstance) => {
  const mayManage = (request: { ctx: () => { actor: { roles: readonly string[] } } }) => request.ctx().actor.roles.includes('business_manager');

  app.get('/board', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'quality.view');
    const [plans, members, meetings] = await Promise.all([planList(ctx), memberList(ctx), meetingList(ctx)]);
    const today = ukToday();
    const current = plans.find((p) => p.starts_on <= today && !p.closed) ?? null;
    return reply.page(view('index'), {
      title: 'Board business', section: SECTION, ...labels, mayManage: mayManage(request),
      currentPlan: current ? await planPage(ctx, current.id) : null,
      memberCount: members.filter((m) => m.current).length,
      lastMeeting: meetings.find((m) => m.held_on <= today) ?? null,
      nextMeeting: [...meetings].reverse().find((m) => m.held_on > today) ?? null,
    });
  });

  app.get('/board/members', async (request, reply) => {
    const rows = await memberList(request.ctx());
    return reply.page(view('members'), { title: 'Board members', section: SECTION, ...labels, rows, mayManage: mayManage(request) });
  });

  app.get('/board/meetings', async (request, reply) => {
    const rows = await meetingList(request.ctx());
    return reply.page(view('meetings'), { title: 'Board meetings', section: SECTION, ...labels, rows, mayManage: mayManage(request) });
  });

  app.get('/board/meetings/:id', async (request, reply) => {
    const data = await meetingPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('meeting'), { title: `${MEETING_KINDS[data.meeting.kind]}, ${formatDate(data.meeting.held_on)}`, section: SECTION, ...labels, ...data, mayManage: mayManage(request) });
  });

  const registerPage = async (reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) => {
    const data = await meetingPage(reply.request.ctx(), id);
    const marks = { ...Object.fromEntries(data.attendance.map((m) => [m.id, m.status ?? ''])), ...((values.marks ?? {}) as Record<string, string>) };
    return reply.status(errors?.summary.length ? 400 : 200).page(view('attendance-form'), {
      title: 'Record attendance', section: SECTION, ...labels, ...data, marks, version: values.version ?? data.meeting.version, errors: errors ?? noErrors(),
    });
  };

  app.get('/board/meetings/:id/attendance', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return registerPage(reply, uuidParam(request.params), {});
  });

  app.post('/board/meetings/:id/attendance', async (request, reply) => {
    const ctx = request.ctx();
    authorise(ctx, 'partnership.manage');
    const id = uuidParam(request.params);
    const body = formOf(request);
    const marks = Object.fromEntries(Object.keys(body).filter((k) => k.startsWith('status-')).map((k) => [k.slice('status-'.length), text(body, k)]));
    const parsedVersion = version.safeParse(text(body, 'version'));
    return guarded(reply, { backHref: `/board/meetings/${id}`, backText: 'Back to the meeting', section: SECTION }, async () => {
      if (!parsedVersion.success) return registerPage(reply, id, { marks }, addError(noErrors(), 'form', 'The form is missing its version. Reload the page and try again.'));
      try {
        await recordAttendance(ctx, id, parsedVersion.data, marks);
      } catch (error) {
        if (error instanceof FieldProblem) return registerPage(reply, id, { marks, version: parsedVersion.data }, addError(noErrors(), error.field, error.message));
        throw error;
      }
      return reply.redirect(`/board/meetings/${id}`, 303);
    });
  });

  app.get('/board/decisions', async (request, reply) => {
    const rows = await decisionLog(request.ctx());
    return reply.page(view('decisions'), { title: 'Decisions log', section: SECTION, ...labels, rows, today: ukToday() });
  });

  app.get('/board/attendance', async (request, reply) => {
    const data = await attendanceYear(request.ctx(), yearOf(request.query));
    const yearLabel = financialYearLabel(data.year);
    return reply.page(view('attendance'), {
      title: 'Attendance at board meetings', section: SECTION, ...data, yearLabel, chartSvg: await attendanceChart(data.rows, yearLabel),
      yearItems: data.years.map((y) => ({ value: String(y), text: financialYearLabel(y), selected: y === data.year })),
    });
  });

  app.get('/board/budget', async (request, reply) => {
    const data = await budgetYear(request.ctx(), yearOf(request.query));
    return reply.page(view('budget'), {
      title: 'Budget contributions', section: SECTION, ...data, yearLabel: financialYearLabel(data.year), mayManage: mayManage(request),
      rows: data.rows.map((r) => ({ ...r, agreed: pounds(r.agreed_pence), received: pounds(r.received_pence), outstanding: pounds(r.agreed_pence - r.received_pence) })),
      total: { agreed: pounds(data.totals.agreedPence), received: pounds(data.totals.receivedPence), outstanding: pounds(data.totals.outstandingPence) },
      yearItems: data.years.map((y) => ({ value: String(y), text: financialYearLabel(y), selected: y === data.year })),
      thisYear: financialYearStart(ukToday()),
    });
  });

  app.get('/board/plans', async (request, reply) => {
    const rows = await planList(request.ctx());
    return reply.page(view('plans'), { title: 'Business plans', section: SECTION, rows, mayManage: mayManage(request) });
  });

  app.get('/board/plans/:id', async (request, reply) => {
    const data = await planPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('plan'), { title: data.plan.title, section: SECTION, ...labels, ...data });
  });

  app.get('/board/actions/:id', async (request, reply) => {
    const data = await actionPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('action'), { title: 'Business plan action', section: SECTION, ...labels, ...data });
  });

  app.get('/board/subgroups', async (request, reply) => {
    const rows = await subgroupList(request.ctx());
    return reply.page(view('subgroups'), { title: 'Sub-groups', section: SECTION, rows, mayManage: mayManage(request) });
  });

  app.get('/board/subgroups/:id', async (request, reply) => {
    const data = await subgroupPage(request.ctx(), uuidParam(request.params));
    return reply.page(view('subgroup'), { title: data.group.name, section: SECTION, ...labels, ...data });
  });

  for (const form of BOARD_FORMS) registerForm(app, form);
});
