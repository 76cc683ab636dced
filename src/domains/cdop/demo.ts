import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { ukMoment } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays, addWorkingDays } from '../../platform/calendar/working-days.ts';
import { searchKey } from '../people/names.ts';
import { returnDueFrom } from './clocks.ts';
import { CDOP_RECORD, CHILD_CHRONOLOGY_SUMMARY } from './service.ts';
import type { CdopCasesTable, CdopRequestsTable } from './tables.ts';

interface Story {
  given: string;
  family: string;
  sex: 'M' | 'F';
  /** Age at death in days, and days before today the child died. */
  ageDays: number;
  ago: number;
  place: CdopCasesTable['place'];
  placeDetail: string | null;
  expectation: CdopCasesTable['expectation'];
  notifier: [agency: string, name: string];
  circumstances: string;
  /** Agencies asked, and whether each has replied (true), said it holds nothing ('none') or not yet (false). */
  asked: [string, boolean | 'none'][];
  review?: { after: number; category: string; modifiable: 'yes' | 'no' | 'insufficient'; domains: string[]; factors: string | null; learning: string };
}

const STORIES: Story[] = [
  { given: 'Elowen', family: 'Tregarthen', sex: 'F', ageDays: 24, ago: 6, place: 'home', placeDetail: null, expectation: 'unexpected', notifier: ['ambulance', 'Paramedic crew lead'],
    circumstances: 'Found unresponsive in the morning by her mother; resuscitation was attempted by the ambulance crew.', asked: [['police', false], ['community_health', false], ['gp', false]] },
  { given: 'Rafferty', family: 'Oakenshaw', sex: 'M', ageDays: 3 * 365 + 40, ago: 45, place: 'hospital', placeDetail: 'Brackenshire General Hospital', expectation: 'expected', notifier: ['hospital', 'Consultant paediatrician'],
    circumstances: 'Died on the children’s ward after a long illness, with his family present.', asked: [['hospital', true], ['gp', false], ['early_years', 'none']] },
  { given: 'Seren', family: 'Halloran', sex: 'F', ageDays: 15 * 365 + 100, ago: 95, place: 'public_place', placeDetail: 'Railway line near Millbourne', expectation: 'unexpected', notifier: ['police', 'Detective sergeant'],
    circumstances: 'Died at the scene. A joint agency response was held the next day.', asked: [['police', true], ['education', true], ['mental_health', true], ['social_care', 'none']] },
  { given: 'Tobiah', family: 'Fenwick', sex: 'M', ageDays: 2, ago: 210, place: 'hospital', placeDetail: 'Neonatal unit', expectation: 'expected', notifier: ['hospital', 'Neonatal consultant'],
    circumstances: 'Born at 24 weeks; died on the neonatal unit two days after birth.', asked: [['hospital', true], ['community_health', true]],
    review: { after: 150, category: 'perinatal', modifiable: 'no', domains: [], factors: null, learning: 'Care was of a good standard throughout. No learning for the partnership.' } },
  { given: 'Marnie', family: 'Quennell', sex: 'F', ageDays: 7 * 365 + 30, ago: 420, place: 'public_place', placeDetail: 'Sedgecombe reservoir', expectation: 'unexpected', notifier: ['police', 'Police constable'],
    circumstances: 'Drowned while swimming with friends on a hot day.', asked: [['police', true], ['education', true], ['gp', 'none']],
    review: { after: 190, category: 'trauma', modifiable: 'yes', domains: ['family', 'services'], factors: 'No supervision near open water; no warning signs at the reservoir.', learning: 'Water safety message to schools before the summer holidays; the council to review signs at open water.' } },
  { given: 'Albie', family: 'Pendleford', sex: 'M', ageDays: 110, ago: 500, place: 'home', placeDetail: null, expectation: 'unexpected', notifier: ['ambulance', 'Paramedic'],
    circumstances: 'Found unresponsive after sleeping on a sofa with a parent.', asked: [['police', true], ['community_health', true], ['gp', true], ['social_care', 'none']],
    review: { after: 240, category: 'sudden', modifiable: 'yes', domains: ['parenting'], factors: 'Co-sleeping on a sofa after parental alcohol use.', learning: 'Safer sleep advice to be repeated by health visitors at every contact; the task and finish group to share one consistent message.' } },
  { given: 'Imogen', family: 'Ravensworth', sex: 'F', ageDays: 11 * 365, ago: 380, place: 'hospital', placeDetail: 'Regional children’s hospital', expectation: 'expected', notifier: ['hospital', 'Palliative care nurse'],
    circumstances: 'Died after treatment for leukaemia.', asked: [['hospital', true], ['education', true]],
    review: { after: 120, category: 'malignancy', modifiable: 'insufficient', domains: [], factors: null, learning: 'Ask the regional hospital for its own mortality review before the next panel.' } },
];

