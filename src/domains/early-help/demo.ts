import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AgencyKind, Database, EarlyHelpClosureReason } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Role } from '../../platform/access/rules.ts';
import { startOfUkDay } from '../../platform/calendar/uk-days.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { receiveStepUp, thresholdFramework } from '../front-door/service.ts';
import { personLocality } from '../people/service.ts';
import { random } from '../people/synthetic.ts';
import * as text from './demo-text.ts';
import { CLOSURE_REASONS, REVIEW_DECISIONS, STEP_DOWN_REASON_KEYS } from './labels.ts';
import { CASE_SOURCE, TAC_SOURCE } from './repository.ts';

type Table = 'early_help_cases' | 'early_help_assessments' | 'early_help_assessment_sections' | 'tac_members' | 'early_help_outcomes' | 'early_help_actions' | 'early_help_reviews' | 'involvements' | 'chronology' | 'alerts';
type Rows = { [T in Table]: Insertable<Database[T]>[] };

const KIT = 'kit.ellery@cairn.example';
const RIA = 'ria.penrose@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const JO = 'jo.nyland@cairn.example';
const TOM = 'tom.ashby@cairn.example';
const DEE = 'dee.fallon@cairn.example';
const SAM = 'sam.rowe@cairn.example';

/** Practitioners the demo partnership needs beyond one user per role: a second early help worker, a school nurse, a family support worker. They have no password (an administrator can issue one). */
const EXTRA_USERS = [
  { email: RIA, name: 'Ria Penrose', agency: 'eh', team: 'Early Help Hub', roles: ['practitioner'] },
  { email: TOM, name: 'Tom Ashby', agency: 'health', team: 'Health Visiting', roles: ['partner_practitioner'] },
  { email: DEE, name: 'Dee Fallon', agency: 'vol', team: 'Family Support', roles: ['partner_practitioner'] },
];

type Stage = 'unallocated' | 'allocated' | 'draft' | 'registered' | 'stepped_up' | 'closed';
interface Spec {
  stage: Stage;
  source: 'direct' | 'front_door' | 'step_down';
  lead?: string;
  opener?: string;
  overdue?: boolean;
  closure?: EarlyHelpClosureReason;
  history?: boolean;
}

const registered = (lead: string, overdue = false, source: Spec['source'] = 'direct'): Spec => ({ stage: 'registered', source, lead, overdue });
const closed = (lead: string, closure: EarlyHelpClosureReason): Spec => ({ stage: 'closed', source: 'direct', lead, closure });

/** About sixty cases in every state, with Kit Ellery leading several (some reviews overdue). */
const LIVE: Spec[] = [
  { stage: 'unallocated', source: 'front_door' },
  { stage: 'unallocated', source: 'front_door' },
  { stage: 'unallocated', source: 'direct', opener: PAT },
  { stage: 'unallocated', source: 'direct', opener: JO },
  { stage: 'unallocated', source: 'step_down' },
  { stage: 'unallocated', source: 'step_down' },
  { stage: 'unallocated', source: 'step_down' },
  { stage: 'allocated', source: 'front_door', lead: KIT },
  { stage: 'allocated', source: 'front_door', lead: RIA },
  { stage: 'allocated', source: 'direct', lead: PAT },
  ...[KIT, KIT, RIA, JO, TOM, DEE, PAT, RIA].map((lead, i): Spec => ({ stage: 'draft', source: i % 2 ? 'front_door' : 'direct', lead })),
  registered(KIT, true), registered(KIT, true), registered(KIT, true, 'front_door'), registered(KIT), registered(KIT, false, 'front_door'), registered(KIT), registered(KIT), registered(KIT),
  registered(RIA, true), registered(RIA), registered(RIA, false, 'front_door'), registered(RIA), registered(RIA),
  registered(PAT, true), registered(PAT), registered(PAT),
  registered(JO), registered(JO, true), registered(JO),
  registered(TOM), registered(TOM),
  registered(DEE), registered(DEE),
  registered(KIT, false, 'step_down'), registered(RIA, false, 'step_down'), registered(KIT, true, 'step_down'),
  { stage: 'stepped_up', source: 'direct', lead: KIT }, { stage: 'stepped_up', source: 'front_door', lead: PAT }, { stage: 'stepped_up', source: 'direct', lead: RIA },
  closed(KIT, 'needs_met'), closed(RIA, 'needs_met'), closed(PAT, 'needs_met'), closed(JO, 'needs_met'), closed(KIT, 'stepped_up'), closed(RIA, 'stepped_up'),
  closed(KIT, 'family_withdrew'), closed(DEE, 'family_withdrew'), closed(TOM, 'moved_away'), closed(RIA, 'transferred'), closed(KIT, 'other'),
];

