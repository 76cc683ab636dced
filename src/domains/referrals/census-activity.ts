import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { formatDate } from '../../platform/views/format.ts';
import { childProtectionOfEpisode } from '../child-protection/episode-activity.ts';
import { carePeriodsOfReferral } from '../children-in-care/service.ts';

/**
 * Everything recorded inside one CIN episode, as the CIN census sees it. Closing an episode is checked against
 * the census rules for the whole episode (8565, 8867, 8868, 2990, 4001), so it asks child protection and
 * children in care what they recorded in the episode.
 */
export interface EpisodeActivity {
  /** Every dated event in the episode (the closure date may not be before any of them: rule 8565). */
  dates: { what: string; date: string }[];
  openAssessments: number;
  assessments: number;
  openCinPlans: number;
  cinPlans: number;
  /** Section 47 enquiries without an outcome yet (8868). */
  openSection47: number;
  section47: number;
  openCpPlans: number;
  cpPlans: number;
  conferences: number;
  openCarePeriods: number;
}

const max = (rows: { d: string | null }[]) => rows.map((r) => r.d).filter((d): d is string => Boolean(d));

export async function episodeActivity(db: Kysely<Database>, episodeId: string): Promise<EpisodeActivity> {
  const [assessments, plans, protection, care] = await Promise.all([
    db.selectFrom('assessments').select(['status', 'start_date', 'child_seen_date', 'authorised_date']).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('cin_plans').select(['id', 'start_date', 'end_date']).where('episode_id', '=', episodeId).execute(),
    childProtectionOfEpisode(db, episodeId),
    carePeriodsOfReferral(db, episodeId),
  ]);
  const { enquiries: s47, plans: cpPlans } = protection;
  const planIds = plans.map((p) => p.id);
  const reviews = planIds.length ? await db.selectFrom('cin_plan_reviews').select('review_date').where('plan_id', 'in', planIds).execute() : [];
  const dates: EpisodeActivity['dates'] = [
    ...max(assessments.map((a) => ({ d: a.start_date }))).map((date) => ({ what: 'the assessment started', date })),
    ...max(assessments.map((a) => ({ d: a.child_seen_date }))).map((date) => ({ what: 'the child was seen for the assessment', date })),
    ...max(assessments.map((a) => ({ d: a.authorised_date }))).map((date) => ({ what: 'the assessment was authorised', date })),
    ...max(plans.map((p) => ({ d: p.start_date }))).map((date) => ({ what: 'the child in need plan started', date })),
    ...max(plans.map((p) => ({ d: p.end_date }))).map((date) => ({ what: 'the child in need plan ended', date })),
    ...reviews.map((r) => ({ what: 'a child in need plan review', date: r.review_date })),
    ...protection.strategyDates.map((date) => ({ what: 'a strategy discussion', date })),
    ...max(s47.map((s) => ({ d: s.start }))).map((date) => ({ what: 'a section 47 enquiry started', date })),
    ...max(s47.map((s) => ({ d: s.completed }))).map((date) => ({ what: 'a section 47 enquiry ended', date })),
    ...max(cpPlans.map((p) => ({ d: p.start }))).map((date) => ({ what: 'a child protection plan started', date })),
    ...max(cpPlans.map((p) => ({ d: p.end }))).map((date) => ({ what: 'a child protection plan ended', date })),
    ...protection.conferenceDates.map((date) => ({ what: 'a child protection conference', date })),
    ...max(care.map((c) => ({ d: c.startDate }))).map((date) => ({ what: 'a period of care started', date })),
    ...max(care.map((c) => ({ d: c.endDate }))).map((date) => ({ what: 'a period of care ended', date })),
  ];
  return {
    dates,
    openAssessments: assessments.filter((a) => a.status !== 'authorised').length,
    assessments: assessments.length,
    openCinPlans: plans.filter((p) => !p.end_date).length,
    cinPlans: plans.length,
    openSection47: s47.filter((s) => !s.completed).length,
    section47: s47.length,
    openCpPlans: cpPlans.filter((p) => !p.end).length,
    cpPlans: cpPlans.length,
    conferences: protection.conferenceDates.length,
    openCarePeriods: care.filter((c) => !c.endDate).length,
  };
}

/** The latest activity in the episode (the closure date may not be before it). */
export const latestActivity = (a: EpisodeActivity) => a.dates.reduce<{ what: string; date: string } | null>((latest, d) => (!latest || d.date > latest.date ? d : latest), null);

/**
 * What the census forbids about closing this episode on this date for this reason, in the manager's words.
 * Empty when the closure may go ahead.
 */
export function closureProblems(a: EpisodeActivity, input: { closureDate: string; reason: string }, referralDate: string): { field: 'closureDate' | 'reason' | 'form'; message: string }[] {
  const problems: { field: 'closureDate' | 'reason' | 'form'; message: string }[] = [];
  if (a.openAssessments) problems.push({ field: 'form', message: 'The assessment has not been authorised. Authorise it (or have it submitted) before the episode closes' });
  if (a.openSection47) problems.push({ field: 'form', message: 'A section 47 enquiry is still open. Record its outcome before the episode closes' });
  if (a.openCinPlans) problems.push({ field: 'form', message: 'The child in need plan is still open. End the plan before the episode closes' });
  if (a.openCpPlans) problems.push({ field: 'form', message: 'The child protection plan is still open. It must end at a conference before the episode closes' });
  if (a.openCarePeriods) problems.push({ field: 'form', message: 'The child is looked after. The episode stays open while they are in care' });
  if (input.closureDate < referralDate) problems.push({ field: 'closureDate', message: 'The closure date must be on or after the referral date' });
  else {
    const latest = latestActivity(a);
    if (latest && input.closureDate < latest.date) problems.push({ field: 'closureDate', message: `The closure date must be on or after the last thing recorded in the episode (${latest.what}, ${formatDate(latest.date)})` });
  }
  if (input.reason === 'RC8' || input.reason === 'RC9') {
    if (!a.assessments) problems.push({ field: 'reason', message: 'Closed after assessment needs an assessment in the episode: choose another reason' });
    else if (a.cinPlans || a.section47 || a.cpPlans || a.conferences) {
      problems.push({ field: 'reason', message: 'This episode had a plan or child protection enquiries, so it cannot be closed as closed after assessment: choose another reason' });
    }
  }
  return problems;
}
