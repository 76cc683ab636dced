import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Connection } from '../../db/connection.ts';
import { seedDemoIfEmpty } from '../../demo/seed.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { type Catalogue, readCatalogue } from '../backup/repository.ts';
import { checkPersonDataMap } from './check-map.ts';
import { type LinkRole, PERSON_DATA_MAP, type PersonTable, personTables } from './person-data-map.ts';
import { personRows } from './repository.ts';

let connection: Connection;
let catalogue: Catalogue;
const schema = async () => (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(connection.db)).rows[0]!.s;

before(async () => {
  connection = await testDatabase({ name: 'demo-40', run: (db) => seedDemoIfEmpty(db, { children: 40 }).then(() => undefined) });
  catalogue = await readCatalogue(connection.db, await schema());
});
after(() => connection.close());

describe('the person-data map', () => {
  it('declares every table in the schema, and every column that references people', () => {
    assert.deepEqual(checkPersonDataMap(catalogue), []);
  });

  it('fails for a table a migration adds without declaring it', async () => {
    await sql`CREATE TABLE map_probe_notes (id uuid PRIMARY KEY, person_id uuid REFERENCES people(id), note text)`.execute(connection.db);
    try {
      const withProbe = await readCatalogue(connection.db, await schema());
      const problems = checkPersonDataMap(withProbe);
      assert.deepEqual(problems, ['Table map_probe_notes is not declared in the person-data map (src/platform/governance/person-data-map.ts).']);
      // Declared as not about a person, its reference to people still gives it away.
      const wrong = checkPersonDataMap(withProbe, { ...PERSON_DATA_MAP, map_probe_notes: { about: 'none', reason: 'test' } });
      assert.match(wrong.join('\n'), /map_probe_notes references people \(person_id\)/);
      // Declared through a column it does not have.
      const badLink = checkPersonDataMap(withProbe, {
        ...PERSON_DATA_MAP,
        map_probe_notes: { about: 'person', recordType: 'Note', capability: 'Test', links: [{ column: 'child_id', role: 'subject' }] },
      });
      assert.match(badLink.join('\n'), /no column child_id/);
      assert.match(badLink.join('\n'), /map_probe_notes.person_id references people but no link/);
      const good = checkPersonDataMap(withProbe, {
        ...PERSON_DATA_MAP,
        map_probe_notes: { about: 'person', recordType: 'Note', capability: 'Test', links: [{ column: 'person_id', role: 'subject' }] },
      });
      assert.deepEqual(good, []);
    } finally {
      await sql`DROP TABLE map_probe_notes`.execute(connection.db);
    }
  });

  it('reports a parent chain that goes round in a circle', () => {
    const problems = checkPersonDataMap(catalogue, {
      ...PERSON_DATA_MAP,
      lado_meetings: { about: 'person', recordType: 'x', capability: 'x', links: [{ parent: 'lado_actions', column: 'case_id' }] },
      lado_actions: { about: 'person', recordType: 'x', capability: 'x', links: [{ parent: 'lado_meetings', column: 'meeting_id' }] },
    });
    assert.match(problems.join('\n'), /lado_actions never reaches a person/);
  });
});

/**
 * An independent walk of the map, one row at a time in JavaScript, to check the set-based SQL of `personRows`:
 * the people a given row is linked to, and how.
 */
async function peopleOfRow(tableName: string, row: Record<string, unknown>, depth = 0): Promise<Map<string, LinkRole>> {
  const found = new Map<string, LinkRole>();
  const add = (id: unknown, role: LinkRole) => {
    if (typeof id === 'string' && found.get(id) !== 'subject') found.set(id, role);
  };
  const declared = PERSON_DATA_MAP[tableName] as PersonTable;
  const matches = (r: Record<string, unknown>, when?: { column: string; is?: string; isNot?: string }) =>
    !when || ('is' in when ? r[when.column] === when.is : r[when.column] !== when.isNot);
  for (const link of declared.links) {
    if ('through' in link) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(link.through)} WHERE ${sql.ref(link.key)} = ${row.id}`.execute(connection.db);
      for (const j of rows) if (matches(j, link.when)) add(j[link.person], link.role);
    } else if ('parent' in link) {
      if (!matches(row, link.when) || row[link.column] == null || depth > 6) continue;
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(link.parent)} WHERE ${sql.ref(link.parentKey ?? 'id')} = ${row[link.column]}`.execute(connection.db);
      for (const p of rows) for (const [id, role] of await peopleOfRow(link.parent, p, depth + 1)) add(id, role);
    } else if (matches(row, link.when)) {
      add(row[link.column], link.role);
    }
  }
  return found;
}

