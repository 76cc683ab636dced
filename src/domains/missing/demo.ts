import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { ChronologyTable, Database } from '../../db/types.ts';
import type { ExploitationScreeningsTable, MissingEpisodesTable } from '../../db/types-social-care.ts';
import { dueDate, dueMoment } from '../../platform/calendar/timescales.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { formatDateTime } from '../../platform/views/format.ts';
import { allocations } from '../casework/service.ts';
import { random } from '../people/synthetic.ts';

const HOUR = 3_600_000;
const PLACES = ['A friend’s flat in the town centre', 'The bus station', 'An address in a neighbouring city', 'Their grandmother’s house', 'The park by the retail estate', 'A fast food restaurant in the town centre'];
const CIRCUMSTANCES = [
  'Left after an argument about phone use and did not come home. Not answering calls.',
  'Did not return from school. Friends say they were picked up in a car by older young people.',
  'Went out in the evening and did not come back by the agreed time. Carer rang the police at midnight.',
  'Left the placement without telling staff. Known to stay with a friend when upset.',
];

type Step = 'missing' | 'returned' | 'offered' | 'accepted' | 'completed' | 'declined';
/** One episode of a child's story: started `hoursAgo`, missing for `hours`, and how far the interview got. */
interface Plan { hoursAgo: number; hours: number; step: Step; kind?: 'missing' | 'absent'; risk?: 'low' | 'medium' | 'high'; agency?: string }

/**
 * The stories, one per child: a child missing now, interviews due and overdue, a child missing 4 times in 90 days,
 * interviews held and declined. Returns and offers are placed relative to now, so every 72-hour clock shows.
 */
const STORIES: Plan[][] = [
  [{ hoursAgo: 20, hours: 0, step: 'missing', risk: 'high', agency: 'police' }, { hoursAgo: 24 * 150, hours: 30, step: 'completed' }],
  [{ hoursAgo: 48, hours: 18, step: 'returned', agency: 'school' }],
  [{ hoursAgo: 100, hours: 20, step: 'offered', risk: 'high' }],
  [
    { hoursAgo: 24 * 80, hours: 14, step: 'completed' }, { hoursAgo: 24 * 55, hours: 26, step: 'completed' },
    { hoursAgo: 24 * 30, hours: 9, step: 'declined' }, { hoursAgo: 60, hours: 10, step: 'accepted', risk: 'high' },
  ],
  [{ hoursAgo: 24 * 40, hours: 40, step: 'completed', risk: 'medium' }],
  [{ hoursAgo: 24 * 95, hours: 12, step: 'declined', kind: 'absent', risk: 'low' }],
  [{ hoursAgo: 24 * 60, hours: 6, step: 'completed', kind: 'absent', risk: 'low', agency: 'school' }],
  [{ hoursAgo: 24 * 200, hours: 16, step: 'completed' }, { hoursAgo: 24 * 280, hours: 8, step: 'completed' }],
];

