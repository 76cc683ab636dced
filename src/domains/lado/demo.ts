import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { ChronologyTable, Database } from '../../db/types.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays, addWorkingDays, workingDaysBefore } from '../../platform/calendar/working-days.ts';
import { CHILD_CHRONOLOGY_SUMMARY, LADO_RECORD } from './service.ts';
import type { LadoActionsTable, LadoCasesTable } from './tables.ts';

type Stage = 'new' | 'overdue' | 'advice_closed' | 'meetings' | 'closed_substantiated' | 'closed_unfounded' | 'advice_open';

interface Story {
  stage: Stage;
  /** Working days before today the concern came in. */
  ago: number;
  role: string;
  employer: string;
  sector: string;
  agency: string;
  referrer: string;
  category: string;
  allegation: string;
}

const STORIES: Story[] = [
  { stage: 'new', ago: 0, role: 'Class teacher', employer: 'Brackenshire Primary School', sector: 'education', agency: 'education', referrer: 'Head teacher', category: 'physical', allegation: 'A pupil says the teacher pulled them out of their chair by the arm during a lesson, leaving a red mark.' },
  { stage: 'overdue', ago: 3, role: 'Youth worker', employer: 'Fernbank Youth Club', sector: 'voluntary_youth', agency: 'voluntary_youth', referrer: 'Club co-ordinator', category: 'conduct', allegation: 'Sending private social media messages to a 15-year-old member late at night.' },
  { stage: 'advice_open', ago: 2, role: 'Nursery practitioner', employer: 'Little Acorns Nursery', sector: 'early_years', agency: 'other', referrer: 'Nursery manager', category: 'emotional', allegation: 'Shouting at toddlers at lunchtime; a parent complained.' },
  { stage: 'meetings', ago: 25, role: 'Foster carer', employer: 'Brackenshire fostering service', sector: 'foster_care', agency: 'foster_carers', referrer: 'Supervising social worker', category: 'physical', allegation: 'A child in placement disclosed being smacked by the foster carer.' },
  { stage: 'closed_substantiated', ago: 70, role: 'Sports coach', employer: 'Marshgate Football Club', sector: 'sport', agency: 'police', referrer: 'Police officer', category: 'sexual', allegation: 'Inappropriate touching of a player reported by a parent to the police.' },
  { stage: 'advice_closed', ago: 40, role: 'Teaching assistant', employer: 'Holloway Academy', sector: 'education', agency: 'education', referrer: 'Designated safeguarding lead', category: 'conduct', allegation: 'Arrested for drink driving outside work; no concern about children.' },
  { stage: 'closed_unfounded', ago: 290, role: 'Residential care worker', employer: 'Larchwood Children’s Home', sector: 'residential', agency: 'social_care', referrer: 'Registered manager', category: 'neglect', allegation: 'A young person said they were left without an evening meal.' },
  { stage: 'advice_closed', ago: 310, role: 'Minister', employer: 'St Brannock’s Church', sector: 'faith', agency: 'faith', referrer: 'Safeguarding officer', category: 'conduct', allegation: 'Known to be living with a person who has a conviction for offences against children.' },
];

/**
 * A handful of LADO cases about adults in the demo population, one at each stage: a concern received today, one
 * whose initial consideration is overdue, an advice-only concern awaiting closure, a foster carer's allegation
 * with a meeting and an overdue action, and closed cases this year and last (so the figures have two years).
 */