/**
 * A handful of child deaths at every stage, each about a child added for the purpose (so no demo family's journey
 * is contradicted): a baby's unexpected death notified this week, a case with an overdue agency reply, one ready for
 * the panel, and reviews completed this year and last (so the figures have two years).
 */
export async function seedCdopDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const ruth = org.userIds['ruth.amesbury@cairn.example'];
  const cdop = org.agencyIds.cdop;
  if (!ruth || !cdop) return;
  for (const s of STORIES) {
    const diedOn = addCalendarDays(today, -s.ago);
    const childId = uuidv7();
    await db.insertInto('people').values({
      id: childId, person_type: 'child', given_name: s.given, family_name: s.family, date_of_birth: addCalendarDays(diedOn, -s.ageDays), date_of_death: diedOn, expected_date_of_delivery: null, sex: s.sex, gender: null,
      ethnicity: null, nhs_number: null, upn: null, language: null, disabilities: ['NONE'], allocated_team_id: null, merged_into: null, search_name: searchKey(s.given, s.family), created_by: ruth,
    }).execute();
    const id = uuidv7();
    const notifiedOn = addWorkingDays(diedOn, 1) > today ? today : addWorkingDays(diedOn, 1);
    const reviewedOn = s.review ? addCalendarDays(diedOn, s.review.after) : null;
    const unexpected = s.expectation === 'unexpected';
    const row: Insertable<CdopCasesTable> = {
      id, child_id: childId, died_on: diedOn, time_of_death: unexpected ? '07:40' : null, place: s.place, place_detail: s.placeDetail, expectation: s.expectation,
      rapid_response: unexpected ? 'held' : null, rapid_response_on: unexpected ? notifiedOn : null, notified_on: notifiedOn, notifying_agency: s.notifier[0], notifier_name: s.notifier[1], circumstances: s.circumstances,
      reviewed_on: reviewedOn, category: s.review?.category ?? null, modifiable: s.review?.modifiable ?? null, factor_domains: s.review?.domains ?? [], modifiable_factors: s.review?.factors ?? null,
      learning: s.review?.learning ?? null, ncmd_notified: s.review ? true : null, reviewed_by: s.review ? ruth : null, created_by: ruth, version: s.review ? 2 : 1,
    };
    await db.insertInto('cdop_cases').values(row).execute();
    const requests: Insertable<CdopRequestsTable>[] = s.asked.map(([agency, replied], i) => {
      const requestedOn = addWorkingDays(notifiedOn, 1) > today ? today : addWorkingDays(notifiedOn, 1);
      // The second request of a gathering case went out long enough ago to be overdue.
      const dueOn = !s.review && replied === false && i === 1 && s.ago > 30 ? addWorkingDays(requestedOn, 10) : returnDueFrom(requestedOn);
      const returnedOn = replied ? addWorkingDays(requestedOn, 8 + i) : null;
      return { case_id: id, agency, contact: null, requested_on: requestedOn, due_on: dueOn, returned_on: returnedOn && returnedOn > today ? today : returnedOn, not_held: replied === 'none',
        summary: replied === true ? 'Known to the service; involvement and contacts summarised for the panel.' : null, created_by: ruth, version: replied ? 2 : 1 };
    });
    await db.insertInto('cdop_requests').values(requests).execute();
    await db.insertInto('involvements').values({ person_id: childId, agency_id: cdop, basis: 'cdop', detail: 'Child death review', start_date: notifiedOn, end_date: reviewedOn, source_type: CDOP_RECORD, source_id: id, created_by: ruth }).execute();
    await db.insertInto('chronology').values({ person_id: childId, occurred_at: ukMoment(notifiedOn, '10:00')!, entry_type: 'cdop.notified', summary: CHILD_CHRONOLOGY_SUMMARY, agency_id: cdop, recorded_by: ruth, record_type: CDOP_RECORD, record_id: id }).execute();
  }
}