const HISTORY_LEADS = [KIT, RIA, PAT, JO, TOM, DEE, KIT, PAT];
const HISTORY_CLOSURES: EarlyHelpClosureReason[] = ['needs_met', 'needs_met', 'needs_met', 'needs_met', 'family_withdrew', 'stepped_up', 'moved_away', 'transferred'];

/** A moment on a UK calendar day, `minutes` after midnight. */
const at = (date: string, minutes = 600) => new Date(startOfUkDay(date).getTime() + minutes * 60_000);

async function ensureUsers(db: Kysely<Database>, org: DemoOrganisation): Promise<Record<string, { id: string; agencyId: string; agencyKind: AgencyKind; roles: Role[]; name: string }>> {
  for (const u of EXTRA_USERS) {
    if (org.userIds[u.email] || !org.agencyIds[u.agency]) continue;
    const existing = await db.selectFrom('users').select('id').where('email', '=', u.email).executeTakeFirst();
    const id = existing?.id ?? (await db.insertInto('users').values({ email: u.email, name: u.name, agency_id: org.agencyIds[u.agency]!, roles: u.roles, password_hash: null }).returning('id').executeTakeFirstOrThrow()).id;
    if (!existing && org.teamIds[u.team]) await db.insertInto('user_teams').values({ user_id: id, team_id: org.teamIds[u.team]! }).execute();
  }
  const emails = [KIT, RIA, PAT, JO, TOM, DEE, SAM];
  const rows = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.email', 'users.name', 'users.agency_id', 'users.roles', 'agencies.kind'])
    .where('users.email', 'in', emails)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.email, { id: r.id, agencyId: r.agency_id, agencyKind: r.kind, roles: r.roles as Role[], name: r.name }]));
}

/**
 * The demo partnership's early help: about sixty cases in every state (awaiting allocation, assessment in draft,
 * registered with a Team Around the Child and a plan, reviews on time and overdue, stepped up, stepped down from
 * social care, closed for each reason) and up to a hundred earlier closed cases (a third of the children), so the figures show every month
 * of the last twenty. Deterministic; writes the chronology and involvements real use would.
 */
