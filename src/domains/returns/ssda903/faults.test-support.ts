import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { CollectionPeriod } from '../engine.ts';

/**
 * Corrupts known records in a test database the way real data goes wrong, one fault a child, and says which
 * 903 rule must report each: the seeded-fault test proves the export carries the fault through and the rule
 * catches it. Writes straight to the tables, past the forms that would refuse these faults.
 */
export interface SeededFault {
  rule: string;
  /** The child's return identifier (people.return_id), as the failure names them. */
  child: string;
  what: string;
}

export async function seed903Faults(db: Kysely<Database>, period: CollectionPeriod): Promise<SeededFault[]> {
  // Children looked after in the year with two or more episodes first: some faults need a pair.
  const rows = await db
    .selectFrom('care_episodes')
    .innerJoin('people', 'people.id', 'care_episodes.person_id')
    .select(['care_episodes.id', 'care_episodes.person_id', 'care_episodes.start_date', 'care_episodes.end_date', 'care_episodes.placement_type', 'people.return_id'])
    .where('care_episodes.start_date', '<=', period.end)
    .where((eb) => eb.or([eb('care_episodes.end_date', 'is', null), eb('care_episodes.end_date', '>=', period.start)]))
    .orderBy('care_episodes.person_id')
    .orderBy('care_episodes.start_date')
    .execute();
  const byPerson = new Map<string, typeof rows>();
  for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
  const children = [...byPerson.values()].sort((a, b) => b.length - a.length);
  if (children.length < 4) throw new Error('Seeding 903 faults needs four children looked after in the year');
  const faults: SeededFault[] = [];

  // 1. Overlapping episodes: the second starts a day before the first ends.
  const pair = children.find((c) => c.length >= 2 && c[0]!.end_date) ?? children[0]!;
  if (pair.length >= 2 && pair[0]!.end_date) {
    const [first, second] = [pair[0]!, pair[1]!];
    const day = new Date(`${first.end_date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - 1);
    await db.updateTable('care_episodes').set({ start_date: day.toISOString().slice(0, 10) }).where('id', '=', second.id).execute();
    faults.push({ rule: '501', child: first.return_id, what: 'episodes overlap' });
  } else {
    // 1'. Or a stray episode entered inside the open one (the database refuses two open episodes, not this).
    const only = pair[0]!;
    const copy = await db.selectFrom('care_episodes').selectAll().where('id', '=', only.id).executeTakeFirstOrThrow();
    const day = new Date(`${only.start_date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 7);
    const { id: _id, created_at: _c, updated_at: _u, version: _v, ...values } = copy;
    const start = day.toISOString().slice(0, 10);
    day.setUTCDate(day.getUTCDate() + 7);
    await db.insertInto('care_episodes').values({ ...values, start_date: start, end_date: day.toISOString().slice(0, 10), reason_ceased: 'X1', reason_new_episode: 'P' }).execute();
    faults.push({ rule: '142', child: only.return_id, what: 'an episode entered inside the open one' });
  }
  const rest = children.filter((c) => c !== pair);

  // 2. Ethnicity lost from the person record.
  await db.updateTable('people').set({ ethnicity: null }).where('id', '=', rest[0]![0]!.person_id).execute();
  faults.push({ rule: '103', child: rest[0]![0]!.return_id, what: 'no ethnicity' });

  // 3. A foster placement with its Ofsted URN missing.
  const fostered = rest.slice(1).find((c) => c.some((e) => /^U[1-6]$/.test(e.placement_type)))!;
  const placement = fostered.find((e) => /^U[1-6]$/.test(e.placement_type))!;
  await db.updateTable('care_episodes').set({ urn: null }).where('id', '=', placement.id).execute();
  faults.push({ rule: '218', child: placement.return_id, what: 'no URN' });

  // 4. A review recorded as "child under 4" for a child who is older (every demo child in care is 4 or over).
  const reviewed = await db
    .selectFrom('care_reviews')
    .innerJoin('people', 'people.id', 'care_reviews.person_id')
    .select(['care_reviews.id', 'people.return_id'])
    .where('care_reviews.held_on', '>=', period.start)
    .where('care_reviews.held_on', '<=', period.end)
    .where('people.date_of_birth', '<', `${period.year - 5}-04-01`)
    .executeTakeFirstOrThrow();
  await db.updateTable('care_reviews').set({ participation: 'PN0' }).where('id', '=', reviewed.id).execute();
  faults.push({ rule: '440', child: reviewed.return_id, what: 'PN0 for an older child' });

  // 5. An unborn-style UPN reason for a school-age child.
  const older = await db
    .selectFrom('people')
    .select(['id', 'return_id'])
    .where('id', 'in', rest.map((c) => c[0]!.person_id))
    .where('date_of_birth', '<', `${period.year - 7}-04-01`)
    .executeTakeFirstOrThrow();
  await db.updateTable('people').set({ upn: 'UN1' }).where('id', '=', older.id).execute();
  faults.push({ rule: '209', child: older.return_id, what: 'UN1 at school age' });
  return faults;
}