export async function seedLadoDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const lee = org.userIds['lee.marsh@cairn.example'];
  const csc = org.agencyIds.csc;
  if (!lee || !csc) return;
  const adults = await db.selectFrom('people').select('id').where('person_type', '=', 'adult').where('restricted', '=', false).orderBy('id').limit(STORIES.length).execute();
  const children = await db.selectFrom('people').select('id').where('person_type', '=', 'child').where('restricted', '=', false).orderBy('id', 'desc').limit(STORIES.length).execute();
  if (!adults.length || !children.length) return;
  const chronology: Insertable<ChronologyTable>[] = [];
  const actions: Insertable<LadoActionsTable>[] = [];
  for (const [i, s] of STORIES.entries()) {
    const id = uuidv7();
    const received = workingDaysBefore(today, s.ago);
    const decided = s.stage === 'new' || s.stage === 'overdue' ? null : addWorkingDays(received, i % 3 === 0 ? 2 : 1);
    const decision = !decided ? null : s.stage.startsWith('advice') ? 'advice_only' : 'meeting';
    const closed = s.stage.startsWith('closed') || s.stage === 'advice_closed' ? addWorkingDays(received, decision === 'meeting' ? 45 : 3) : null;
    const row: Insertable<LadoCasesTable> = {
      id, adult_id: adults[i % adults.length]!.id, adult_role: s.role, employer: s.employer, sector: s.sector, referring_agency: s.agency, referrer_name: s.referrer,
      received_on: received, category: s.category, allegation: s.allegation, consideration_due: addWorkingDays(received, 1),
      decision, decided_on: decided, decided_by: decided ? lee : null,
      decision_reasons: decision === 'meeting' ? 'The adult may have harmed a child: the threshold for an allegation management meeting is met.' : decision ? 'Conduct outside work with no indication of risk to children; advice given to the employer.' : null,
      police_informed_on: decision === 'meeting' ? decided : null, employer_informed_on: decided,
      dbs_referred_on: s.stage === 'closed_substantiated' ? closed : null,
      outcome: s.stage === 'closed_substantiated' ? 'substantiated' : s.stage === 'closed_unfounded' ? 'unfounded' : null,
      sanctions: s.stage === 'closed_substantiated' ? ['dismissal', 'dbs_referral'] : s.stage === 'closed_unfounded' ? ['no_action'] : [],
      closed_on: closed, created_by: lee, version: 1 + (decided ? 1 : 0) + (closed ? 1 : 0),
    };
    await db.insertInto('lado_cases').values(row).execute();
    const child = children[i % children.length]!.id;
    await db.insertInto('lado_case_children').values({ case_id: id, person_id: child }).execute();
    chronology.push({ person_id: child, occurred_at: ukMoment(received, '10:00')!, entry_type: 'lado.referred', summary: CHILD_CHRONOLOGY_SUMMARY, agency_id: csc, recorded_by: lee, record_type: LADO_RECORD, record_id: id });
    if (decision !== 'meeting') continue;
    const held = addWorkingDays(decided!, 3);
    const meetingId = uuidv7();
    const open = !closed;
    await db.insertInto('lado_meetings').values({ id: meetingId, case_id: id, held_on: held, summary: 'Police and employer updated the meeting. The police will not pursue a criminal investigation; the employer will hold a disciplinary investigation. The adult is suspended while it is carried out.', next_meeting_on: open ? addCalendarDays(today, 14) : null, created_by: lee }).execute();
    await db.insertInto('lado_meeting_attendees').values([
      { meeting_id: meetingId, position: 0, name: 'Lee Marsh', agency: 'LADO Service' },
      { meeting_id: meetingId, position: 1, name: 'DS Orla Penhaligon', agency: 'Brackenshire Police' },
      { meeting_id: meetingId, position: 2, name: 'Tamsin Greave', agency: s.employer },
    ]).execute();
    actions.push({ case_id: id, meeting_id: meetingId, what: 'Complete the disciplinary investigation and send the report to the LADO', owner: 'Employer', due_on: addWorkingDays(held, 10), done_on: open ? null : addWorkingDays(held, 9), created_by: lee });
    actions.push({ case_id: id, meeting_id: meetingId, what: 'Tell the child’s parents the outcome of the meeting', owner: 'Lee Marsh', due_on: addWorkingDays(held, 2), done_on: addWorkingDays(held, 1), created_by: lee });
  }
  if (actions.length) await db.insertInto('lado_actions').values(actions).execute();
  if (chronology.length) await db.insertInto('chronology').values(chronology).execute();
}