export async function seedEarlyHelpDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const rnd = random(7070);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const framework = await thresholdFramework(db);
  const users = await ensureUsers(db, org);
  const eh = org.agencyIds.eh!;
  const children = await db
    .selectFrom('people')
    .select('id')
    .where('person_type', 'in', ['child', 'unborn'])
    .where('restricted', '=', false)
    .where('merged_into', 'is', null)
    .orderBy('id')
    .execute();
  if (!children.length || !users[KIT] || !users[SAM]) return;
  const rows: Rows = {
    early_help_cases: [], early_help_assessments: [], early_help_assessment_sections: [], tac_members: [], early_help_outcomes: [],
    early_help_actions: [], early_help_reviews: [], involvements: [], chronology: [], alerts: [],
  };
  const stepUps: { caseId: string; personId: string; lead: string; team: string[] }[] = [];
  // A third of the children have a live case and another third an earlier one: partners still know only some children.
  const share = Math.max(1, Math.floor(children.length / 3));
  const live = LIVE.slice(0, share);
  const history = Array.from({ length: Math.min(100, share) }, (_, h): Spec => ({
    stage: 'closed',
    source: h % 4 === 0 ? 'step_down' : h % 3 === 0 ? 'front_door' : 'direct',
    lead: HISTORY_LEADS[h % HISTORY_LEADS.length],
    closure: HISTORY_CLOSURES[h % HISTORY_CLOSURES.length],
    history: true,
  }));

  let current = 0;
  const plan = [...live.map((spec, i) => ({ spec, child: children[i]!.id, n: i })), ...history.map((spec, h) => ({ spec, child: children[children.length - 1 - h]!.id, n: h }))];
  for (const { spec, child, n } of plan) {
    const caseId = uuidv7();
    const lead = spec.lead ? users[spec.lead] : undefined;
    const sam = users[SAM]!;
    const chronicle = (date: string, type: string, summary: string, by: { id: string; agencyId: string }, minutes = 540 + Math.floor(rnd() * 420)) =>
      rows.chronology.push({ person_id: child, occurred_at: at(date, minutes), entry_type: type, summary, agency_id: by.agencyId, recorded_by: by.id, record_type: 'early_help_case', record_id: caseId });
    const involve = (agencyId: string, basis: 'early_help' | 'team_around_child', detail: string, start: string, end: string | null, sourceType = CASE_SOURCE, sourceId = caseId) =>
      rows.involvements.push({ person_id: child, agency_id: agencyId, basis, detail, start_date: start, end_date: end, source_type: sourceType, source_id: sourceId, created_by: lead?.id ?? sam.id });

    // When each step happened, working back from today.
    let registeredOn: string | null = null;
    let opened: string;
    let closedOn: string | null = null;
    if (spec.history) {
      // Registered evenly from twenty months to eight months ago. On a small demo a child may also have a
      // current case: their earlier one is then a year further back, closed long before the current one opened.
      const earlier = children.length - 1 - n < live.length ? 365 : 0;
      registeredOn = addCalendarDays(today, -(250 + earlier + Math.floor((n * 360) / Math.max(1, history.length)) + Math.floor(rnd() * 5)));
      opened = addCalendarDays(registeredOn, -(7 + Math.floor(rnd() * 18)));
      const end = addCalendarDays(registeredOn, 60 + Math.floor(rnd() * 90));
      const latest = addCalendarDays(today, -(200 + earlier));
      closedOn = end < latest ? end : latest;
    } else if (spec.stage === 'unallocated') opened = addCalendarDays(today, -(1 + (n % 7)));
    else if (spec.stage === 'allocated') opened = addCalendarDays(today, n === 7 ? -40 : -(8 + n));
    else if (spec.stage === 'draft') opened = addCalendarDays(today, -(12 + n));
    else {
      // Spread evenly over the last eight months, so every recent month has registrations.
      const ago = spec.overdue ? 60 + Math.floor(rnd() * 140) : spec.stage === 'closed' ? 120 + Math.floor(rnd() * 150) : 5 + ((current++ * 11) % 230);
      registeredOn = addCalendarDays(today, -ago);
      opened = addCalendarDays(registeredOn, -(10 + Math.floor(rnd() * 15)));
      if (spec.stage === 'closed') closedOn = addCalendarDays(today, -(5 + Math.floor(rnd() * 55)));
    }
    if (closedOn && registeredOn && closedOn <= registeredOn) closedOn = addCalendarDays(registeredOn, 30);
    const allocatedOn = spec.source === 'direct' && !spec.opener ? opened : addCalendarDays(opened, 2);

    // The case, and who it involves with the child.
    const opener = spec.opener ? users[spec.opener]! : spec.source === 'direct' ? lead! : sam;
    const stepDownReason = spec.source === 'step_down' ? STEP_DOWN_REASON_KEYS[n % 3]! : null;
    rows.early_help_cases.push({
      id: caseId,
      person_id: child,
      status: closedOn ? 'closed' : 'open',
      source: spec.source,
      contact_id: null,
      step_down_summary: stepDownReason ? text.STEP_DOWN_SUMMARIES[n % text.STEP_DOWN_SUMMARIES.length]! : null,
      step_down_reason: stepDownReason,
      locality: await personLocality(db, child),
      opened_on: opened,
      lead_professional_id: lead?.id ?? null,
      lead_agency_id: lead?.agencyId ?? (spec.opener ? opener.agencyId : null),
      closed_on: closedOn,
      closure_reason: closedOn ? spec.closure! : null,
      closure_summary: closedOn ? text.CLOSURE_SUMMARIES[spec.closure!]! : null,
      created_by: opener.id,
    });
    involve(eh, 'early_help', 'Early help case', opened, closedOn);
    if (spec.source === 'step_down') chronicle(opened, 'early_help.stepped_down', 'Stepped down from children’s social care to early help', sam);
    else if (spec.source === 'front_door') chronicle(opened, 'early_help.opened', 'Early help case opened from a front door decision, awaiting allocation', sam);
    else chronicle(opened, 'early_help.opened', `Early help case started${lead && !spec.opener ? `, with ${lead.name} as lead professional` : ', awaiting a lead professional'}`, opener);
    if (spec.opener && opener.agencyKind !== 'social_care' && opener.agencyId !== eh) involve(opener.agencyId, 'early_help', 'Early help case: lead agency', opened, closedOn);
    if (!lead) continue;
    if (lead.agencyId !== eh && lead.agencyKind !== 'social_care' && lead.agencyId !== (spec.opener ? opener.agencyId : null)) {
      involve(lead.agencyId, 'early_help', 'Early help case: lead professional’s agency', allocatedOn, closedOn);
    }
    if (spec.source !== 'direct' || spec.opener) chronicle(allocatedOn, 'early_help.allocated', `Lead professional: ${lead.name}`, users[KIT]!);
    if (spec.stage === 'allocated') continue;

    // The assessment: a draft, or registered with every section.
    const assessmentId = uuidv7();
    const started = spec.stage === 'draft' ? addCalendarDays(opened, 3) : addCalendarDays(registeredOn!, -(3 + Math.floor(rnd() * 5)));
    const draft = spec.stage === 'draft';
    rows.early_help_assessments.push({
      id: assessmentId,
      case_id: caseId,
      status: draft ? 'draft' : 'registered',
      started_on: started < opened ? opened : started,
      registered_on: registeredOn,
      completed_by: draft ? null : lead.id,
      completing_agency_id: draft ? null : lead.agencyId,
      consent_given: !draft || n % 2 === 0,
      consent_by: !draft || n % 2 === 0 ? pick(text.CONSENT_BY) : null,
      consent_on: !draft || n % 2 === 0 ? (started < opened ? opened : started) : null,
      child_views: pick(text.CHILD_VIEWS),
      family_views: pick(text.FAMILY_VIEWS),
      summary: draft ? null : pick(text.SUMMARIES),
      created_by: lead.id,
    });
    framework.domains.forEach((d, i) => {
      if (draft && i > 1) return;
      rows.early_help_assessment_sections.push({ assessment_id: assessmentId, domain_id: d.id, strengths: pick(text.STRENGTHS), needs: pick(text.NEEDS), level: 2 + Math.floor(rnd() * 2) });
    });
    chronicle(started < opened ? opened : started, 'early_help.assessment_started', `Early help assessment started by ${lead.name}`, lead);
    if (draft) continue;
    chronicle(registeredOn!, 'early_help.assessment_registered', `Early help assessment registered by ${lead.name}, with the family’s consent`, lead);

    // The Team Around the Child: always the school or health visiting, sometimes more.
    const others = [n % 2 ? JO : PAT, ...[PAT, JO, TOM, DEE].filter(() => rnd() < 0.35)].filter((e, i, all) => e !== spec.lead && all.indexOf(e) === i && users[e]);
    const team: string[] = [];
    for (const email of others.slice(0, spec.history ? 2 : 3)) {
      const member = users[email]!;
      const memberId = uuidv7();
      const role = { [PAT]: 'School designated safeguarding lead', [JO]: 'Health visitor', [TOM]: 'School nurse', [DEE]: 'Family support worker' }[email]!;
      rows.tac_members.push({ id: memberId, case_id: caseId, user_id: member.id, agency_id: member.agencyId, role_in_team: role, started_on: registeredOn!, ended_on: closedOn, created_by: lead.id });
      involve(member.agencyId, 'team_around_child', `Team Around the Child: ${role}`, registeredOn!, closedOn, TAC_SOURCE, memberId);
      chronicle(registeredOn!, 'early_help.tac_joined', `${member.name} joined the Team Around the Child as ${role}`, lead, 960);
      team.push(member.id);
    }

    // The plan: two outcomes with actions for the lead and the team.
    const owners = [lead.id, ...team];
    const outcomes = text.OUTCOMES[n % text.OUTCOMES.length]!;
    outcomes.forEach((outcome, o) => {
      const outcomeId = uuidv7();
      const achieved = closedOn && (spec.closure === 'needs_met' || o === 0) ? closedOn : null;
      rows.early_help_outcomes.push({ id: outcomeId, case_id: caseId, outcome, achieved_on: achieved, created_by: lead.id });
      for (let a = 0; a < 1 + (o === 0 ? 1 : 0); a += 1) {
        const due = addCalendarDays(registeredOn!, 14 * (1 + a + o * 2));
        const end = closedOn ?? today;
        const done = due < addCalendarDays(end, -5) && (closedOn !== null || spec.overdue !== true || a > 0) && rnd() < 0.85;
        const owner = a === 0 && o === 0 ? lead.id : owners[(n + a + o) % owners.length]!;
        rows.early_help_actions.push({ case_id: caseId, outcome_id: outcomeId, action: text.ACTIONS[(n + a + o * 3) % text.ACTIONS.length]!, owner_id: owner, due_on: due, completed_on: done ? addCalendarDays(due, -Math.floor(rnd() * 5)) : null, created_by: lead.id });
      }
    });

    // Reviews every six weeks until closure or today; an overdue case has missed its latest.
    const end = closedOn ?? today;
    let due = addCalendarDays(registeredOn!, 42);
    while (due <= end) {
      if (spec.overdue && addCalendarDays(due, 42) > end && due < today) break;
      const held = addCalendarDays(due, -Math.floor(rnd() * 4));
      const last = addCalendarDays(held, 42) > end;
      const decision = last && closedOn ? 'close' : 'continue';
      rows.early_help_reviews.push({ case_id: caseId, held_on: held, progress: pick(text.PROGRESS), family_views: pick(text.REVIEW_FAMILY_VIEWS) || null, decision, next_review_due: addCalendarDays(held, 42), created_by: lead.id });
      chronicle(held, 'early_help.review_held', `Early help review held: ${REVIEW_DECISIONS[decision].toLowerCase()}`, lead);
      due = addCalendarDays(held, 42);
    }
    rows.early_help_cases.at(-1)!.next_review_due = due;
    if (closedOn) chronicle(closedOn, 'early_help.closed', `Early help case closed: ${CLOSURE_REASONS[spec.closure!].toLowerCase()}`, lead);
    if (spec.stage === 'stepped_up') stepUps.push({ caseId, personId: child, lead: spec.lead!, team });
  }

  for (const table of Object.keys(rows) as Table[]) {
    for (let i = 0; i < rows[table].length; i += 500) await db.insertInto(table).values(rows[table].slice(i, i + 500) as never).execute();
  }
  // Stepped up today: the front door receives each as a contact with the case attached, and the team is told.
  for (const s of stepUps) {
    const lead = users[s.lead]!;
    const ctx = { db, actor: { id: lead.id, agencyId: lead.agencyId, agencyKind: lead.agencyKind, roles: lead.roles }, requestId: 'demo' };
    const contactId = await receiveStepUp(db, ctx, {
      earlyHelpCaseId: s.caseId,
      childIds: [s.personId],
      reason: 'Disclosure at school of being hit at home with a belt; the plan has not reduced the risk and the family has stopped engaging.',
      consent: 'overridden',
      consentOverrideReason: 'Telling the parents first could put the child at greater risk.',
      urgency: 'same_day',
    });
    await db.updateTable('early_help_cases').set({ step_up_contact_id: contactId }).where('id', '=', s.caseId).execute();
    await db.insertInto('alerts').values([lead.id, ...s.team].map((userId) => ({ user_id: userId, kind: 'early_help.stepped_up', person_id: s.personId, message: 'An early help case you are part of was stepped up to the front door.' }))).execute();
    await db.insertInto('chronology').values({ person_id: s.personId, occurred_at: new Date(), entry_type: 'early_help.stepped_up', summary: 'Early help case stepped up to the front door (urgency: today)', agency_id: lead.agencyId, recorded_by: lead.id, record_type: 'early_help_case', record_id: s.caseId }).execute();
  }
}
