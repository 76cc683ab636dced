import type { RequestContext } from '../../platform/access/authorise.ts';
import { clockStatus } from '../../platform/calendar/clocks.ts';
import { TIMESCALES } from '../../platform/calendar/timescales.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { lastVisit } from '../casework/service.ts';
import type { RecordSection, SectionSource } from '../casework/record-section.ts';
import { openEpisodeOf } from '../referrals/episodes.ts';
import { mayDo } from './access.ts';
import { categoriesText, CONFERENCE_KINDS, escalations, nextVisitDue, planDuration, repeatFlags } from './model.ts';
import * as repo from './repository.ts';

/**
 * Child protection's part of the child's social care record: the plan now (with its clocks), or an enquiry in
 * progress, or the last plan. The record page has already decided and audited that the reader may see the child.
 */
export const childProtectionSection: SectionSource = async (ctx: RequestContext, personId: string): Promise<RecordSection | null> => {
  const today = ukToday();
  const [plans, enquiry, conference, episode, mayWork] = await Promise.all([
    repo.plansOf(ctx.db, personId),
    repo.openSection47Of(ctx.db, personId),
    repo.scheduledConferenceOf(ctx.db, personId),
    openEpisodeOf(ctx.db, personId),
    mayDo(ctx, personId, 'socialcare.work'),
  ]);
  const strategies = plans.length || enquiry || conference ? [] : await repo.strategiesOf(ctx.db, personId);
  if (!plans.length && !enquiry && !conference && !strategies.length) {
    if (!episode || !mayWork) return null;
    return { title: 'Child protection', status: 'No child protection work recorded.', rows: [], actions: [{ href: `/people/${personId}/strategy-discussions/new`, text: 'Record a strategy discussion' }] };
  }
  const rows: RecordSection['rows'] = [];
  const actions: RecordSection['actions'] = [{ href: `/people/${personId}/child-protection`, text: 'Child protection history' }];
  const plan = plans.find((p) => !p.end_date) ?? null;
  let status: string;
  if (plan) {
    const repeat = repeatFlags(plan.start_date, plan.previous_plans, plan.previous_plan_end);
    status = `On a child protection plan since ${formatDate(plan.start_date)} (${categoriesText(plan.categories)}), ${planDuration(plan.start_date, today)}${repeat.repeatWithinTwoYears ? '; a repeat plan within 2 years' : repeat.repeatEver ? '; a repeat plan' : ''}`;
    const [coreGroups, visit] = await Promise.all([repo.dueCoreGroups(ctx.db, [plan.id]), lastVisit(ctx.db, personId, ['child_protection'])]);
    const visitDue = nextVisitDue(plan.start_date, visit?.visit_date ?? null);
    if (coreGroups[0]) rows.push({ label: 'Next core group', value: `Due by ${formatDate(coreGroups[0].due_date)}`, clock: { due: coreGroups[0].due_date, status: clockStatus(coreGroups[0].due_date, today) } });
    rows.push({ label: TIMESCALES.cpVisit.label, value: `Last visit ${visit ? formatDate(visit.visit_date) : 'none recorded'}; next due by ${formatDate(visitDue)}`, clock: { due: visitDue, status: clockStatus(visitDue, today) } });
    const e = escalations(plan.start_date, today);
    if (e.twoYearsReached) rows.push({ label: 'Escalation', value: 'The plan has lasted 2 years or more' });
    else if (e.legalPlanningReached) rows.push({ label: 'Escalation', value: plan.legal_planning_on ? `Legal planning met on ${formatDate(plan.legal_planning_on)}` : `12 months reached on ${formatDate(e.legalPlanning)}: legal planning needed` });
    else if (e.headOfServiceReached) rows.push({ label: 'Escalation', value: plan.head_of_service_review_on ? `Head of service reviewed on ${formatDate(plan.head_of_service_review_on)}` : `9 months reached on ${formatDate(e.headOfService)}: head of service review needed` });
    actions.unshift({ href: `/child-protection/plans/${plan.id}`, text: 'View the plan' });
    if (mayWork) actions.push({ href: `/people/${personId}/visits/new?purpose=child_protection`, text: 'Record a visit' });
  } else if (enquiry) {
    status = `Section 47 enquiry in progress since ${formatDate(enquiry.start_date)}`;
    actions.unshift({ href: `/child-protection/enquiries/${enquiry.id}`, text: 'View the enquiry' });
  } else if (plans[0]) {
    status = `Not on a child protection plan. The last plan ended on ${formatDate(plans[0].end_date)}.`;
  } else {
    status = 'Not on a child protection plan.';
  }
  if (enquiry && plan) rows.push({ label: 'Section 47 enquiry', value: `In progress since ${formatDate(enquiry.start_date)}` });
  if (enquiry) rows.push({ label: 'Initial conference target', value: `Due by ${formatDate(enquiry.icpc_target)}`, clock: { due: enquiry.icpc_target, status: clockStatus(enquiry.icpc_target, today) } });
  if (conference) {
    rows.push({ label: CONFERENCE_KINDS[conference.kind], value: `Due by ${formatDate(conference.due_date)}`, clock: { due: conference.due_date, status: clockStatus(conference.due_date, today) } });
    actions.push({ href: `/child-protection/conferences/${conference.id}`, text: 'View the conference' });
  }
  if (episode && mayWork && !enquiry) actions.push({ href: `/people/${personId}/strategy-discussions/new`, text: 'Record a strategy discussion' });
  return { title: 'Child protection', status, rows, actions };
};
