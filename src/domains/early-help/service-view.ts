import { authorise, loadPersonScope, type RequestContext, viewablePeople } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { CLOCK_LABELS, type ClockStatus, clockStatus } from '../../platform/calendar/clocks.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { chronologyEntries } from '../chronology/service.ts';
import { thresholdFramework } from '../front-door/service.ts';
import { localityName } from '../people/localities.ts';
import { personHeading } from '../people/service.ts';
import { caseForView, type CaseRow } from './access.ts';
import { CASE_SOURCES, type CaseFilter, CLOSURE_REASONS, REVIEW_DECISIONS, STAGES, type CaseStage, STEP_DOWN_REASONS } from './labels.ts';
import * as repo from './repository.ts';
import { type CaseListRow, listCases, listCasesForPerson, listCasesOf } from './repository-lists.ts';
import * as work from './repository-work.ts';

export function stageOf(c: Pick<CaseRow, 'status' | 'lead_professional_id'>, registered: boolean): CaseStage {
  if (c.status === 'closed') return 'closed';
  if (!c.lead_professional_id) return 'awaiting_allocation';
  return registered ? 'plan' : 'assessment';
}

export interface ReviewClock {
  due: string;
  status: ClockStatus;
  text: string;
  colour: string;
}

/** The next review's RAG status, worked out from its date and today. None for a closed case. */
export function reviewClock(c: Pick<CaseRow, 'status' | 'next_review_due'>, today = ukToday()): ReviewClock | null {
  if (c.status !== 'open' || !c.next_review_due) return null;
  const status = clockStatus(c.next_review_due, today);
  return { due: c.next_review_due, status, ...CLOCK_LABELS[status] };
}

export interface CaseListItem {
  id: string;
  /** Null when the user may not open the child's record: the list never shows them who it is. */
  childName: string | null;
  stage: CaseStage;
  stageLabel: string;
  stageColour: string;
  locality: string;
  lead: string | null;
  openedOn: string;
  closedOn: string | null;
  closureReason: string | null;
  review: ReviewClock | null;
  steppedUp: boolean;
}

async function toItems(ctx: RequestContext, rows: CaseListRow[]): Promise<CaseListItem[]> {
  const today = ukToday();
  const visible = await viewablePeople(ctx, rows.map((r) => r.person_id));
  return rows.map((r) => {
    const stage = stageOf(r, Boolean(r.registered));
    return {
      id: r.id,
      childName: visible.has(r.person_id) ? `${r.given_name} ${r.family_name}` : null,
      stage,
      stageLabel: STAGES[stage].text,
      stageColour: STAGES[stage].colour,
      locality: localityName(r.locality),
      lead: r.lead_name ? `${r.lead_name} (${r.lead_agency_name ?? ''})` : null,
      openedOn: r.opened_on,
      closedOn: r.closed_on,
      closureReason: r.closure_reason ? CLOSURE_REASONS[r.closure_reason] : null,
      review: reviewClock(r, today),
      steppedUp: Boolean(r.step_up_contact_id),
    };
  });
}

/** Whether the user sees the whole early help caseload or only the cases they work on. */
export const seesAllCases = (ctx: RequestContext) => can(ctx.actor, 'earlyhelp.list').allowed;

/** The early help service's caseload, for early help and social care staff. */
export async function caseload(ctx: RequestContext, f: { filter: CaseFilter; locality: string | null }, page: { limit: number; offset: number }) {
  authorise(ctx, 'earlyhelp.list');
  const { rows, total } = await listCases(ctx.db, { ...f, today: ukToday() }, page);
  return { items: await toItems(ctx, rows), total };
}

/** The cases the user leads or is on the Team Around the Child of. */
export async function myCases(ctx: RequestContext) {
  return toItems(ctx, await listCasesOf(ctx.db, ctx.actor.id));
}

