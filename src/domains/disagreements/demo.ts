import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { ChronologyTable, Database } from '../../db/types.ts';
import { dueDate } from '../../platform/calendar/timescales.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addWorkingDays, workingDaysBefore } from '../../platform/calendar/working-days.ts';
import { STAGES } from './labels.ts';
import { CLOSED_SUMMARY, DISAGREEMENT_RECORD, RAISED_SUMMARY } from './service.ts';
import type { DisagreementStepsTable, Resolution, StepKind } from './tables.ts';

type DemoStep = [kind: StepKind, afterDays: number, by: string, note: string, resolution?: Resolution];

interface Story {
  by: string;
  about: string;
  /** Working days before today it was raised. */
  ago: number;
  decision: string;
  reasons: string;
  sought: string;
  linkChild: boolean;
  steps: DemoStep[];
}

const SAM = 'sam.rowe@cairn.example';
const MORGAN = 'morgan.hale@cairn.example';
const PAT = 'pat.quinn@cairn.example';
const JO = 'jo.nyland@cairn.example';
const KIT = 'kit.ellery@cairn.example';
const OWEN = 'owen.pryce@cairn.example';

const STORIES: Story[] = [
  { by: PAT, about: 'csc', ago: 1, linkChild: true, decision: 'Contact about a pupil’s bruising closed at the front door with advice to the school.', reasons: 'This is the third bruise seen this term and the child said it happened at home. We think a strategy discussion is needed.', sought: 'A strategy discussion, or a social work assessment.', steps: [] },
  { by: JO, about: 'csc', ago: 4, linkChild: false, decision: 'Referral for a baby with weight loss stepped down to early help.', reasons: 'The baby has lost weight over two months and the parents have missed three appointments. Health think this is neglect.', sought: 'A child and family assessment by social care.', steps: [] },
  { by: SAM, about: 'health', ago: 9, linkChild: true, decision: 'Health visiting discharged the family after two missed contacts.', reasons: 'The child is on a child in need plan and the health visitor is named in it.', sought: 'Health visiting to stay involved until the plan ends.',
    steps: [['response', 2, JO, 'Discharge followed our missed-contacts policy; we were not told the child was on a plan.'], ['escalated', 3, MORGAN, 'Discharge still stands; taking it to line managers.'], ['response', 5, JO, 'Our team leader will review the discharge with the social work manager this week.']] },
  { by: PAT, about: 'csc', ago: 16, linkChild: false, decision: 'Child in need case closed after the assessment.', reasons: 'The school still sees the same worries about attendance and hunger.', sought: 'The case kept open with a plan.',
    steps: [['response', 1, SAM, 'The assessment found the family were working with early help.'], ['escalated', 2, MORGAN, 'The school’s safeguarding lead does not agree; managers to meet.'], ['escalated', 8, MORGAN, 'Managers could not agree: to heads of service.']] },
  { by: KIT, about: 'csc', ago: 26, linkChild: false, decision: 'Request to step a family up from early help refused.', reasons: 'Domestic abuse has been disclosed twice since the request.', sought: 'A referral to social care and a MARAC referral.',
    steps: [['response', 2, SAM, 'The disclosures were historic; early help is the right service.'], ['escalated', 3, KIT, 'Taken to line managers.'], ['escalated', 9, MORGAN, 'No agreement between managers.'], ['escalated', 15, MORGAN, 'Heads of service could not agree: referred to the partnership.']] },
  { by: MORGAN, about: 'police', ago: 40, linkChild: true, decision: 'Police declined a joint visit for a section 47 enquiry.', reasons: 'The allegation is of physical harm by a parent; a joint visit is our local protocol.', sought: 'A joint visit within 24 hours.',
    steps: [['resolved', 1, MORGAN, 'The police public protection unit agreed a joint visit for the next morning, and it was held.', 'agreed']] },
  { by: PAT, about: 'eh', ago: 60, linkChild: false, decision: 'Early help closed the family’s case.', reasons: 'The school was not invited to the closing review.', sought: 'A review with the school present.',
    steps: [['withdrawn', 2, PAT, 'Early help shared the closing review notes; the school is satisfied.']] },
  { by: JO, about: 'csc', ago: 290, linkChild: false, decision: 'No strategy discussion after a disclosure to the school nurse.', reasons: 'The child named an adult in the household who hurt them.', sought: 'A strategy discussion that includes health.',
    steps: [['response', 2, SAM, 'The threshold for section 47 was not met on what we knew.'], ['escalated', 3, MORGAN, 'To line managers.'], ['resolved', 8, MORGAN, 'A strategy discussion was held with health present.', 'decision_changed']] },
  { by: SAM, about: 'school', ago: 300, linkChild: true, decision: 'The school did not make a referral after a pupil’s disclosure.', reasons: 'The disclosure should have come to the front door the same day.', sought: 'The school to review its safeguarding procedure.',
    steps: [['response', 2, PAT, 'The disclosure was shared with the family’s social worker by phone.'], ['escalated', 2, MORGAN, 'The phone call was not recorded.'], ['escalated', 7, MORGAN, 'To heads of service.'], ['resolved', 12, MORGAN, 'The school showed its record of the call; its decision stands, with a reminder to send contacts in writing.', 'decision_stands']] },
  { by: KIT, about: 'csc', ago: 320, linkChild: false, decision: 'Social care did not tell early help that a child protection enquiry had started.', reasons: 'The family has an open early help case and the lead professional was visiting alone.', sought: 'Early help told of enquiries on open cases.',
    steps: [['response', 1, SAM, 'The enquiry was started out of hours; early help should have been told the next day.'], ['escalated', 2, KIT, 'Taken to line managers.'], ['escalated', 8, MORGAN, 'To heads of service.'], ['escalated', 14, MORGAN, 'To the partnership.'], ['resolved', 24, OWEN, 'The partnership agreed a notification protocol for open early help cases.', 'other']] },
];

