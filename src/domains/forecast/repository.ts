/**
 * The forecast's reads: the spells children spend in each service and the children of the area by date of birth.
 * Only the columns the month-end states need, each table read once for a whole window however many months it has,
 * so the kent authority (half a million children) is a handful of queries rather than one per child or month.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/** The services a child can be open to, before placements split care into its five states. */
export type Service = 'care' | 'cp' | 'cin' | 'care_leaver' | 'early_help';

export interface ServiceSpell {
  personId: string;
  service: Service;
  start: string;
  /** The day it ended (the child is no longer open to it on that day), or null while open. */
  end: string | null;
  /** 903 PLACE and PLACE_PROVIDER, for care episodes only. */
  placementType: string | null;
  placementProvider: string | null;
}

export interface KnownChild {
  personId: string;
  dateOfBirth: string;
  dateOfDeath: string | null;
}

/**
 * The children the population counts: the person index's children (not adults, not the unborn, whose records carry no
 * date of birth), born, and not a duplicate merged into another record — the same children as the figures page.
 */
function countedChild<DB extends Database, TB extends keyof DB & 'people'>(eb: ExpressionBuilder<DB, TB>) {
  const people = eb as unknown as ExpressionBuilder<Database, 'people'>;
  return people.and([people('people.person_type', '=', 'child'), people('people.merged_into', 'is', null), people('people.date_of_birth', 'is not', null)]);
}

/**
 * Every spell in any service that was open at some moment from `from` to `to` (both inclusive), for counted children,
 * with the children's dates of birth and death. A spell open on no day at all (it ended the day it started) is left
 * out: it was never open at a month end. Referrals that led to no further action are not children in need. The
 * services' spells are gathered first and joined to the person index once: at kent's size one pass over a million
 * people rather than five.
 */
export async function readServiceSpells(db: Kysely<Database>, from: string, to: string): Promise<{ spells: ServiceSpell[]; children: KnownChild[] }> {
  const none = sql<string | null>`null`;
  const spells = db
    .selectFrom('care_episodes as s')
    .select((eb) => ['s.person_id', sql<Service>`'care'`.as('service'), 's.start_date as start', 's.end_date as end', eb.ref('s.placement_type').$castTo<string | null>().as('placement_type'), 's.placement_provider'])
    .where('s.start_date', '<=', to)
    .where((eb) => eb.or([eb('s.end_date', 'is', null), eb.and([eb('s.end_date', '>', from), eb('s.end_date', '>', eb.ref('s.start_date'))])]))
    .unionAll(
      db
        .selectFrom('cp_plans as s')
        .select(['s.person_id', sql<Service>`'cp'`.as('service'), 's.start_date as start', 's.end_date as end', none.as('placement_type'), none.as('placement_provider')])
        .where('s.start_date', '<=', to)
        .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>', from)])),
    )
    .unionAll(
      db
        .selectFrom('cin_episodes as s')
        .select(['s.person_id', sql<Service>`'cin'`.as('service'), 's.referral_date as start', 's.closure_date as end', none.as('placement_type'), none.as('placement_provider')])
        .where('s.referral_nfa', '=', false)
        .where('s.referral_date', '<=', to)
        .where((eb) => eb.or([eb('s.closure_date', 'is', null), eb.and([eb('s.closure_date', '>', from), eb('s.closure_date', '>', eb.ref('s.referral_date'))])])),
    )
    .unionAll(
      db
        .selectFrom('care_leavers as s')
        .select(['s.person_id', sql<Service>`'care_leaver'`.as('service'), 's.opened_on as start', 's.closed_on as end', none.as('placement_type'), none.as('placement_provider')])
        .where('s.opened_on', '<=', to)
        .where((eb) => eb.or([eb('s.closed_on', 'is', null), eb.and([eb('s.closed_on', '>', from), eb('s.closed_on', '>', eb.ref('s.opened_on'))])])),
    )
    .unionAll(
      db
        .selectFrom('early_help_cases as s')
        .select(['s.person_id', sql<Service>`'early_help'`.as('service'), 's.opened_on as start', 's.closed_on as end', none.as('placement_type'), none.as('placement_provider')])
        .where('s.opened_on', '<=', to)
        .where((eb) => eb.or([eb('s.closed_on', 'is', null), eb.and([eb('s.closed_on', '>', from), eb('s.closed_on', '>', eb.ref('s.opened_on'))])])),
    );
  const rows = await db
    .selectFrom(spells.as('spell'))
    .innerJoin('people', 'people.id', 'spell.person_id')
    .select(['spell.person_id', 'spell.service', 'spell.start', 'spell.end', 'spell.placement_type', 'spell.placement_provider', 'people.date_of_birth', 'people.date_of_death'])
    .where(countedChild)
    .execute();

  const children = new Map<string, KnownChild>();
  for (const r of rows) {
    if (!children.has(r.person_id)) children.set(r.person_id, { personId: r.person_id, dateOfBirth: r.date_of_birth!, dateOfDeath: r.date_of_death });
  }
  return {
    spells: rows.map((r) => ({ personId: r.person_id, service: r.service, start: r.start, end: r.end, placementType: r.placement_type, placementProvider: r.placement_provider })),
    children: [...children.values()],
  };
}

/**
 * Counted children born after `bornAfter` and by `bornBy`, grouped by date of birth and of death: a few thousand rows
 * (one per birthday) from which the population of every age band at every month end is worked out in memory.
 */
export async function readBirthsAndDeaths(db: Kysely<Database>, bornAfter: string, bornBy: string): Promise<{ dateOfBirth: string; dateOfDeath: string | null; children: number }[]> {
  const rows = await db
    .selectFrom('people')
    .select(['people.date_of_birth', 'people.date_of_death', (eb) => eb.fn.countAll<string>().as('children')])
    .where(countedChild)
    .where('people.date_of_birth', '>', bornAfter)
    .where('people.date_of_birth', '<=', bornBy)
    .groupBy(['people.date_of_birth', 'people.date_of_death'])
    .execute();
  return rows.map((r) => ({ dateOfBirth: r.date_of_birth!, dateOfDeath: r.date_of_death, children: Number(r.children) }));
}
