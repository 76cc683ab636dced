import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { financialYearRange, financialYearStart } from '../../platform/calendar/financial-year.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import type { AttendanceStatus, BoardRole, MeetingKind, Rag, WorkItemStatus } from './tables.ts';

/**
 * The Brackenshire board: members from the demo agencies (one who joined part-way through the year), six meetings
 * over the last year with attendance, agendas and decisions, and one to come; budget contributions this year and
 * last; last year's plan (ended, read-only) and this year's, with actions in every RAG status and one overdue; three
 * sub-groups with work plans. Dates count back from today so the demo is live whenever it is seeded.
 */
const MEMBERS: { name: string; role: BoardRole; agency: string; joinedAgo: number; user?: string }[] = [
  { name: 'Professor Ilse Granger', role: 'chair', agency: 'partnership', joinedAgo: 1400 },
  { name: 'Marcus Feld', role: 'vice_chair', agency: 'police', joinedAgo: 1100 },
  { name: 'Harriet Oduya', role: 'member', agency: 'csc', joinedAgo: 900 },
  { name: 'Dr Ravi Castell', role: 'member', agency: 'health', joinedAgo: 800 },
  { name: 'Fenella Brook', role: 'member', agency: 'eh', joinedAgo: 700 },
  { name: 'Jonah Pettifer', role: 'member', agency: 'school', joinedAgo: 160 },
  { name: 'Bea Tollard', role: 'member', agency: 'vol', joinedAgo: 600, user: 'bea.tollard@cairn.example' },
  { name: 'Cllr Maud Ingleby', role: 'participant_observer', agency: 'council', joinedAgo: 500 },
  { name: 'Tess Marlow', role: 'adviser', agency: 'partnership', joinedAgo: 1000, user: 'tess.marlow@cairn.example' },
];

/** Days ago, kind, and how each member attended (by position in MEMBERS; a member not yet joined is skipped). */
const MEETINGS: { ago: number; kind: MeetingKind; marks: string; agenda: string[]; decisions: [string, string, number | null][] }[] = [
  { ago: 340, kind: 'board', marks: 'aaadaaaaa', agenda: ['Minutes and actions', 'Annual report', 'Section 11 returns'], decisions: [['Publish the annual report once every agency has confirmed its figures', 'Business manager', -300]] },
  { ago: 280, kind: 'board', marks: 'aapaaaaaa', agenda: ['Minutes and actions', 'Neglect strategy', 'Budget for next year'], decisions: [['Adopt the neglect strategy for consultation', 'Chair of the Quality and Effectiveness Group', -220]] },
  { ago: 220, kind: 'development_day', marks: 'aaaaaaaaa', agenda: ['Learning from practice reviews', 'Setting next year’s priorities'], decisions: [] },
  { ago: 190, kind: 'board', marks: 'adaapaaaa', agenda: ['Minutes and actions', 'Multi-agency audit findings', 'Training programme'], decisions: [['Ask each agency to report on its audit actions at the next meeting', 'Chair', -120]] },
  { ago: 110, kind: 'board', marks: 'aaapaaaxa', agenda: ['Minutes and actions', 'Child exploitation update', 'Business plan progress'], decisions: [['Bring the exploitation strategy to the board in the spring', 'Vice chair', 30], ['Write to schools about the designated safeguarding lead network', 'Business manager', -60]] },
  { ago: 30, kind: 'board', marks: 'aaaaaadaa', agenda: ['Minutes and actions', 'Budget contributions', 'Voice of the child'], decisions: [['Agree the budget contributions for next year at the same level', 'Business manager', 60]] },
];
const UPCOMING = { ahead: 40, agenda: ['Minutes and actions', 'Section 11 challenge day', 'Business plan mid-year review'] };

const STATUS: Record<string, AttendanceStatus> = { a: 'attended', p: 'apologies', d: 'deputy', x: 'absent' };

/** Contributions in whole pounds, as agreed; this year part received. */
const CONTRIBUTIONS: [string, number][] = [['csc', 62_000], ['police', 24_000], ['health', 30_000], ['eh', 8_000], ['school', 6_000], ['council', 10_000]];

const SUBGROUPS = [
  { name: 'Quality and Effectiveness Group', chair: 'Harriet Oduya, Brackenshire Children’s Social Care', terms: 'Checks that the partnership’s work to keep children safe is good enough and improving.\nRuns the multi-agency audit programme and the Section 11 self-assessment, and reports findings to the board.', members: ['Harriet Oduya, Children’s Social Care', 'Named Nurse for Safeguarding, Community Health', 'Detective Inspector, Public Protection Unit'] },
  { name: 'Learning and Development Group', chair: 'Fenella Brook, Brackenshire Early Help', terms: 'Plans the multi-agency training programme, checks its impact and spreads learning from practice reviews.', members: ['Fenella Brook, Early Help', 'Training Coordinator, Partnership Business Unit'] },
  { name: 'Child Exploitation Group', chair: 'Marcus Feld, Brackenshire Police', terms: 'Leads the partnership’s response to child sexual and criminal exploitation and children who go missing.', members: ['Marcus Feld, Police', 'Head of Service, Adolescent Safeguarding', 'Brackenshire Family Support Trust'] },
];

