import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { CaseFilter } from './labels.ts';

/** SQL for lists of cases: the early help service's caseload, a practitioner's own cases, a child's cases. */

type Eb = ExpressionBuilder<Database, 'early_help_cases'>;

const registered = (eb: Eb) =>
  eb.exists(
    eb
      .selectFrom('early_help_assessments')
      .select('early_help_assessments.id')
      .whereRef('early_help_assessments.case_id', '=', 'early_help_cases.id')
      .where('early_help_assessments.status', '=', 'registered'),
  );

function cases(db: Kysely<Database>) {
  return db
    .selectFrom('early_help_cases')
    .innerJoin('people', 'people.id', 'early_help_cases.person_id')
    .leftJoin('users as lead', 'lead.id', 'early_help_cases.lead_professional_id')
    .leftJoin('agencies as lead_agency', 'lead_agency.id', 'early_help_cases.lead_agency_id');
}

function select(q: ReturnType<typeof cases>) {
  return q.select((eb) => [
    'early_help_cases.id',
    'early_help_cases.person_id',
    'early_help_cases.status',
    'early_help_cases.source',
    'early_help_cases.locality',
    'early_help_cases.opened_on',
    'early_help_cases.closed_on',
    'early_help_cases.closure_reason',
    'early_help_cases.next_review_due',
    'early_help_cases.lead_professional_id',
    'early_help_cases.step_up_contact_id',
    'people.given_name',
    'people.family_name',
    'lead.name as lead_name',
    'lead_agency.name as lead_agency_name',
    registered(eb).as('registered'),
  ]);
}
export type CaseListRow = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

/** The early help service's list, filtered by stage and locality, one page at a time. */
export async function listCases(
  db: Kysely<Database>,
  f: { filter: CaseFilter; locality: string | null; today: string },
  page: { limit: number; offset: number },
): Promise<{ rows: CaseListRow[]; total: number }> {
  let q = cases(db);
  const open = f.filter !== 'closed';
  q = q.where('early_help_cases.status', '=', open ? 'open' : 'closed');
  if (f.filter === 'awaiting_allocation') q = q.where('early_help_cases.lead_professional_id', 'is', null);
  if (f.filter === 'assessment') q = q.where('early_help_cases.lead_professional_id', 'is not', null).where((eb) => eb.not(registered(eb)));
  if (f.filter === 'plan') q = q.where((eb) => registered(eb));
  if (f.filter === 'review_overdue') q = q.where('early_help_cases.next_review_due', '<', f.today);
  if (f.locality) q = q.where('early_help_cases.locality', '=', f.locality);
  const [rows, count] = await Promise.all([
    select(q)
      .orderBy(open ? sql`early_help_cases.next_review_due ASC NULLS FIRST` : sql`early_help_cases.closed_on DESC`)
      .orderBy('early_help_cases.opened_on')
      .orderBy('early_help_cases.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Cases the user leads or sits on the Team Around the Child of: open first, then the latest closed. */
export function listCasesOf(db: Kysely<Database>, userId: string) {
  return select(
    cases(db).where((eb) =>
      eb.or([
        eb('early_help_cases.lead_professional_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('tac_members')
            .select('tac_members.id')
            .whereRef('tac_members.case_id', '=', 'early_help_cases.id')
            .where('tac_members.user_id', '=', userId)
            .where('tac_members.ended_on', 'is', null),
        ),
      ]),
    ),
  )
    .orderBy(sql`early_help_cases.status = 'open'`, 'desc')
    .orderBy(sql`early_help_cases.next_review_due ASC NULLS FIRST`)
    .orderBy('early_help_cases.closed_on', 'desc')
    .limit(200)
    .execute();
}

/** A child's cases, newest first. */
export const listCasesForPerson = (db: Kysely<Database>, personId: string) =>
  select(cases(db).where('early_help_cases.person_id', '=', personId)).orderBy('early_help_cases.opened_on', 'desc').orderBy('early_help_cases.id', 'desc').execute();
