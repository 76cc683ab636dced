import { financialYearLabel, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { formatDate } from '../../platform/views/format.ts';
import type { BoardForm } from './forms.ts';
import { MEETING_KINDS, RAGS, ROLES, WORK_STATUSES } from './labels.ts';
import * as repo from './repository.ts';
import { actionFields, contributionFields, decisionFields, meetingFields, memberFields, planFields, priorityFields, progressFields, subgroupFields, workItemFields, workStatusFields } from './schema.ts';
import { addContribution, contributionFor, editContribution } from './service-budget.ts';
import { addDecision, addMeeting, addMember, editMember, meetingFor, memberFor, userChoices } from './service-meetings.ts';
import { actionFor, addAction, addPlan, addPriority, openPriorityChoices, planFor, planList, priorityFor, subgroupChoices, updateProgress } from './service-plan.ts';
import { addSubgroup, addWorkItem, subgroupFor, updateWorkStatus, workItemFor } from './service-subgroups.ts';

/** Pence as the amount box shows it: pounds with pence, no symbol ("12500.00"). */
const poundsInput = (pence: number) => (pence / 100).toFixed(2);

/** This financial year, two before it and the next, for the choice of a contribution's year. */
const yearChoices = () => {
  const now = financialYearStart(ukToday());
  return Object.fromEntries([now + 1, now, now - 1, now - 2].map((y) => [String(y), financialYearLabel(y)]));
};

const MEMBER_FIELDS: BoardForm['fields'] = [
  { name: 'name', label: 'Name', kind: 'input', entered: true },
  { name: 'role', label: 'Role on the board', kind: 'radios' },
  { name: 'agencyId', label: 'Agency', kind: 'select' },
  { name: 'fromOn', label: 'Joined the board on', kind: 'date', missing: 'Enter the date the member joined the board' },
  { name: 'toOn', label: 'Left the board on (optional)', kind: 'date', hint: 'Leave blank while they are a member. Their attendance is counted only while they were on the board.' },
  { name: 'userId', label: 'Their Cairn account (optional)', kind: 'select', hint: 'Only if they use Cairn.' },
];
const memberChoices = async (ctx: Parameters<BoardForm['load']>[0]) => ({ role: ROLES, agencyId: await repo.agencyChoices(ctx.db), userId: await userChoices(ctx) });

const CONTRIBUTION_FIELDS: BoardForm['fields'] = [
  { name: 'agencyId', label: 'Agency', kind: 'select' },
  { name: 'yearStart', label: 'Financial year', kind: 'select' },
  { name: 'agreed', label: 'Amount agreed', kind: 'money', entered: true },
  { name: 'received', label: 'Amount received so far', kind: 'money', hint: 'Leave blank if nothing has been received yet.', entered: true },
];

export const BOARD_FORMS: BoardForm[] = [
  {
    path: '/board/members/new', title: 'Add a board member', button: 'Add the member', creates: true, schema: memberFields, fields: MEMBER_FIELDS,
    load: async (ctx) => ({ back: { href: '/board/members', text: 'Back to members' }, choices: await memberChoices(ctx), defaults: { role: 'member', fromOn: ukToday() } }),
    save: async (ctx, _p, data, key) => { await addMember(ctx, data, key); return '/board/members'; },
  },
  {
    path: '/board/members/:id/edit', title: 'Change a board member', button: 'Save the changes', creates: false, schema: memberFields, fields: MEMBER_FIELDS,
    load: async (ctx, params) => {
      const m = await memberFor(ctx, uuidParam(params));
      return { back: { href: '/board/members', text: 'Back to members' }, choices: await memberChoices(ctx), version: m.version, defaults: { name: m.name, role: m.role, agencyId: m.agency_id, fromOn: m.from_on, toOn: m.to_on, userId: m.user_id ?? '' } };
    },
    save: async (ctx, params, data) => { await editMember(ctx, uuidParam(params), data); return '/board/members'; },
  },
  {
    path: '/board/meetings/new', title: 'Record a meeting', button: 'Save the meeting', creates: true, schema: meetingFields,
    fields: [
      { name: 'heldOn', label: 'Date of the meeting', kind: 'date', missing: 'Enter the date of the meeting' },
      { name: 'kind', label: 'Kind of meeting', kind: 'radios', hint: 'Only board meetings count towards each agency’s attendance.' },
      { name: 'agenda', label: 'Agenda', kind: 'textarea', hint: 'One item a line.', entered: true },
    ],
    load: async () => ({ back: { href: '/board/meetings', text: 'Back to meetings' }, choices: { kind: MEETING_KINDS }, defaults: { kind: 'board', heldOn: ukToday() } }),
    save: async (ctx, _p, data, key) => `/board/meetings/${await addMeeting(ctx, data, key)}`,
  },
  {
    path: '/board/meetings/:id/decisions/new', title: 'Record a decision', button: 'Save the decision', creates: true, schema: decisionFields,
    fields: [
      { name: 'text', label: 'Decision', kind: 'textarea', entered: true },
      { name: 'lead', label: 'Lead', kind: 'input', hint: 'Who will carry it out, for example “Business manager” or “Chair of the Quality and Effectiveness Group”.', entered: true },
      { name: 'dueOn', label: 'Due date (optional)', kind: 'date' },
    ],
    load: async (ctx, params) => {
      const m = await meetingFor(ctx, uuidParam(params));
      return { back: { href: `/board/meetings/${m.id}`, text: 'Back to the meeting' }, caption: `${MEETING_KINDS[m.kind]}, ${formatDate(m.held_on)}` };
    },
    save: async (ctx, params, data, key) => { await addDecision(ctx, uuidParam(params), data, key); return `/board/meetings/${uuidParam(params)}`; },
  },
  {
    path: '/board/budget/new', title: 'Add a budget contribution', button: 'Add the contribution', creates: false, schema: contributionFields, fields: CONTRIBUTION_FIELDS,
    load: async (ctx) => ({ back: { href: '/board/budget', text: 'Back to the budget' }, choices: { agencyId: await repo.agencyChoices(ctx.db), yearStart: yearChoices() }, defaults: { yearStart: String(financialYearStart(ukToday())) } }),
    save: async (ctx, _p, data: { yearStart: number }) => { await addContribution(ctx, data as never); return `/board/budget?year=${data.yearStart}`; },
  },
  {
    path: '/board/budget/:id/edit', title: 'Change a budget contribution', button: 'Save the changes', creates: false, schema: contributionFields, fields: CONTRIBUTION_FIELDS,
    load: async (ctx, params) => {
      const c = await contributionFor(ctx, uuidParam(params));
      return { back: { href: `/board/budget?year=${c.year_start}`, text: 'Back to the budget' }, version: c.version, choices: { agencyId: await repo.agencyChoices(ctx.db), yearStart: { ...yearChoices(), [String(c.year_start)]: financialYearLabel(c.year_start) } },
        defaults: { agencyId: c.agency_id, yearStart: String(c.year_start), agreed: poundsInput(c.agreed_pence), received: poundsInput(c.received_pence) } };
    },
    save: async (ctx, params, data: { yearStart: number }) => { await editContribution(ctx, uuidParam(params), data as never); return `/board/budget?year=${data.yearStart}`; },
  },
  {
    path: '/board/plans/new', title: 'Start a business plan', button: 'Start the plan', creates: true, schema: planFields,
    fields: [
      { name: 'title', label: 'Title', kind: 'input', entered: true },
      { name: 'startsOn', label: 'Starts on', kind: 'date', missing: 'Enter the date the plan starts' },
      { name: 'endsOn', label: 'Ends on', kind: 'date', missing: 'Enter the date the plan ends' },
      { name: 'copyFromId', label: 'Carry open actions forward from (optional)', kind: 'select', hint: 'The earlier plan’s priorities and every action not yet complete are copied in; the earlier plan is kept as it was.' },
    ],
    load: async (ctx) => ({ back: { href: '/board/plans', text: 'Back to business plans' }, choices: { copyFromId: Object.fromEntries((await planList(ctx)).map((p) => [p.id, p.title])) } }),
    save: async (ctx, _p, data, key) => `/board/plans/${await addPlan(ctx, data, key)}`,
  },
  {
    path: '/board/plans/:id/priorities/new', title: 'Add a priority', button: 'Add the priority', creates: true, schema: priorityFields,
    fields: [{ name: 'title', label: 'Priority', kind: 'textarea', entered: true }],
    load: async (ctx, params) => {
      const plan = await planFor(ctx.db, uuidParam(params));
      return { back: { href: `/board/plans/${plan.id}`, text: 'Back to the plan' }, caption: plan.title };
    },
    save: async (ctx, params, data, key) => { await addPriority(ctx, uuidParam(params), data, key); return `/board/plans/${uuidParam(params)}`; },
  },
  {
    path: '/board/priorities/:id/actions/new', title: 'Add an action', button: 'Add the action', creates: true, schema: actionFields,
    fields: [
      { name: 'what', label: 'The action', kind: 'textarea', entered: true },
      { name: 'agencyId', label: 'Agency that owns it', kind: 'select' },
      { name: 'lead', label: 'Named lead', kind: 'input', hint: 'For example “Head of Safeguarding, Brackenshire Police”.', entered: true },
      { name: 'subgroupId', label: 'Sub-group responsible (optional)', kind: 'select' },
      { name: 'dueOn', label: 'Due date', kind: 'date', missing: 'Enter the date the action is due' },
      { name: 'rag', label: 'RAG status', kind: 'radios' },
    ],
    load: async (ctx, params) => {
      const { priority, plan } = await priorityFor(ctx, uuidParam(params));
      return { back: { href: `/board/plans/${plan.id}`, text: 'Back to the plan' }, caption: `Priority ${priority.number}: ${priority.title}`, defaults: { rag: 'green' },
        choices: { agencyId: await repo.agencyChoices(ctx.db), subgroupId: await subgroupChoices(ctx), rag: { green: RAGS.green, amber: RAGS.amber, red: RAGS.red } } };
    },
    save: async (ctx, params, data, key) => `/board/actions/${await addAction(ctx, uuidParam(params), data, key)}`,
  },
  {
    path: '/board/actions/:id/update', title: 'Update progress', button: 'Save the update', creates: false, schema: progressFields,
    fields: [
      { name: 'rag', label: 'RAG status now', kind: 'radios' },
      { name: 'note', label: 'Progress update', kind: 'textarea', hint: 'What has been done since the last update, and what is next.', entered: true },
      { name: 'evidence', label: 'Evidence of completion', kind: 'textarea', hint: 'Needed to mark the action complete: what shows it was done, for example an audit report, a policy or training records.', entered: true },
      { name: 'completedOn', label: 'Date completed (only if complete)', kind: 'date' },
    ],
    load: async (ctx, params) => {
      const a = await actionFor(ctx, uuidParam(params));
      return { back: { href: `/board/actions/${a.id}`, text: 'Back to the action' }, caption: a.what, version: a.version, choices: { rag: RAGS }, defaults: { rag: a.rag, evidence: a.evidence ?? '' } };
    },
    save: async (ctx, params, data) => { await updateProgress(ctx, uuidParam(params), data); return `/board/actions/${uuidParam(params)}`; },
  },
  {
    path: '/board/subgroups/new', title: 'Add a sub-group', button: 'Add the sub-group', creates: false, schema: subgroupFields,
    fields: [
      { name: 'name', label: 'Name', kind: 'input', entered: true },
      { name: 'chair', label: 'Chair', kind: 'input', entered: true },
      { name: 'termsOfReference', label: 'Terms of reference', kind: 'textarea', entered: true },
      { name: 'members', label: 'Members (optional)', kind: 'textarea', hint: 'One a line, with their agency.', entered: true },
    ],
    load: async () => ({ back: { href: '/board/subgroups', text: 'Back to sub-groups' } }),
    save: async (ctx, _p, data) => `/board/subgroups/${await addSubgroup(ctx, data)}`,
  },
  {
    path: '/board/subgroups/:id/items/new', title: 'Add to the work plan', button: 'Add the work item', creates: true, schema: workItemFields,
    fields: [
      { name: 'what', label: 'Work item', kind: 'textarea', entered: true },
      { name: 'owner', label: 'Owner', kind: 'input', entered: true },
      { name: 'dueOn', label: 'Due date', kind: 'date', missing: 'Enter the date the work is due' },
      { name: 'status', label: 'Status', kind: 'radios' },
      { name: 'priorityId', label: 'Business-plan priority it serves (optional)', kind: 'select' },
    ],
    load: async (ctx, params) => {
      const g = await subgroupFor(ctx, uuidParam(params));
      return { back: { href: `/board/subgroups/${g.id}`, text: 'Back to the sub-group' }, caption: g.name, defaults: { status: 'not_started' }, choices: { status: WORK_STATUSES, priorityId: await openPriorityChoices(ctx) } };
    },
    save: async (ctx, params, data, key) => { await addWorkItem(ctx, uuidParam(params), data, key); return `/board/subgroups/${uuidParam(params)}`; },
  },
  {
    path: '/board/work-items/:id/edit', title: 'Change the status of a work item', button: 'Save the status', creates: false, schema: workStatusFields,
    fields: [{ name: 'status', label: 'Status', kind: 'radios' }],
    load: async (ctx, params) => {
      const i = await workItemFor(ctx, uuidParam(params));
      return { back: { href: `/board/subgroups/${i.subgroup_id}`, text: 'Back to the sub-group' }, caption: i.what, version: i.version, choices: { status: WORK_STATUSES }, defaults: { status: i.status } };
    },
    save: async (ctx, params, data) => `/board/subgroups/${await updateWorkStatus(ctx, uuidParam(params), data)}`,
  },
];
