import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';

const END = '2025-03-31';
/** A seed whose tiny authority has serious incidents (a few a year at peterborough scale is well under one at tiny). */
const SEED = Number(process.env.PRACTICE_REVIEW_SEED ?? 5);

describe('practice reviews in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    await generateAuthority(connection.db, { scale: 'tiny', seed: SEED, years: 3, end: END });
  });
  after(() => connection.close());

  it('refers children known to social care, the partnership involved, with actions on the recommendations', async () => {
    const db = connection.db;
    const reviews = await db.selectFrom('practice_reviews').selectAll().execute();
    assert.ok(reviews.length >= 1 && reviews.length <= 12, `a few reviews: ${reviews.length}`);
    assert.equal(new Set(reviews.map((r) => r.reference)).size, reviews.length, 'references are unique');
    for (const r of reviews) assert.ok(r.aware_on <= END && (!r.published_on || r.published_on <= END));
    const children = await db.selectFrom('practice_review_children as k').innerJoin('people as p', 'p.id', 'k.person_id').select(['k.person_id', 'p.person_type']).execute();
    assert.equal(children.length, reviews.length);
    assert.ok(children.every((c) => c.person_type === 'child'));
    const partnership = await db.selectFrom('agencies').select('id').where('name', '=', 'Brackenshire Safeguarding Children Partnership').executeTakeFirstOrThrow();
    const involvements = await db.selectFrom('involvements').select(['agency_id', 'person_id']).where('basis', '=', 'practice_review').execute();
    assert.equal(involvements.length, reviews.length);
    assert.ok(involvements.every((i) => i.agency_id === partnership.id));
    const entries = await db.selectFrom('chronology').select('record_id').where('entry_type', '=', 'practice_review.referred').execute();
    assert.equal(entries.length, reviews.length);
    const actions = await db.selectFrom('practice_review_actions as a').innerJoin('practice_reviews as r', 'r.id', 'a.review_id').select(['a.rag', 'a.evidence', 'r.decision']).execute();
    assert.ok(actions.every((a) => a.decision !== null && (a.rag !== 'complete' || a.evidence)));
  });
});
