import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { readCatalogue } from '../../platform/backup/repository.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { personIds, type PersonTableRows, personRows } from '../../platform/governance/repository.ts';
import { type RenderLookups, renderRow } from './sar-render.ts';
import * as repo from './sar-repository.ts';
import type { SarItemsTable } from './sar-tables.ts';
import { auditSar, loadRequest, SAR_MACHINE } from './sar-service.ts';

/** A SAR's own bundle and redactions are copies of other records: compiling them again would copy the copies. */
const NOT_COMPILED = ['sar_items', 'sar_redactions'];

/** Every id in the rows that a foreign key (or a user column) says is a person, a user or an agency. */
function referencedIds(tables: PersonTableRows[], references: Map<string, string>) {
  const ids = { people: new Set<string>(), users: new Set<string>() };
  for (const t of tables) {
    for (const row of t.rows) {
      for (const [column, value] of Object.entries(row.data)) {
        if (typeof value !== 'string') continue;
        const target = references.get(`${t.table}.${column}`) ?? (['created_by', 'recorded_by', 'updated_by', 'user_id'].includes(column) ? 'users' : null);
        if (target === 'people') ids.people.add(value);
        else if (target === 'users') ids.users.add(value);
      }
    }
  }
  return ids;
}

async function lookupsFor(db: Kysely<Database>, subjectIds: string[], tables: PersonTableRows[]): Promise<RenderLookups> {
  const { rows } = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db);
  const catalogue = await readCatalogue(db, rows[0]!.s);
  const references = new Map<string, string>();
  for (const fk of catalogue.foreignKeys) {
    const column = /FOREIGN KEY \(([^),]+)\)/.exec(fk.definition)?.[1]?.trim();
    if (column) references.set(`${fk.child}.${column}`, fk.parent);
  }
  const ids = referencedIds(tables, references);
  const people = await repo.peopleNames(db, [...ids.people]);
  const users = await repo.usersWithAgency(db, [...ids.users]);
  const agencies = await repo.agencyNames(db);
  return {
    subjectIds: new Set(subjectIds),
    people: new Map(people.map((p) => [p.id, { name: `${p.given_name} ${p.family_name}`, child: p.person_type !== 'adult' }])),
    users: new Map(users.map((u) => [u.id, { name: u.name, agency: u.agency }])),
    agencies: new Map(agencies.map((a) => [a.id, a.name])),
    references,
  };
}

/**
 * The bundle as it reads now: every row about the subject (the person-data map: their chronology and the access
 * audit of who viewed their record included), rendered with ids resolved or hidden and codes labelled, each with
 * the redactions suggested for it.
 */
export async function bundleItems(db: Kysely<Database>, requestId: string, personId: string): Promise<Insertable<SarItemsTable>[]> {
  const subjectIds = await personIds(db, personId);
  const tables = await personRows(db, personId, { exclude: NOT_COMPILED });
  const lookups = await lookupsFor(db, subjectIds, tables);
  const subjectGiven = new Set([...lookups.subjectIds].map((i) => lookups.people.get(i)?.name.split(' ')[0]).filter(Boolean));
  const otherNames = [...lookups.people].filter(([pid, p]) => !lookups.subjectIds.has(pid) && !subjectGiven.has(p.name.split(' ')[0])).map(([, p]) => p);
  let position = 0;
  return tables.flatMap((t) =>
    t.rows.map((row) => {
      const rendered = renderRow(t.table, row.data, lookups, otherNames);
      return {
        request_id: requestId,
        position: position++,
        source_table: t.table,
        source_id: row.id,
        capability: t.capability,
        record_type: t.recordType,
        link_role: row.role,
        item_date: row.date,
        fields: JSON.stringify(rendered.fields),
        suggestions: JSON.stringify(rendered.suggestions),
      };
    }),
  );
}

/**
 * Takes the bundle and stores it as a fixed copy the review works on. Compiling again (before disclosure) replaces
 * the copy: redactions on records still in it are carried over to the same record and field, others are dropped,
 * and a completed review must be completed again.
 */
export async function compileBundle(ctx: RequestContext, id: string, version: number): Promise<{ items: number; carried: number; dropped: number }> {
  const request = await loadRequest(ctx, id);
  if (request.version !== version) throw new ConflictError('This request was changed by someone else after you opened it. Nothing has been compiled.');
  // Compiling again is allowed until disclosure; a closed request says what may follow it (nothing).
  if (!['received', 'compiling', 'in_review'].includes(request.status)) SAR_MACHINE.assert(request.status, 'compiling');
  const items = await bundleItems(ctx.db, id, request.person_id);

  return ctx.db.transaction().execute(async (trx) => {
    const previous = await repo.activeRedactions(trx, id);
    await repo.deleteItems(trx, id);
    const inserted = await repo.insertItems(trx, items);
    const bySource = new Map(inserted.map((i) => [`${i.source_table}/${i.source_id}`, i.id]));
    const fieldsOf = new Map(items.map((i) => [`${i.source_table}/${i.source_id}`, new Set((JSON.parse(i.fields) as { column: string }[]).map((f) => f.column))]));
    let carried = 0;
    for (const r of previous) {
      const key = `${r.source_table}/${r.source_id}`;
      const itemId = bySource.get(key);
      if (!itemId || (r.field && !fieldsOf.get(key)?.has(r.field))) continue;
      await trx.insertInto('sar_redactions').values({ request_id: id, item_id: itemId, field: r.field, reason: r.reason, note: r.note, created_by: r.created_by }).execute();
      carried++;
    }
    const saved = await updateAtVersion(trx, 'sar_requests', id, version, {
      status: request.status === 'received' ? 'compiling' : request.status,
      compiled_at: new Date(),
      compiled_by: ctx.actor.id,
      review_completed_at: null,
      review_completed_by: null,
    });
    if (!saved) throw new ConflictError('This request was changed by someone else after you opened it. Nothing has been compiled.');
    await auditSar(trx, ctx, 'sar.compile', request);
    return { items: items.length, carried, dropped: previous.length - carried };
  });
}
