import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from './connection.ts';

interface Scratch {
  marks: { label: string };
}

/** The embedded engine: one PGlite session shared by every request. */
describe('the embedded database keeps each transaction to itself', () => {
  let close: () => Promise<void>;
  let db: Kysely<Scratch>;

  before(async () => {
    const connection = await openDatabase({ engine: 'embedded', dataDir: null });
    close = connection.close;
    db = connection.db as unknown as Kysely<Scratch>;
    await sql`CREATE TABLE marks (label text NOT NULL)`.execute(db);
  });
  after(() => close());

  const labels = async () => (await db.selectFrom('marks').select('label').orderBy('label').execute()).map((r) => r.label);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

  it('keeps another request’s write when a transaction open beside it rolls back', async () => {
    await db.deleteFrom('marks').execute();
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('marks').values({ label: 'rolled back' }).execute();
      await pause();
      throw new Error('the request failed');
    });
    await pause();
    // Before, this ran inside the open transaction above and vanished with its rollback.
    const beside = db.insertInto('marks').values({ label: 'kept' }).execute();
    await assert.rejects(failing, /the request failed/);
    await beside;
    assert.deepEqual(await labels(), ['kept']);
  });

  it('never shows another request rows a transaction has not committed', async () => {
    await db.deleteFrom('marks').execute();
    const writing = db.transaction().execute(async (trx) => {
      await trx.insertInto('marks').values({ label: 'never committed' }).execute();
      await pause();
      throw new Error('abandoned');
    });
    await pause();
    const seenBeside = await labels();
    await assert.rejects(writing);
    // Before, the read ran inside the open transaction and saw its row, which then never existed.
    assert.deepEqual(seenBeside, []);
  });

  it('lets code inside a transaction query through the outer handle without waiting for itself', async () => {
    await db.deleteFrom('marks').execute();
    const result = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        await trx.insertInto('marks').values({ label: 'inside' }).execute();
        return labels();
      });
    assert.deepEqual(result, ['inside']);
  });

  it('runs many requests side by side, each whole', async () => {
    await db.deleteFrom('marks').execute();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db
          .transaction()
          .execute(async (trx) => {
            await trx.insertInto('marks').values({ label: `t${String(i).padStart(2, '0')}` }).execute();
            if (i % 2) throw new Error('odd ones fail');
          })
          .catch(() => undefined),
      ),
    );
    assert.deepEqual(await labels(), Array.from({ length: 10 }, (_, i) => `t${String(i * 2).padStart(2, '0')}`));
  });
});