/** A child's early help cases. Callers have authorised the view of the child. */
export async function casesForPerson(ctx: RequestContext, personId: string) {
  return toItems(ctx, await listCasesForPerson(ctx.db, personId));
}

/** Everything the case page shows. Reading it is a view of the child's record, audited once. */
export async function caseView(ctx: RequestContext, caseId: string) {
  // The history below is read through the chronology service, which audits this view of the record.
  const { row, team } = await caseForView(ctx, caseId, { audit: false });
  const history = (await chronologyEntries(ctx, row.person_id, {})).filter((e) => e.recordType === 'early_help_case' && e.recordId === row.id);
  const [heading, assessment, members, outcomes, actions, reviews, lead, leadAgency, scope, framework] = await Promise.all([
    personHeading(ctx, row.person_id),
    work.findAssessment(ctx.db, row.id),
    work.listTeam(ctx.db, row.id),
    work.listOutcomes(ctx.db, row.id),
    work.listActions(ctx.db, row.id),
    work.listReviews(ctx.db, row.id),
    row.lead_professional_id ? repo.findUser(ctx.db, row.lead_professional_id) : null,
    row.lead_agency_id ? repo.findAgency(ctx.db, row.lead_agency_id) : null,
    loadPersonScope(ctx, row.person_id),
    thresholdFramework(ctx.db),
  ]);
  const sections = assessment ? await work.listSections(ctx.db, assessment.id) : [];
  const completedBy = assessment?.completed_by ? await repo.findUser(ctx.db, assessment.completed_by) : null;
  const completingAgency = assessment?.completing_agency_id ? await repo.findAgency(ctx.db, assessment.completing_agency_id) : null;
  const today = ukToday();
  const withClock = actions.map((a) => {
    const status = !a.completed_on && row.status === 'open' ? clockStatus(a.due_on, today) : null;
    return { ...a, clock: status ? CLOCK_LABELS[status] : null };
  });
  const registered = assessment?.status === 'registered';
  const stage = stageOf(row, registered);
  const caseScope = { kind: 'case' as const, case: { person: scope!, teamUserIds: team } };
  const mayWork = row.status === 'open' && can(ctx.actor, 'earlyhelp.work', caseScope).allowed;
  const domainName = new Map(framework.domains.map((d) => [d.id, d.name]));
  const levelName = new Map(framework.levels.map((l) => [l.level, l.name]));
  return {
    row,
    heading,
    stage,
    stageLabel: STAGES[stage],
    source: CASE_SOURCES[row.source],
    stepDownReason: row.step_down_reason ? (STEP_DOWN_REASONS[row.step_down_reason as keyof typeof STEP_DOWN_REASONS] ?? row.step_down_reason) : null,
    locality: localityName(row.locality),
    lead: lead ? { id: lead.id, name: lead.name, agency: lead.agency_name } : null,
    leadAgency: leadAgency?.name ?? null,
    review: reviewClock(row),
    closureReason: row.closure_reason ? CLOSURE_REASONS[row.closure_reason] : null,
    assessment: assessment
      ? {
          ...assessment,
          completedByName: completedBy?.name ?? null,
          completingAgencyName: completingAgency?.name ?? null,
          sections: sections.map((s) => ({ ...s, domain: domainName.get(s.domain_id) ?? 'A section no longer in the threshold document', levelName: s.level ? levelName.get(s.level) : null })),
        }
      : null,
    members,
    currentMembers: members.filter((m) => !m.ended_on),
    outcomes: outcomes.map((o) => ({ ...o, actions: withClock.filter((a) => a.outcome_id === o.id) })),
    otherActions: withClock.filter((a) => !a.outcome_id),
    reviews: reviews.map((r) => ({ ...r, decisionLabel: REVIEW_DECISIONS[r.decision] })),
    history,
    permissions: {
      work: mayWork,
      allocate: mayWork && can(ctx.actor, 'earlyhelp.list').allowed,
    },
  };
}
export type CaseView = Awaited<ReturnType<typeof caseView>>;
