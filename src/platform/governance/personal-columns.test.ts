import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Connection } from '../../db/connection.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { readCatalogue } from '../backup/repository.ts';
import { personTables } from './person-data-map.ts';
import { checkPersonalColumns, PERSONAL_COLUMNS } from './personal-columns.ts';

let connection: Connection;
const schema = async () => (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(connection.db)).rows[0]!.s;
const personTableNames = () => personTables().map(([name]) => name);

before(async () => {
  connection = await testDatabase();
});
after(() => connection.close());

describe('the classification of personal columns for destruction', () => {
  it('classifies every text, varchar, json and bytea column of every table about a person', async () => {
    const catalogue = await readCatalogue(connection.db, await schema());
    assert.deepEqual(checkPersonalColumns(catalogue, personTableNames()), []);
  });

  it('fails for a new column, a new table, a misspelt column and a column in both lists', async () => {
    await sql`ALTER TABLE chronology ADD COLUMN probe_note text`.execute(connection.db);
    await sql`CREATE TABLE probe_things (id uuid PRIMARY KEY, person_id uuid, details jsonb)`.execute(connection.db);
    try {
      const catalogue = await readCatalogue(connection.db, await schema());
      const problems = checkPersonalColumns(catalogue, [...personTableNames(), 'probe_things']);
      assert.deepEqual(problems, [
        'Column chronology.probe_note (text) is not classified as personal (cleared) or statistical (kept) in PERSONAL_COLUMNS.',
        'Table probe_things is about a person but has no entry in PERSONAL_COLUMNS (src/platform/governance/personal-columns.ts).',
      ]);
      const wrong = checkPersonalColumns(catalogue, ['visits'], { visits: { clear: ['notes', 'purpose', 'note'], keep: ['purpose'] } });
      assert.deepEqual(wrong, ['Column visits.purpose is both cleared and kept.', 'Column visits.note is classified but does not exist.']);
    } finally {
      await sql`ALTER TABLE chronology DROP COLUMN probe_note`.execute(connection.db);
      await sql`DROP TABLE probe_things`.execute(connection.db);
    }
  });

  it('classifies only tables the person-data map knows', () => {
    const known = new Set(personTableNames());
    assert.deepEqual(Object.keys(PERSONAL_COLUMNS).filter((t) => !known.has(t)), []);
  });
});
