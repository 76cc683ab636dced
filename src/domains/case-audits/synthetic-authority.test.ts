import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';
const SEED = Number(process.env.CASE_AUDIT_SEED ?? 5);

describe('case audits in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: SEED, years: 3, end: END });
  });
  after(() => connection.close());

  it('audits children from their records, with a unique case number each and findings once complete', async () => {
    const db = connection.db;
    const audits = await db.selectFrom('case_audits').selectAll().execute();
    assert.ok(audits.length >= 1, 'some audits');
    for (const a of audits) assert.ok(a.period_to <= END && (a.state !== 'complete' || a.key_findings));
    const cases = await db.selectFrom('case_audit_cases as c').innerJoin('people as p', 'p.id', 'c.person_id').select(['c.audit_id', 'c.case_number', 'p.person_type']).execute();
    assert.ok(cases.every((c) => c.person_type === 'child'));
    assert.equal(new Set(cases.map((c) => `${c.audit_id}:${c.case_number}`)).size, cases.length);
    const answers = await db.selectFrom('case_audit_answers').select('grade').execute();
    assert.ok(answers.length > 0);
  });
});
