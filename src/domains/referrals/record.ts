import type { RequestContext } from '../../platform/access/authorise.ts';
import { isSocialCareStaff } from '../../platform/access/rules.ts';
import { formatDate as ukDate } from '../../platform/views/format.ts';
import type { RecordSection, SectionSource } from '../casework/record-section.ts';
import { episodesWithDetail } from './service-view.ts';

/**
 * What the child's social care record page shows about referrals: the open episode (or the last one), the
 * assessment and its clock, the child in need plan and its next review, and what the reader may do next.
 */
export const referralSection: SectionSource = async (ctx: RequestContext, personId: string): Promise<RecordSection | null> => {
  const episodes = await episodesWithDetail(ctx, personId);
  const staff = isSocialCareStaff(ctx.actor);
  const refer = { href: `/people/${personId}/referrals/new`, text: 'Record a referral' };
  const current = episodes.find((e) => !e.row.closure_date);
  if (!current) {
    if (!episodes.length) return staff ? { title: 'Referral and assessment', status: 'No referrals to children’s social care', rows: [], actions: [refer] } : null;
    const last = episodes[0]!;
    return {
      title: 'Referral and assessment',
      status: `No open referral. The last, received on ${ukDate(last.row.referral_date)}, closed on ${ukDate(last.row.closure_date!)}: ${last.closureReason}`,
      rows: [{ label: 'Referrals', value: String(episodes.length) }],
      actions: [{ href: `/referrals/${last.row.id}`, text: 'See the last referral' }, ...(staff ? [refer] : [])],
    };
  }
  const rows: RecordSection['rows'] = [
    { label: 'Referral received', value: `${ukDate(current.row.referral_date)} from ${current.source}${current.row.re_referral ? ' (re-referral within 12 months)' : ''}` },
  ];
  const a = current.openAssessment;
  if (a) rows.push({ label: `Assessment (${a.statusText.toLowerCase()})`, value: `Due by ${ukDate(a.row.due_date)}: ${a.clock.remainingText}`, clock: { due: a.row.due_date, status: a.clock.status } });
  if (current.primaryNeed) rows.push({ label: 'Primary need', value: current.primaryNeed });
  const plan = current.openPlan;
  if (plan) rows.push({ label: 'Child in need plan', value: `Since ${ukDate(plan.row.start_date)}; next review ${ukDate(plan.row.next_review_due)}`, clock: plan.review ? { due: plan.review.due, status: plan.review.status } : undefined });
  const actions = [{ href: `/referrals/${current.row.id}`, text: 'Go to the referral' }];
  if (a) actions.push({ href: `/assessments/${a.row.id}`, text: a.row.status === 'in_progress' ? 'Continue the assessment' : 'Read the assessment' });
  if (plan) actions.push({ href: `/cin-plans/${plan.row.id}`, text: 'Go to the child in need plan' });
  return { title: 'Referral and assessment', status: `${current.stageLabel.text} (episode open since ${ukDate(current.row.referral_date)})`, rows, actions };
};
