import type { Kysely } from 'kysely';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { recordChronology } from '../chronology/service.ts';
import { HOW_FOR_CHRONOLOGY } from './labels.ts';
import type { CapturedHow } from './tables.ts';
import { SAID, WANTS } from './words.ts';

const HOWS: CapturedHow[] = ['alone', 'drawing', 'with_parent', 'advocate'];

/**
 * The child's views on demo children: most children on a child protection plan (by their social worker) and with
 * an open early help case (by the lead professional), each a few weeks ago and some again more recently. One child of
 * each is left without, so the pages show that too.
 */
export async function seedChildsVoiceDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const social = org.userIds['sam.rowe@cairn.example'];
  const early = org.userIds['kit.ellery@cairn.example'];
  if (!social || !early) return;
  // Children old enough to say what they think, or draw it (three and over).
  const oldEnough = addCalendarDays(today, -3 * 365 - 60);
  const onPlans = await db
    .selectFrom('cp_plans').innerJoin('people', 'people.id', 'cp_plans.person_id').select('cp_plans.person_id').distinct()
    .where('cp_plans.end_date', 'is', null).where('people.person_type', '=', 'child').where('people.date_of_birth', '<=', oldEnough).orderBy('cp_plans.person_id').execute();
  const inEarlyHelp = await db
    .selectFrom('early_help_cases').innerJoin('people', 'people.id', 'early_help_cases.person_id').select('early_help_cases.person_id').distinct()
    .where('early_help_cases.status', '=', 'open').where('people.person_type', '=', 'child').where('people.date_of_birth', '<=', oldEnough).orderBy('early_help_cases.person_id').execute();
  const children = [
    ...onPlans.slice(1, 5).map((c) => ({ personId: c.person_id, by: social, agencyId: org.agencyIds.csc!, plan: true })),
    ...inEarlyHelp.slice(0, Math.max(1, Math.min(4, inEarlyHelp.length - 1))).filter((c) => !onPlans.some((p) => p.person_id === c.person_id)).map((c) => ({ personId: c.person_id, by: early, agencyId: org.agencyIds.eh!, plan: false })),
  ];
  let n = 0;
  for (const child of children) {
    const times = n % 2 === 0 ? [40, 6] : [20];
    for (const ago of times) {
      const on = addCalendarDays(today, -ago - (n % 5));
      const how = HOWS[n % HOWS.length]!;
      const { id } = await db
        .insertInto('child_views')
        .values({
          person_id: child.personId, recorded_on: on, in_their_words: SAID[n % SAID.length]!, captured_how: how, captured_other: null,
          feel_home: 1 + (n % 5), feel_school: 1 + ((n + 2) % 5), feel_plan: 1 + ((n + 3) % 5), wants: WANTS[n % WANTS.length]!, created_by: child.by,
          created_at: new Date(`${on}T11:00:00Z`), updated_at: new Date(`${on}T11:00:00Z`),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChronology(db, { personId: child.personId, occurredAt: new Date(`${on}T11:00:00Z`), entryType: 'child.views_recorded', summary: `The child’s views recorded (${HOW_FOR_CHRONOLOGY[how]})`, agencyId: child.agencyId, recordedBy: child.by, recordType: 'child_views', recordId: id });
      n += 1;
    }
  }
}