/**
 * Professional disagreements between the demo agencies at every stage: a school’s disagreement awaiting social
 * care’s answer, one overdue, others at stages 2, 3 and 4, and some resolved or withdrawn this year and last (so the
 * figures have two years). A child is linked only where the raiser's agency can see them.
 */
export async function seedDisagreementsDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const user = (email: string) => org.userIds[email];
  const users = await db.selectFrom('users').select(['id', 'agency_id']).execute();
  const agencyOf = new Map(users.map((u) => [u.id, u.agency_id]));
  const chronology: Insertable<ChronologyTable>[] = [];
  const steps: Insertable<DisagreementStepsTable>[] = [];
  for (const [i, s] of STORIES.entries()) {
    const raiser = user(s.by);
    const about = org.agencyIds[s.about];
    if (!raiser || !about) continue;
    const raisingAgency = agencyOf.get(raiser)!;
    const raised = workingDaysBefore(today, s.ago);
    const child = s.linkChild ? await childSeenBy(db, raisingAgency, i) : null;
    let stage = 1;
    let started = raised;
    let responded: string | null = null;
    let on = raised;
    let end: { status: 'resolved' | 'withdrawn'; on: string; resolution: Resolution | null; summary: string | null } | null = null;
    const id = uuidv7();
    for (const [kind, after, by, note, resolution] of s.steps) {
      on = addWorkingDays(on, after);
      const byId = user(by)!;
      steps.push({ disagreement_id: id, kind, stage, occurred_on: on, note, recorded_by: byId, agency_id: agencyOf.get(byId)!, created_at: ukMoment(on, '11:00')! });
      if (kind === 'response' && !responded && (stage === 4 ? by === OWEN : agencyOf.get(byId) === about)) responded = on;
      if (kind === 'escalated') [stage, started, responded] = [stage + 1, on, null];
      if (kind === 'resolved' || kind === 'withdrawn') end = { status: kind, on, resolution: resolution ?? null, summary: kind === 'resolved' ? note : null };
    }
    await db.insertInto('disagreements').values({
      id, raised_by: raiser, raised_by_agency: raisingAgency, about_agency: about, person_id: child, raised_on: raised, decision: s.decision, decision_on: workingDaysBefore(raised, 1), reasons: s.reasons, outcome_sought: s.sought,
      stage, stage_started_on: started, stage_due: dueDate(STAGES[stage]!.timescale, started), stage_responded_on: responded,
      status: end?.status ?? 'open', resolution: end?.resolution ?? null, resolution_summary: end?.summary ?? null, closed_on: end?.on ?? null, created_by: raiser, version: 1 + s.steps.length,
    }).execute();
    if (!child) continue;
    chronology.push({ person_id: child, occurred_at: ukMoment(raised, '10:00')!, entry_type: 'disagreements.raised', summary: RAISED_SUMMARY, agency_id: raisingAgency, recorded_by: raiser, record_type: DISAGREEMENT_RECORD, record_id: id });
    if (end) chronology.push({ person_id: child, occurred_at: ukMoment(end.on, '12:00')!, entry_type: 'disagreements.closed', summary: CLOSED_SUMMARY, agency_id: raisingAgency, recorded_by: raiser, record_type: DISAGREEMENT_RECORD, record_id: id });
  }
  if (steps.length) await db.insertInto('disagreement_steps').values(steps).execute();
  if (chronology.length) await db.insertInto('chronology').values(chronology).execute();
}

/** A child the raising agency may see: any unrestricted child for social care, one shared with the agency otherwise. */
async function childSeenBy(db: Kysely<Database>, agencyId: string, n: number): Promise<string | null> {
  const agency = await db.selectFrom('agencies').select('kind').where('id', '=', agencyId).executeTakeFirst();
  let query = db.selectFrom('people as p').select('p.id').where('p.person_type', '=', 'child').where('p.restricted', '=', false);
  if (agency?.kind !== 'social_care') query = query.where((w) => w.exists(w.selectFrom('involvements as i').select('i.id').whereRef('i.person_id', '=', 'p.id').where('i.agency_id', '=', agencyId).where('i.end_date', 'is', null)));
  const rows = await query.orderBy('p.id').limit(n + 1).execute();
  return rows.at(-1)?.id ?? null;
}

