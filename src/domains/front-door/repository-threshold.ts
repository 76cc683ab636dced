import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

export const listLevels = (db: Kysely<Database>) =>
  db.selectFrom('threshold_levels').select(['level', 'name', 'descriptor', 'version']).orderBy('level').execute();

export const findLevel = (db: Kysely<Database>, level: number) =>
  db.selectFrom('threshold_levels').select(['level', 'name', 'descriptor', 'version']).where('level', '=', level).executeTakeFirst();

export const listDomains = (db: Kysely<Database>, options: { activeOnly: boolean }) => {
  let query = db.selectFrom('threshold_domains').select(['id', 'name', 'description', 'sort_order', 'active', 'version']);
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.orderBy('sort_order').orderBy('name').execute();
};
export type DomainRow = Awaited<ReturnType<typeof listDomains>>[number];

export const findDomain = (db: Kysely<Database>, id: string) =>
  db.selectFrom('threshold_domains').select(['id', 'name', 'description', 'sort_order', 'active', 'version']).where('id', '=', id).executeTakeFirst();

export const findDomainByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('threshold_domains').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

export const listDescriptors = (db: Kysely<Database>, domainIds?: readonly string[]) => {
  let query = db.selectFrom('threshold_descriptors').select(['domain_id', 'level', 'descriptor', 'version']);
  if (domainIds) {
    if (!domainIds.length) return Promise.resolve([]);
    query = query.where('domain_id', 'in', domainIds);
  }
  return query.orderBy('level').execute();
};

export async function updateLevelAtVersion(db: Kysely<Database>, level: number, version: number, values: { name: string; descriptor: string }): Promise<boolean> {
  const row = await db
    .updateTable('threshold_levels')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('level', '=', level)
    .where('version', '=', version)
    .returning('level')
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateDomainAtVersion(
  db: Kysely<Database>,
  id: string,
  version: number,
  values: Partial<{ name: string; description: string; sort_order: number; active: boolean }>,
): Promise<boolean> {
  const row = await db
    .updateTable('threshold_domains')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateDescriptorAtVersion(db: Kysely<Database>, domainId: string, level: number, version: number, descriptor: string): Promise<boolean> {
  const row = await db
    .updateTable('threshold_descriptors')
    .set({ descriptor, version: sql`version + 1`, updated_at: new Date() })
    .where('domain_id', '=', domainId)
    .where('level', '=', level)
    .where('version', '=', version)
    .returning('domain_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDomain(
  db: Kysely<Database>,
  values: { id: string; name: string; description: string; descriptors: Record<number, string>; createdBy: string },
): Promise<void> {
  const last = await db.selectFrom('threshold_domains').select(sql<number>`coalesce(max(sort_order), 0)`.as('max')).executeTakeFirstOrThrow();
  await db
    .insertInto('threshold_domains')
    .values({ id: values.id, name: values.name, description: values.description, sort_order: Number(last.max) + 10, created_by: values.createdBy })
    .execute();
  await db
    .insertInto('threshold_descriptors')
    .values(Object.entries(values.descriptors).map(([level, descriptor]) => ({ domain_id: values.id, level: Number(level), descriptor, created_by: values.createdBy })))
    .execute();
}

/** Swaps two domains' places in the order, each at the version the administrator saw. */
export async function swapOrder(db: Kysely<Database>, a: { id: string; version: number; sort_order: number }, b: { id: string; sort_order: number }): Promise<boolean> {
  if (!(await updateDomainAtVersion(db, a.id, a.version, { sort_order: b.sort_order }))) return false;
  await db.updateTable('threshold_domains').set({ sort_order: a.sort_order, version: sql`version + 1`, updated_at: new Date() }).where('id', '=', b.id).execute();
  return true;
}
