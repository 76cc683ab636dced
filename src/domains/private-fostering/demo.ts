import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { ChronologyTable, Database } from '../../db/types.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { fullName } from '../people/names.ts';
import { ageOn, nextVisitDue } from './rules.ts';
import type { PrivateFosteringArrangementsTable, PrivateFosteringCarersTable, PrivateFosteringVisitsTable } from './tables.ts';

/** Each demo arrangement's story: when it was notified and started (days before today), visits, assessment, end. */
const STORIES = [
  { notified: 40, started: 45, visitsUntil: null, assessed: null, ended: null, relationship: 'family_friend', why: 'Mother admitted to hospital for a long stay; no family nearby.' },
  { notified: 150, started: 152, visitsUntil: 20, assessed: 'suitable', ended: null, relationship: 'friends_parent', why: 'Parents moved abroad for work; the child stayed to finish the school year with a friend’s family.' },
  { notified: 460, started: 470, visitsUntil: 30, assessed: 'suitable_with_conditions', ended: null, relationship: 'host_family', why: 'Attending a football academy; lives with a host family in term time.' },
  { notified: 10, started: -30, visitsUntil: 3, assessed: null, ended: null, relationship: 'family_friend', why: 'Parents separating; the child will stay with a family friend while the parents find homes.' },
  { notified: 240, started: 243, visitsUntil: 70, assessed: 'suitable', ended: 60, relationship: 'partner_of_parent', why: 'Lived with the mother’s former partner after the mother left the area.' },
] as const;

/**
 * Five private fostering arrangements for children not allocated in social care, with carers who are
 * adults of other demo families: one with its first visit overdue, one in its first year, one in its second
 * (12-weekly visits), one planned (notified before it began) and one ended.
 */
export async function seedPrivateFosteringDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const sam = org.userIds['sam.rowe@cairn.example']!;
  const morgan = org.userIds['morgan.hale@cairn.example']!;
  const csc = org.agencyIds.csc!;
  const children = (await db
    .selectFrom('people')
    .select(['id', 'date_of_birth'])
    .where('person_type', '=', 'child')
    .where('restricted', '=', false)
    .where('merged_into', 'is', null)
    .where('allocated_team_id', 'is', null)
    .orderBy('id')
    .execute()).filter((c) => c.date_of_birth && ageOn(c.date_of_birth, today) >= 1 && ageOn(c.date_of_birth, today) <= 14).slice(0, STORIES.length);
  const adults = await db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('person_type', '=', 'adult').where('restricted', '=', false).orderBy('id', 'desc').limit(STORIES.length).execute();
  const arrangements: Insertable<PrivateFosteringArrangementsTable>[] = [];
  const carers: Insertable<PrivateFosteringCarersTable>[] = [];
  const visits: Insertable<PrivateFosteringVisitsTable>[] = [];
  const chronology: Insertable<ChronologyTable>[] = [];
  const note = (personId: string, on: string, entryType: string, summary: string, id: string, by = sam) =>
    chronology.push({ person_id: personId, occurred_at: ukMoment(on, '10:30')!, entry_type: entryType, summary, agency_id: csc, recorded_by: by, record_type: 'private_fostering', record_id: id });

  for (const [i, child] of children.entries()) {
    const story = STORIES[i]!;
    const carer = adults[i];
    if (!carer) break;
    const id = uuidv7();
    const notifiedOn = addCalendarDays(today, -story.notified);
    const startDate = addCalendarDays(today, -story.started);
    const endedOn = story.ended === null ? null : addCalendarDays(today, -story.ended);
    const decisionOn = story.assessed ? addCalendarDays(notifiedOn, 35) : null;
    arrangements.push({
      id, person_id: child.id, notified_on: notifiedOn, notified_by: i % 2 ? 'school' : 'carer', notifier_detail: i % 2 ? 'Designated safeguarding lead' : null, start_date: startDate,
      parents_details: 'Mother and father both hold parental responsibility; contact details on the arrangement file. They agreed to the arrangement.',
      reason: story.why, expected_duration: story.ended === null ? 'Until the end of the school year' : 'A few months',
      ...(story.assessed || i === 3 ? { dbs_on: addCalendarDays(notifiedOn, 14), dbs_result: 'satisfactory' as const } : {}),
      ...(story.assessed
        ? {
            references_on: addCalendarDays(notifiedOn, 21), references_result: 'satisfactory' as const, health_on: addCalendarDays(notifiedOn, 25), health_result: 'satisfactory' as const,
            accommodation_on: addCalendarDays(notifiedOn, 5), accommodation_result: 'satisfactory' as const, decision: story.assessed, decision_on: decisionOn,
            decision_notes: story.assessed === 'suitable_with_conditions' ? 'The carer tells us of any change in the household; the child keeps weekly video calls with the parents.' : null,
            decided_by: sam, confirmed_by: morgan, confirmed_on: addCalendarDays(decisionOn!, 2),
          }
        : {}),
      ...(endedOn ? { ended_on: endedOn, end_reason: 'returned_to_parents' as const } : {}),
      created_by: sam, version: 3,
    });
    const carerName = fullName(carer);
    carers.push({ arrangement_id: id, carer_person_id: carer.id, name: carerName, relationship: story.relationship, created_by: sam });
    note(child.id, notifiedOn, 'private_fostering.notified', `Private fostering notified (carer: ${carerName})`, id);
    if (story.visitsUntil !== null) {
      const arrangement = { notifiedOn, startDate };
      const last = addCalendarDays(today, -story.visitsUntil);
      // Visits from the first (within 7 working days) on, a few days before each was due, up to the story's last.
      let previous: string | null = null;
      for (let due = nextVisitDue(arrangement, null); ; due = nextVisitDue(arrangement, previous)) {
        const on: string = previous === null ? addCalendarDays(notifiedOn, 4) : addCalendarDays(due, -5);
        if (on > last || (endedOn && on > endedOn)) break;
        visits.push({ arrangement_id: id, person_id: child.id, visit_date: on, due_on: due, child_seen: true, seen_alone: visits.length % 3 !== 2, notes: 'Child settled and happy; room seen; spoke with the carer about school and contact with the parents.', created_by: sam });
        note(child.id, on, 'private_fostering.visit', `Private fostering visit on ${on}: child seen`, id);
        previous = on;
      }
    }
    if (decisionOn) {
      note(child.id, decisionOn, 'private_fostering.assessment', 'Private fostering arrangement assessed', id);
      note(child.id, addCalendarDays(decisionOn, 2), 'private_fostering.confirmed', 'Manager confirmed the private fostering arrangement', id, morgan);
    }
    if (endedOn) note(child.id, endedOn, 'private_fostering.ended', 'Private fostering arrangement ended: returned to parents', id);
  }
  if (arrangements.length) await db.insertInto('private_fostering_arrangements').values(arrangements).execute();
  if (carers.length) await db.insertInto('private_fostering_carers').values(carers).execute();
  if (visits.length) await db.insertInto('private_fostering_visits').values(visits).execute();
  if (chronology.length) await db.insertInto('chronology').values(chronology).execute();
}
