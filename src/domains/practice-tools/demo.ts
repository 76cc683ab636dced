import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { DISTANCE_TRAVELLED, type DefaultTool, QUALITY_OF_CARE } from '../../db/migrations/0031_practice_tools.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Database } from '../../db/types.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { SCORING_RECORD } from './service-scoring.ts';
import type { ContextType } from './tables.ts';
import { levelAt, makeScoring, spreadDates } from './trajectory.ts';

interface Run {
  tool: DefaultTool;
  personId: string;
  context: { type: ContextType; id: string } | null;
  /** The first date it can be scored (the case or plan started). */
  from: string;
  by: string;
  agencyId: string;
  levels: [number, number];
  notes: [string, string];
}

/**
 * Both default tools scored several times on a few demo children: Quality of Care for children on a child protection
 * plan for neglect (one improving, one getting worse), distance travelled at early help reviews (one improving, one
 * getting worse) and for a child at a MASG panel. Up to four scorings each, from when the plan or case began to today.
 */
export async function seedPracticeToolsDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const sam = org.userIds['sam.rowe@cairn.example'];
  const kit = org.userIds['kit.ellery@cairn.example'];
  const csc = org.agencyIds.csc;
  const eh = org.agencyIds.eh;
  if (!sam || !kit || !csc || !eh) return;
  const plans = await db
    .selectFrom('cp_plans')
    .select(['id', 'person_id', 'start_date'])
    .where('end_date', 'is', null)
    .where(sql<boolean>`'NEG' = ANY(categories)`)
    .where('start_date', '<=', addCalendarDays(today, -30))
    .orderBy('start_date')
    .limit(2)
    .execute();
  const cases = await db.selectFrom('early_help_cases').select(['id', 'person_id', 'opened_on']).where('status', '=', 'open').where('opened_on', '<=', addCalendarDays(today, -30)).orderBy('opened_on').limit(2).execute();
  const referral = await db
    .selectFrom('panel_referrals as r')
    .innerJoin('panels as p', 'p.id', 'r.panel_id')
    .select(['r.id', 'r.person_id', 'r.referred_on'])
    .where('p.kind', '=', 'masg')
    .where('r.status', '=', 'open')
    .where('r.person_id', 'not in', cases.length ? cases.map((c) => c.person_id) : [uuidv7()])
    .orderBy('r.referred_on')
    .executeTakeFirst();

  const runs: Run[] = [
    ...plans.map((p, i): Run => ({
      tool: QUALITY_OF_CARE, personId: p.person_id, context: { type: 'cp_plan', id: p.id }, from: p.start_date, by: sam, agencyId: csc,
      levels: i === 0 ? [4, 2] : [3, 4],
      notes: i === 0 ? ['Little food in the house; the children were hungry at school on Monday.', 'Meals planned with the family support worker; the fridge was stocked at the visit.'] : ['Home cluttered but safe; school uniform clean.', 'The bedroom has no bedding and the child missed two health appointments.'],
    })),
    ...cases.map((c, i): Run => ({
      tool: DISTANCE_TRAVELLED, personId: c.person_id, context: { type: 'early_help', id: c.id }, from: c.opened_on, by: kit, agencyId: eh,
      levels: i === 0 ? [3, 7] : [6, 4],
      notes: i === 0 ? ['Mum says mornings are chaos and school is a battle.', 'A morning routine is working; attendance up to 95%.'] : ['Family settled; keen to keep the routines going.', 'Rent arrears have returned and the children are arguing more at home.'],
    })),
    ...(referral ? [{ tool: DISTANCE_TRAVELLED, personId: referral.person_id, context: { type: 'panel_referral' as const, id: referral.id }, from: referral.referred_on, by: kit, agencyId: eh, levels: [4, 6] as [number, number], notes: ['Scored with the family before the MASG discussion.', 'Scored again for the MASG review.'] as [string, string] }] : []),
  ];

  for (const run of runs) {
    const dates = spreadDates(run.from > addCalendarDays(today, -240) ? run.from : addCalendarDays(today, -240), today, 4);
    for (const [k, on] of dates.entries()) {
      const made = makeScoring(run.tool, { id: uuidv7(), personId: run.personId, on, by: run.by, context: run.context }, levelAt(run.levels[0], run.levels[1], k, dates.length), undefined, k === 0 ? run.notes[0] : k === dates.length - 1 ? run.notes[1] : null);
      await db.insertInto('practice_tool_scorings').values({ ...made.scoring, created_at: new Date(`${on}T10:00:00Z`), updated_at: new Date(`${on}T10:00:00Z`) }).execute();
      await db.insertInto('practice_tool_scoring_domains').values(made.domains).execute();
      if (made.items.length) await db.insertInto('practice_tool_scoring_items').values(made.items).execute();
      await db.insertInto('chronology').values({ person_id: run.personId, occurred_at: new Date(`${on}T10:00:00Z`), entry_type: 'practice_tool.scored', summary: made.summary, agency_id: run.agencyId, recorded_by: run.by, record_type: SCORING_RECORD, record_id: made.scoring.id }).execute();
    }
  }
}