type DemoAction = { what: string; agency: string; lead: string; group: number | null; due: number; rag: Rag; evidence?: string; updates: [number, Rag, string][] };
const PRIORITIES: { title: string; actions: DemoAction[] }[] = [
  { title: 'Tackle neglect earlier and more consistently', actions: [
    { what: 'Launch the neglect strategy and the Quality of Care tool', agency: 'partnership', lead: 'Partnership Business Manager', group: 0, due: -45, rag: 'complete', evidence: 'Strategy published; launch events held for 180 practitioners.', updates: [[-50, 'complete', 'Strategy launched at three events.']] },
    { what: 'Audit the use of the Quality of Care tool in early help', agency: 'eh', lead: 'Early Help Service Manager', group: 0, due: -12, rag: 'amber', updates: [[-20, 'amber', 'Audit sample chosen; auditors not yet trained.']] },
  ] },
  { title: 'Protect children from exploitation', actions: [
    { what: 'Agree a shared exploitation risk screening tool', agency: 'police', lead: 'Detective Inspector, Public Protection Unit', group: 2, due: 60, rag: 'red', updates: [[-15, 'red', 'Agencies disagree about thresholds; escalated to the chair.']] },
    { what: 'Offer return home interviews within 72 hours to every child who goes missing', agency: 'csc', lead: 'Head of Service, Adolescent Safeguarding', group: 2, due: 120, rag: 'green', updates: [[-25, 'green', 'Commissioning under way.']] },
  ] },
  { title: 'Hear the voice of children and families', actions: [
    { what: 'Run the young people’s survey in every secondary school', agency: 'school', lead: 'Designated Safeguarding Lead, Fernhollow Academy', group: null, due: 90, rag: 'green', updates: [] },
  ] },
  { title: 'Learn from practice and spread the learning', actions: [
    { what: 'Publish a learning briefing after every practice review', agency: 'partnership', lead: 'Partnership Business Manager', group: 1, due: 150, rag: 'amber', updates: [[-10, 'amber', 'One briefing late because the review report was delayed.']] },
    { what: 'Evaluate the impact of multi-agency training three months on', agency: 'eh', lead: 'Training Coordinator', group: 1, due: 30, rag: 'green', updates: [] },
  ] },
  { title: 'Make sure every agency meets its Section 11 duties', actions: [
    { what: 'Hold the Section 11 challenge day with every agency', agency: 'partnership', lead: 'Partnership Business Manager', group: 0, due: 75, rag: 'green', updates: [] },
  ] },
];

const WORK: [number, string, string, number, WorkItemStatus, number | null][] = [
  [0, 'Agree the themes for this year’s multi-agency audits', 'Chair of the group', -100, 'done', 0],
  [0, 'Report the Section 11 findings to the board', 'Partnership Business Manager', 80, 'not_started', 4],
  [0, 'Audit strategy discussions', 'Head of Quality Assurance', -5, 'in_progress', null],
  [1, 'Publish the training programme for next year', 'Training Coordinator', 45, 'in_progress', 3],
  [1, 'Run the learning event on neglect in older children', 'Fenella Brook', -60, 'done', 0],
  [2, 'Map the children at risk of exploitation with the police', 'Marcus Feld', 20, 'in_progress', 1],
  [2, 'Agree the missing children protocol', 'Head of Service, Adolescent Safeguarding', 100, 'not_started', 1],
];

