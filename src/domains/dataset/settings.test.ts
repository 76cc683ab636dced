import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestConnection } from '../../../test/support/database.ts';
import type { Actor } from '../../platform/access/rules.ts';
import { BadRequestError, ConflictError } from '../../platform/http/errors.ts';
import { benchmarksFor, benchmarkUnit, formatBenchmark, saveBenchmark, storedBenchmark } from './benchmarks.ts';
import { INDICATORS } from './indicators/index.ts';
import { datasetInputLinks, saveSuppressionThreshold, suppressionSetting, suppressionThreshold } from './settings.ts';

describe('targets and comparators', () => {
  let t: TestConnection;
  let actor: string;
  before(async () => {
    t = await testDatabase();
    const agency = await t.db.insertInto('agencies').values({ name: 'Brackenshire Council', kind: 'social_care' }).returning('id').executeTakeFirstOrThrow();
    actor = (await t.db.insertInto('users').values({ email: 'analyst@example.test', name: 'Ana Lyst', agency_id: agency.id, roles: ['analyst'] }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('gives every indicator in the registry a benchmark, falling back to its standing target', async () => {
    const [first, second, third] = INDICATORS as [(typeof INDICATORS)[number], (typeof INDICATORS)[number], (typeof INDICATORS)[number]];
    const standing = [first.target, second.target];
    first.target = 42;
    second.target = 7;
    try {
      await t.db
        .insertInto('indicator_benchmarks')
        .values([
          { indicator_id: first.id, year: 2024, target: null, statistical_neighbours: '53.4', england: 41.6, note: 'From the board' },
          { indicator_id: second.id, year: 2024, target: 9.5, statistical_neighbours: null, england: null },
          { indicator_id: third.id, year: 2023, target: 1, statistical_neighbours: 2, england: 3 },
          { indicator_id: 'retired_indicator', year: 2024, target: 5, statistical_neighbours: null, england: null },
        ])
        .execute();
      const map = await benchmarksFor(t.db, 2024);
      for (const indicator of INDICATORS) assert.ok(map.has(indicator.id), indicator.id);
      assert.deepEqual(map.get(first.id), { target: 42, statisticalNeighbours: 53.4, england: 41.6, note: 'From the board' }, 'no target this year: the standing one');
      assert.deepEqual(map.get(second.id), { target: 9.5, statisticalNeighbours: null, england: null, note: '' }, "the year's own target wins");
      assert.deepEqual(map.get(third.id), { target: third.target ?? null, statisticalNeighbours: null, england: null, note: '' }, 'another year’s figures are not used');
      assert.equal(map.get('retired_indicator')?.target, 5, 'a row for an id not in the registry is kept');
      assert.equal((await benchmarksFor(t.db, 2030)).get(first.id)?.target, 42);
    } finally {
      first.target = standing[0];
      second.target = standing[1];
      await t.db.deleteFrom('indicator_benchmarks').execute();
    }
  });

  it('creates a row at version 0, updates it at the version read, and refuses a stale version', async () => {
    const id = INDICATORS[0]!.id;
    const input = { indicatorId: id, year: 2025, target: 10, statisticalNeighbours: 11.25, england: null, note: 'First' };
    assert.equal(await saveBenchmark(t.db, actor, 0, input), 1);
    assert.equal(await saveBenchmark(t.db, actor, 0, input), 1, 'the same form sent twice saves once');
    await assert.rejects(saveBenchmark(t.db, actor, 0, { ...input, note: 'Someone else also created it' }), ConflictError);
    assert.equal(await saveBenchmark(t.db, actor, 1, { ...input, target: null, note: 'Second' }), 2);
    await assert.rejects(saveBenchmark(t.db, actor, 1, { ...input, note: 'Stale' }), ConflictError);
    const stored = await storedBenchmark(t.db, id, 2025);
    assert.deepEqual({ ...stored, updatedAt: null }, { indicatorId: id, year: 2025, target: null, statisticalNeighbours: 11.25, england: null, note: 'Second', version: 2, updatedAt: null, updatedBy: actor });
    assert.equal((await storedBenchmark(t.db, id, 2026)).version, 0);
    await assert.rejects(saveBenchmark(t.db, actor, 0, { ...input, indicatorId: 'no_such_indicator' }));
  });

  it('shows figures in their unit', () => {
    assert.equal(benchmarkUnit({ measure: 'percent' }), 'percent');
    assert.equal(benchmarkUnit({ measure: 'count', ratePer10k: true }), 'rate');
    assert.equal(benchmarkUnit({ measure: 'people' }), 'count');
    assert.equal(formatBenchmark(74, 'percent'), '74%');
    assert.equal(formatBenchmark(53.4, 'rate'), '53.4 per 10,000');
    assert.equal(formatBenchmark(1250, 'count'), '1,250');
    assert.equal(formatBenchmark(null, 'count'), '');
  });
});

describe('the suppression threshold', () => {
  let t: TestConnection;
  let actor: string;
  before(async () => {
    t = await testDatabase();
    const agency = await t.db.insertInto('agencies').values({ name: 'Brackenshire Council', kind: 'social_care' }).returning('id').executeTakeFirstOrThrow();
    actor = (await t.db.insertInto('users').values({ email: 'analyst@example.test', name: 'Ana Lyst', agency_id: agency.id, roles: ['analyst'] }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('starts at 5, changes at the version read, and refuses a stale version or a threshold out of range', async () => {
    const start = await suppressionSetting(t.db);
    assert.deepEqual([start.threshold, start.version, start.updatedBy], [5, 1, null]);
    assert.equal(await saveSuppressionThreshold(t.db, actor, 1, 10), 2);
    assert.equal(await saveSuppressionThreshold(t.db, actor, 1, 10), 2, 'the same form sent twice saves once');
    assert.equal(await suppressionThreshold(t.db), 10);
    await assert.rejects(saveSuppressionThreshold(t.db, actor, 1, 3), ConflictError);
    for (const bad of [-1, 21, 2.5]) await assert.rejects(saveSuppressionThreshold(t.db, actor, 2, bad), BadRequestError);
    assert.equal(await saveSuppressionThreshold(t.db, actor, 2, 0), 3);
    assert.equal(await suppressionThreshold(t.db), 0);
    assert.equal((await suppressionSetting(t.db)).updatedBy, actor);
  });

  it('links the dataset’s inputs for those who may see or change them', () => {
    const as = (...roles: string[]) => ({ id: 'x', agencyId: 'y', agencyKind: 'social_care', roles, teamIds: [] }) as unknown as Actor;
    assert.deepEqual(
      datasetInputLinks(as('analyst')).map((l) => l.href),
      ['/dataset/population', '/dataset/targets', '/dataset/settings'],
    );
    assert.deepEqual(
      datasetInputLinks(as('board_member')).map((l) => l.href),
      ['/dataset/population', '/dataset/targets'],
    );
    assert.deepEqual(datasetInputLinks(as('practitioner')), []);
  });
});
