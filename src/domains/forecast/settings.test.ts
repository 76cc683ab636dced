import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { BadRequestError, ConflictError, FieldProblem, NotFoundError } from '../../platform/http/errors.ts';
import { createScenario, deleteScenario, findScenario, listScenarios, readUnitCosts, saveUnitCosts, updateScenario } from './settings.ts';
import type { UnitCosts } from './types.ts';

const SHIPPED: UnitCosts = {
  weekly: {
    care_residential: 5500,
    care_fostering_agency: 950,
    care_fostering_in_house: 500,
    care_kinship: 350,
    care_other: 900,
    cp: 220,
    cin: 130,
    care_leaver: 150,
    early_help: 60,
  },
  annualInflationPercent: 3,
  priceBase: '2026-04-01',
};

describe('forecast settings: unit costs and scenarios', () => {
  let database: Connection;
  let analyst: string;
  before(async () => {
    database = await testDatabase();
    const agency = await database.db.insertInto('agencies').values({ name: 'Brackenshire Council', kind: 'social_care' }).returning('id').executeTakeFirstOrThrow();
    analyst = (await database.db.insertInto('users').values({ email: 'analyst@example.test', name: 'Ana Lyst', agency_id: agency.id, roles: ['analyst'] }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(() => database.close());

  it('ships plausible defaults for every state at version 1', async () => {
    const costs = await readUnitCosts(database.db);
    assert.deepEqual({ weekly: costs.weekly, annualInflationPercent: costs.annualInflationPercent, priceBase: costs.priceBase }, SHIPPED);
    assert.equal(costs.version, 1);
    assert.equal(costs.updatedBy, null);
  });

  it('saves changed costs in pounds and pence, moving the version and only the changed rows on', async () => {
    const read = await readUnitCosts(database.db);
    const changed = { ...SHIPPED, weekly: { ...SHIPPED.weekly, care_residential: 6123.45, early_help: 0 }, annualInflationPercent: 2.75, priceBase: '2025-04-01' };
    assert.equal(await saveUnitCosts(database.db, analyst, read.version, changed), read.version + 1);
    const after = await readUnitCosts(database.db);
    assert.deepEqual({ weekly: after.weekly, annualInflationPercent: after.annualInflationPercent, priceBase: after.priceBase }, changed);
    assert.equal(after.version, read.version + 1);
    assert.equal(after.updatedBy, analyst);
    const versions = Object.fromEntries((await database.db.selectFrom('forecast_unit_costs').select(['state', 'version']).execute()).map((r) => [r.state, r.version]));
    assert.equal(versions.care_residential, 2);
    assert.equal(versions.early_help, 2);
    assert.equal(versions.cp, 1, 'an unchanged cost keeps its version');
  });

  it('refuses to overwrite costs someone else saved first, changing nothing', async () => {
    const read = await readUnitCosts(database.db);
    await saveUnitCosts(database.db, analyst, read.version, { ...SHIPPED, weekly: { ...SHIPPED.weekly, cin: 140 } });
    await assert.rejects(saveUnitCosts(database.db, analyst, read.version, { ...SHIPPED, weekly: { ...SHIPPED.weekly, cin: 999 } }), ConflictError);
    const now = await readUnitCosts(database.db);
    assert.equal(now.weekly.cin, 140);
    assert.equal(now.version, read.version + 1);
  });

  it('refuses costs that are negative, beyond pence or missing, and inflation outside -10% to 50%', async () => {
    const { version } = await readUnitCosts(database.db);
    const bad: UnitCosts[] = [
      { ...SHIPPED, weekly: { ...SHIPPED.weekly, cp: -1 } },
      { ...SHIPPED, weekly: { ...SHIPPED.weekly, cp: 220.001 } },
      { ...SHIPPED, weekly: { ...SHIPPED.weekly, cp: Number.NaN } },
      { ...SHIPPED, weekly: { ...SHIPPED.weekly, cp: undefined as unknown as number } },
      { ...SHIPPED, annualInflationPercent: 50.01 },
      { ...SHIPPED, annualInflationPercent: -10.5 },
      { ...SHIPPED, priceBase: '2026-02-30' },
    ];
    for (const costs of bad) await assert.rejects(saveUnitCosts(database.db, analyst, version, costs), BadRequestError, JSON.stringify(costs));
    assert.equal((await readUnitCosts(database.db)).version, version, 'nothing was saved');
  });

  it('creates, lists, changes and deletes scenarios at the version read', async () => {
    const id = await createScenario(database.db, analyst, {
      name: 'Fewer residential entries',
      adjustments: [
        { kind: 'entries', to: 'care_residential', percent: -10 },
        { kind: 'share', from: 'care_residential', to: 'care_fostering_in_house', points: 5 },
      ],
    });
    await createScenario(database.db, analyst, { name: 'Early help grows', adjustments: [{ kind: 'entries', to: 'early_help', percent: 25.5 }] });
    assert.deepEqual((await listScenarios(database.db)).map((s) => s.name), ['Early help grows', 'Fewer residential entries']);
    const found = await findScenario(database.db, id);
    assert.deepEqual(found?.adjustments, [
      { kind: 'entries', to: 'care_residential', percent: -10 },
      { kind: 'share', from: 'care_residential', to: 'care_fostering_in_house', points: 5 },
    ]);
    assert.equal(found?.version, 1);

    await updateScenario(database.db, analyst, id, 1, { name: 'Step down from residential', adjustments: [{ kind: 'share', from: 'cp', to: 'not_known', points: -3 }] });
    const changed = await findScenario(database.db, id);
    assert.equal(changed?.name, 'Step down from residential');
    assert.deepEqual(changed?.adjustments, [{ kind: 'share', from: 'cp', to: 'not_known', points: -3 }]);
    assert.equal(changed?.version, 2);
    await assert.rejects(updateScenario(database.db, analyst, id, 1, { name: 'Stale', adjustments: [{ kind: 'entries', to: 'cp', percent: 1 }] }), ConflictError);
    await assert.rejects(deleteScenario(database.db, id, 1), ConflictError, 'a scenario changed since it was read is not deleted');
    assert.ok(await findScenario(database.db, id));

    await deleteScenario(database.db, id, 2);
    assert.equal(await findScenario(database.db, id), null);
    await assert.rejects(deleteScenario(database.db, id, 2), NotFoundError);
    await assert.rejects(updateScenario(database.db, analyst, id, 2, { name: 'Gone', adjustments: [{ kind: 'entries', to: 'cp', percent: 1 }] }), NotFoundError);
  });

  it('keeps names unique, ignoring capitals, and one scenario per idempotency key', async () => {
    const adjustments = [{ kind: 'entries' as const, to: 'cin' as const, percent: 10 }];
    const first = await createScenario(database.db, analyst, { name: 'More children in need', adjustments });
    await assert.rejects(createScenario(database.db, analyst, { name: '  more CHILDREN in need ', adjustments }), (error: unknown) => error instanceof FieldProblem && error.field === 'name');
    const other = await createScenario(database.db, analyst, { name: 'Another', adjustments });
    await assert.rejects(updateScenario(database.db, analyst, other, 1, { name: 'More Children In Need', adjustments }), FieldProblem);
    await updateScenario(database.db, analyst, first, 1, { name: 'More children in need', adjustments: [{ kind: 'entries', to: 'cin', percent: 12 }] });

    const key = uuidv7();
    const once = await createScenario(database.db, analyst, { name: 'Submitted twice', adjustments }, key);
    assert.equal(await createScenario(database.db, analyst, { name: 'Submitted twice', adjustments }, key), once);
    assert.equal((await listScenarios(database.db)).filter((s) => s.name === 'Submitted twice').length, 1);
  });

  it('refuses scenarios without a name, with no or too many changes, or with changes out of range', async () => {
    const entries = (percent: number) => ({ kind: 'entries' as const, to: 'cp' as const, percent });
    const bad = [
      { name: ' ', adjustments: [entries(5)] },
      { name: 'x'.repeat(81), adjustments: [entries(5)] },
      { name: 'None', adjustments: [] },
      { name: 'Six', adjustments: [1, 2, 3, 4, 5, 6].map(entries) },
      { name: 'Too low', adjustments: [entries(-101)] },
      { name: 'Too high', adjustments: [entries(200.5)] },
      { name: 'Same state', adjustments: [{ kind: 'share' as const, from: 'cin' as const, to: 'cin' as const, points: 5 }] },
      { name: 'Too many points', adjustments: [{ kind: 'share' as const, from: 'cin' as const, to: 'cp' as const, points: 101 }] },
      { name: 'Unknown state', adjustments: [{ kind: 'entries', to: 'prison', percent: 5 }] },
      { name: 'Pool has no entries', adjustments: [{ kind: 'entries', to: 'not_known', percent: 5 }] },
    ];
    for (const input of bad) {
      await assert.rejects(createScenario(database.db, analyst, input as Parameters<typeof createScenario>[2]), BadRequestError, input.name);
    }
    assert.equal((await listScenarios(database.db)).filter((s) => bad.some((b) => b.name === s.name)).length, 0);
  });
});