/** Missing episodes and exploitation screenings for about 8 children aged 10 to 16. */
export async function seedMissingDemo(db: Kysely<Database>, org: DemoOrganisation, today: string, children: string[]): Promise<void> {
  if (!children.length) return;
  const rand = random(6006);
  // Noon, or now when earlier: before noon, clocks placed back from noon would put returns and offers in the future,
  // and an interview meant to be overdue would not be yet (its clock ends 8 hours before the moment the stories use).
  const now = new Date(Math.min(ukMoment(today, '12:00')!.getTime(), Date.now()));
  const sam = org.userIds['sam.rowe@cairn.example']!;
  const nia = org.userIds['nia.brooks@cairn.example']!;
  const kit = org.userIds['kit.ellery@cairn.example'] ?? sam;
  const inCare = new Set((await db.selectFrom('care_periods').select('person_id').where('person_id', 'in', children).where('end_date', 'is', null).execute()).map((r) => r.person_id));
  const held = await allocations(db, children);
  const episodes: Insertable<MissingEpisodesTable>[] = [];
  const screenings: Insertable<ExploitationScreeningsTable>[] = [];
  const chronology: Insertable<ChronologyTable>[] = [];
  const note = (personId: string, at: Date, entryType: string, summary: string, recordType: string, recordId: string, by = sam) =>
    chronology.push({ person_id: personId, occurred_at: at, entry_type: entryType, summary, agency_id: org.agencyIds.csc!, recorded_by: by, record_type: recordType, record_id: recordId });

  for (const [i, personId] of children.slice(0, STORIES.length).entries()) {
    const worker = held.get(personId)?.workerId ?? (inCare.has(personId) ? nia : sam);
    if (!held.has(personId)) {
      await db.insertInto('case_allocations').values({ person_id: personId, worker_id: worker, team_id: org.teamIds[worker === nia ? 'Children in Care Team' : 'Assessment Team North']!, start_date: addCalendarDays(today, -300), reason: 'FCONTA', created_by: worker }).execute();
    }
    for (const plan of STORIES[i]!) {
      const id = uuidv7();
      const started = new Date(now.getTime() - plan.hoursAgo * HOUR);
      const reported = new Date(started.getTime() + (1 + Math.floor(rand() * 3)) * HOUR);
      const returned = plan.step === 'missing' ? null : new Date(started.getTime() + plan.hours * HOUR);
      const due = returned ? dueMoment('returnInterview', returned) : null;
      const offered = returned && plan.step !== 'returned' ? new Date(returned.getTime() + (18 + Math.floor(rand() * 20)) * HOUR) : null;
      const completed = plan.step === 'completed' && offered ? new Date(offered.getTime() + 20 * HOUR) : null;
      const found = returned ? PLACES[Math.floor(rand() * PLACES.length)]! : null;
      const agency = org.agencyIds[plan.agency ?? 'police']!;
      episodes.push({
        id, person_id: personId, kind: plan.kind ?? 'missing', started_at: started, reported_at: reported, reported_by_agency_id: agency,
        risk_level: plan.risk ?? (rand() < 0.5 ? 'medium' : 'low'), circumstances: CIRCUMSTANCES[Math.floor(rand() * CIRCUMSTANCES.length)]!,
        in_care: inCare.has(personId), returned_at: returned, found_where: found, interview_due_at: due, interview_offered_at: offered,
        interview_accepted: plan.step === 'accepted' || plan.step === 'completed' ? true : plan.step === 'declined' ? false : null,
        interview_completed_at: completed, interview_by: completed ? kit : null,
        interview_push_factors: completed ? 'Arguments at home about boundaries; feels nobody listens.' : null,
        interview_pull_factors: completed ? 'Older friends who give lifts and buy food; a party address.' : null,
        interview_indicators: completed ? (i === 4 ? ['older_associates', 'money_phones', 'travelling'] : ['going_missing']) : [],
        interview_findings: completed ? 'Talked openly. Agreed a safety plan and a trusted adult to ring. Shared with the school and the police missing co-ordinator.' : null,
        created_by: sam, version: 1 + [returned, offered, plan.step === 'accepted' || plan.step === 'declined' || completed, completed].filter(Boolean).length,
      });
      note(personId, reported, 'missing.reported', `Reported ${plan.kind === 'absent' ? 'absent' : 'missing'} since ${formatDateTime(started)}`, 'missing_episode', id);
      if (returned) note(personId, returned, 'missing.returned', `Returned from being missing at ${formatDateTime(returned)}, found: ${found}. Return home interview due by ${formatDateTime(due)}`, 'missing_episode', id);
      if (offered) note(personId, offered, 'missing.interview_offered', `Return home interview offered at ${formatDateTime(offered)}`, 'missing_episode', id);
      if (plan.step === 'declined') note(personId, offered!, 'missing.interview_declined', 'Return home interview declined by the child', 'missing_episode', id);
      if (completed) note(personId, completed, 'missing.interview_completed', `Return home interview held at ${formatDateTime(completed)}, within 72 hours of the return`, 'missing_episode', id, kit);
    }
  }

  // Screenings: a medium criminal exploitation (county lines) concern, a repeat-missing child, and one overdue review.
  const screen = (personId: string | undefined, daysAgo: number, levels: [string, string, string], indicators: string[], summary: string) => {
    if (!personId) return;
    const id = uuidv7();
    const on = addCalendarDays(today, -daysAgo);
    screenings.push({
      id, person_id: personId, screened_on: on, sexual_exploitation: levels[0] as never, criminal_exploitation: levels[1] as never, trafficking: levels[2] as never,
      indicators, summary, review_due: dueDate('exploitationReview', on), panel_referral_id: null, created_by: sam,
    });
    note(personId, ukMoment(on, '15:00')!, 'exploitation.screened', `Exploitation screening: sexual exploitation ${levels[0]}, criminal exploitation ${levels[1]}, trafficking ${levels[2]}`, 'exploitation_screening', id);
  };
  screen(children[4], 35, ['low', 'medium', 'none'], ['older_associates', 'money_phones', 'travelling', 'several_phones'], 'Found in a neighbouring city with cash and a second phone. Older associates linked to a drug line. Discuss at the MET hub.');
  screen(children[3], 20, ['medium', 'low', 'none'], ['going_missing', 'older_associates', 'new_friends'], 'Four episodes in three months; new older friends and a party address. Safety plan in place.');
  screen(children[5], 120, ['none', 'low', 'none'], ['school'], 'Absent after arguments at home; attendance dropping. No exploitation found now.');

  if (episodes.length) await db.insertInto('missing_episodes').values(episodes).execute();
  if (screenings.length) await db.insertInto('exploitation_screenings').values(screenings).execute();
  if (chronology.length) await db.insertInto('chronology').values(chronology).execute();
}