export async function seedBoardDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const tess = org.userIds['tess.marlow@cairn.example'] ?? null;
  const day = (n: number) => addCalendarDays(today, n);
  const memberIds: string[] = [];
  for (const m of MEMBERS) {
    const id = uuidv7();
    memberIds.push(id);
    await db.insertInto('board_members').values({ id, name: m.name, role: m.role, agency_id: org.agencyIds[m.agency]!, from_on: day(-m.joinedAgo), to_on: null, user_id: m.user ? org.userIds[m.user] ?? null : null, created_by: tess }).execute();
  }
  // A member who left part-way through the year: their seat counts only for meetings while they sat.
  await db.insertInto('board_members').values({ name: 'Gordon Ashby', role: 'member', agency_id: org.agencyIds.school!, from_on: day(-1500), to_on: day(-200), created_by: tess }).execute();
  const gordon = (await db.selectFrom('board_members').select('id').where('name', '=', 'Gordon Ashby').executeTakeFirstOrThrow()).id;

  for (const meeting of MEETINGS) {
    const id = uuidv7();
    const heldOn = day(-meeting.ago);
    await db.insertInto('board_meetings').values({ id, held_on: heldOn, kind: meeting.kind, agenda: meeting.agenda.join('\n'), created_by: tess }).execute();
    const marks = MEMBERS.flatMap((m, i) => (m.joinedAgo >= meeting.ago ? [{ meeting_id: id, member_id: memberIds[i]!, status: STATUS[meeting.marks[i]!]! }] : []));
    if (meeting.ago > 200) marks.push({ meeting_id: id, member_id: gordon, status: meeting.ago === 280 ? 'apologies' : 'attended' });
    await db.insertInto('board_attendance').values(marks).execute();
    for (const [text, lead, due] of meeting.decisions) await db.insertInto('board_decisions').values({ meeting_id: id, text, lead, due_on: due === null ? null : day(due), created_by: tess }).execute();
  }
  await db.insertInto('board_meetings').values({ held_on: day(UPCOMING.ahead), kind: 'board', agenda: UPCOMING.agenda.join('\n'), created_by: tess }).execute();

  const year = financialYearStart(today);
  for (const [agency, pounds] of CONTRIBUTIONS) {
    await db.insertInto('board_contributions').values([
      { agency_id: org.agencyIds[agency]!, year_start: year - 1, agreed_pence: pounds * 95, received_pence: pounds * 95, created_by: tess },
      { agency_id: org.agencyIds[agency]!, year_start: year, agreed_pence: pounds * 100, received_pence: agency === 'police' || agency === 'school' ? 0 : pounds * 50, created_by: tess },
    ]).execute();
  }

  const groupIds: string[] = [];
  for (const g of SUBGROUPS) {
    const id = uuidv7();
    groupIds.push(id);
    await db.insertInto('board_subgroups').values({ id, name: g.name, chair: g.chair, terms_of_reference: g.terms, members: g.members.join('\n'), created_by: tess }).execute();
  }

  const last = financialYearRange(year - 1);
  const oldPlan = uuidv7();
  await db.insertInto('board_plans').values({ id: oldPlan, title: `Business plan ${year - 1} to ${year}`, starts_on: last.from, ends_on: last.to, created_by: tess }).execute();
  const oldPriority = uuidv7();
  await db.insertInto('board_priorities').values({ id: oldPriority, plan_id: oldPlan, number: 1, title: 'Strengthen the board’s oversight of early help', created_by: tess }).execute();
  await db.insertInto('board_actions').values({ priority_id: oldPriority, what: 'Report early help figures to every board meeting', agency_id: org.agencyIds.eh!, lead: 'Early Help Service Manager', subgroup_id: null, due_on: addCalendarDays(last.to, -60), rag: 'complete', evidence: 'Early help figures reported at each meeting from the autumn.', completed_on: addCalendarDays(last.to, -70), created_by: tess }).execute();

  const current = financialYearRange(year);
  const plan = uuidv7();
  await db.insertInto('board_plans').values({ id: plan, title: `Business plan ${year} to ${year + 1}`, starts_on: current.from, ends_on: current.to, copied_from_id: oldPlan, created_by: tess }).execute();
  const priorityIds: string[] = [];
  for (const [i, p] of PRIORITIES.entries()) {
    const priorityId = uuidv7();
    priorityIds.push(priorityId);
    await db.insertInto('board_priorities').values({ id: priorityId, plan_id: plan, number: i + 1, title: p.title, created_by: tess }).execute();
    for (const a of p.actions) {
      const actionId = uuidv7();
      const completed = a.rag === 'complete' ? day(a.updates.at(-1)![0]) : null;
      await db.insertInto('board_actions').values({ id: actionId, priority_id: priorityId, what: a.what, agency_id: org.agencyIds[a.agency]!, lead: a.lead, subgroup_id: a.group === null ? null : groupIds[a.group]!, due_on: day(a.due), rag: a.rag, evidence: a.evidence ?? null, completed_on: completed, created_by: tess, version: 1 + a.updates.length }).execute();
      await db.insertInto('board_action_updates').values([
        { action_id: actionId, recorded_on: current.from < today ? current.from : today, rag: 'green', note: 'Action agreed', created_by: tess },
        ...a.updates.map(([n, rag, note]) => ({ action_id: actionId, recorded_on: day(n), rag, note, created_by: tess })),
      ]).execute();
    }
  }
  for (const [group, what, owner, due, status, priority] of WORK) {
    await db.insertInto('board_work_items').values({ subgroup_id: groupIds[group]!, what, owner, due_on: day(due), status, priority_id: priority === null ? null : priorityIds[priority]!, created_by: tess }).execute();
  }
}