describe('personRows', () => {
  it('finds, in every capability with demo data, each row as the row-by-row walk of the map says', async () => {
    const covered = new Set<string>();
    for (const [tableName, declared] of personTables()) {
      if (!catalogue.tables.some((t) => t.name === tableName)) continue;
      // Some rows reach nobody by design (a disagreement need not name a child): the first that reaches someone.
      const { rows: candidates } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(tableName)} ORDER BY 1 LIMIT 50`.execute(connection.db);
      let rows: Record<string, unknown>[] = [];
      let people = new Map<string, LinkRole>();
      for (const candidate of candidates) {
        people = await peopleOfRow(tableName, candidate);
        if (people.size) {
          rows = [candidate];
          break;
        }
      }
      if (!rows.length) continue;
      const [personId, role] = [...people][0]!;
      const found = (await personRows(connection.db, personId, { only: [tableName] }))[0];
      assert.ok(found, `${tableName}: nothing found for the person its first row reaches`);
      const key = catalogue.tables.find((t) => t.name === tableName)!.key.map((k) => String(rows[0]![k.name])).join('/');
      const match = found.rows.find((r) => r.id === key);
      assert.ok(match, `${tableName}: row ${key} not found`);
      assert.equal(match.role, role, `${tableName}: linked as ${match.role}, the walk says ${role}`);
      assert.equal(found.capability, declared.capability);
      covered.add(declared.capability);
    }
    // Every capability with rows in the demo (care leavers and documents have none yet) was found through a person.
    const expected = new Set<string>();
    for (const [tableName, declared] of personTables()) {
      if (!catalogue.tables.some((t) => t.name === tableName)) continue;
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(tableName)}`.execute(connection.db);
      if (rows[0]!.n > 0) expected.add(declared.capability);
    }
    assert.ok(expected.size >= 15, `only ${expected.size} capabilities have demo rows`);
    assert.deepEqual([...expected].filter((c) => !covered.has(c)), [], 'capabilities whose rows were not found through a person');
  });

  it('marks a relative in someone else’s relationship, and a household member on a contact, as mentioned', async () => {
    const rel = await connection.db.selectFrom('relationships').select(['id', 'person_id', 'related_person_id']).limit(1).executeTakeFirstOrThrow();
    const forRelated = await personRows(connection.db, rel.related_person_id, { only: ['relationships'] });
    assert.equal(forRelated[0]!.rows.find((r) => r.id === rel.id)?.role, 'mentioned');
    const forPerson = await personRows(connection.db, rel.person_id, { only: ['relationships'] });
    assert.equal(forPerson[0]!.rows.find((r) => r.id === rel.id)?.role, 'subject');

    const household = await connection.db.selectFrom('contact_people').select(['contact_id', 'person_id']).where('role', '=', 'household').limit(1).executeTakeFirstOrThrow();
    const forAdult = await personRows(connection.db, household.person_id, { only: ['contacts', 'contact_people', 'contact_checks'] });
    const contact = forAdult.find((t) => t.table === 'contacts')!.rows.find((r) => r.id === household.contact_id);
    assert.equal(contact?.role, 'mentioned');
    const child = await connection.db.selectFrom('contact_people').select('person_id').where('contact_id', '=', household.contact_id).where('role', '=', 'child').limit(1).executeTakeFirstOrThrow();
    const forChild = await personRows(connection.db, child.person_id, { only: ['contacts'] });
    assert.equal(forChild[0]!.rows.find((r) => r.id === household.contact_id)?.role, 'subject');
  });

  it('gathers a demo child’s record across capabilities, dated and with the full row', async () => {
    const { rows } = await sql<{ person_id: string }>`
      SELECT person_id FROM chronology GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1`.execute(connection.db);
    const tables = await personRows(connection.db, rows[0]!.person_id);
    const names = tables.map((t) => t.table);
    for (const t of ['people', 'chronology', 'relationships']) assert.ok(names.includes(t), `${t} missing`);
    assert.ok(new Set(tables.map((t) => t.capability)).size >= 4, `only ${[...new Set(tables.map((t) => t.capability))].join(', ')}`);
    const chronology = tables.find((t) => t.table === 'chronology')!;
    assert.ok(chronology.rows.every((r) => r.date && r.data.person_id === rows[0]!.person_id));
  });

  it('includes rows recorded against a duplicate merged into the person', async () => {
    const [a, b] = await connection.db.selectFrom('people').select('id').where('person_type', '=', 'adult').orderBy('id').limit(2).execute();
    await connection.db.updateTable('people').set({ merged_into: a!.id }).where('id', '=', b!.id).execute();
    try {
      const tables = await personRows(connection.db, a!.id, { only: ['people'] });
      assert.deepEqual(tables[0]!.rows.map((r) => r.id).sort(), [a!.id, b!.id].sort());
    } finally {
      await connection.db.updateTable('people').set({ merged_into: null }).where('id', '=', b!.id).execute();
    }
  });
});
