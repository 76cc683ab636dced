import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import { HEADER_COUNT_SECONDS, headerCounts } from './header-count.ts';

describe('the count beside “Your work”', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ children: 20 });
  });
  after(() => t?.close());

  /** A multi-agency check for the user's agency, requested long ago: one more overdue item for them. */
  const addOverdueCheck = async (agencyId: string, by: string) => {
    const contact = await t.db.selectFrom('contacts').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db.insertInto('contact_checks').values({ contact_id: contact.id, agency_id: agencyId, question: 'Known to you?', requested_by: by, requested_at: new Date('2026-01-05T10:00:00Z') }).execute();
  };

  it('is kept for half a minute, read afresh after it or once a change is made', async () => {
    const user = await t.db.selectFrom('users').select(['id', 'agency_id']).where('email', '=', 'sam.rowe@cairn.example').executeTakeFirstOrThrow();
    const ctx = { db: t.db, actor: (await loadCurrentUser(t.db, user.id))!, requestId: 'test' };
    let clock = 1_000_000;
    const counts = headerCounts(() => clock);
    const first = await counts.read(ctx);

    await addOverdueCheck(user.agency_id, user.id);
    assert.deepEqual(await counts.read(ctx), first, 'within the half minute the kept count is shown');
    clock += HEADER_COUNT_SECONDS * 1000;
    const later = await counts.read(ctx);
    assert.equal(later.total, first.total + 1);
    assert.equal(later.overdue, first.overdue + 1);

    await addOverdueCheck(user.agency_id, user.id);
    counts.forget();
    assert.equal((await counts.read(ctx)).total, first.total + 2, 'a change forgets every kept count');
  });

  it('shows a change made through the service on the next page', async () => {
    const sam = await t.signedIn('sam.rowe@cairn.example');
    const before = /Your work \((\d+)/.exec((await sam.get('/people')).body)?.[1];
    const user = await t.db.selectFrom('users').select(['id', 'agency_id']).where('email', '=', 'sam.rowe@cairn.example').executeTakeFirstOrThrow();
    await addOverdueCheck(user.agency_id, user.id);
    // Any change through the app (here a search, which is POSTed) forgets the kept counts.
    await sam.post('/people/search', { name: 'Nobody' });
    const after = /Your work \((\d+)/.exec((await sam.get('/people')).body)?.[1];
    assert.equal(Number(after), Number(before) + 1);
  });
});
