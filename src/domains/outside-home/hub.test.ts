import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import { addCalendarDays, addMonths, ukToday } from '../../platform/calendar/working-days.ts';
import { agencyOf, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { groupChildren, namesInWords } from './hub-grouping.ts';
import { hubPage } from './hub-service.ts';

describe('MET hub agenda grouping, worked by hand', () => {
  it('joins children through any chain of links, ignores links to children not on the agenda, and leaves the rest alone', () => {
    const { groups, alone } = groupChildren(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [
      { childIds: ['a', 'b'], words: 'a and b: an association' },
      { childIds: ['b', 'c'], words: 'b and c are in a peer group' },
      { childIds: ['d', 'e', 'e'], words: 'd and e were at the park', place: { id: 'p', name: 'Park' } },
      { childIds: ['f', 'x'], words: 'f and someone not on the agenda' },
      { childIds: ['g'], words: 'g alone at a place', place: { id: 'q', name: 'Shop' } },
    ]);
    assert.deepEqual(groups.map((g) => g.childIds), [['a', 'b', 'c'], ['d', 'e']]);
    assert.deepEqual(groups[0]!.links.map((l) => l.words), ['a and b: an association', 'b and c are in a peer group']);
    assert.deepEqual(groups[0]!.places, []);
    assert.deepEqual(groups[1]!.places, [{ id: 'p', name: 'Park' }]);
    assert.deepEqual(alone, ['f', 'g']);
  });

  it('merges two groups when a later link joins them', () => {
    const { groups, alone } = groupChildren(['a', 'b', 'c', 'd'], [
      { childIds: ['a', 'b'], words: 'ab' },
      { childIds: ['c', 'd'], words: 'cd' },
      { childIds: ['d', 'a'], words: 'da' },
    ]);
    assert.deepEqual(groups.map((g) => [g.childIds, g.links.map((l) => l.words)]), [[['a', 'b', 'c', 'd'], ['ab', 'cd', 'da']]]);
    assert.deepEqual(alone, []);
  });

  it('puts names into words', () => {
    assert.equal(namesInWords(['Amy']), 'Amy');
    assert.equal(namesInWords(['Amy', 'Ben']), 'Amy and Ben');
    assert.equal(namesInWords(['Amy', 'Ben', 'Cal']), 'Amy, Ben and Cal');
  });
});

describe('the MET hub agenda on the database', () => {
  let t: TestApp;
  let sam: TestClient;
  let pat: TestClient;
  const kids: Record<string, string> = {};
  const ctxOf = async (email: string): Promise<RequestContext> => ({ db: t.db, actor: (await loadCurrentUser(t.db, await userIdOf(t.db, email)))!, requestId: 'test' });
  const today = ukToday();

  before(async () => {
    t = await testApp({ children: 10 });
    [sam, pat] = await Promise.all([t.signedIn(SAM), t.signedIn(PAT)]);
    const samId = await userIdOf(t.db, SAM);
    const school = await agencyOf(t.db, 'education');
    const names = { a: 'Aldous', b: 'Brigham', c: 'Cressida', d: 'Delphine', e: 'Evander', f: 'Fenwick', h: 'Hollis', l: 'Lorcan', m: 'Mirabel' };
    for (const [key, given] of Object.entries(names)) kids[key] = await insertTestPerson(t.db, { givenName: given, familyName: 'Hubworth', dateOfBirth: '2010-06-01', restricted: key === 'h' });
    for (const key of ['a', 'b']) await t.db.insertInto('involvements').values({ person_id: kids[key]!, agency_id: school, basis: 'consent', detail: 'test' }).execute();
    const screening = (key: string, level: 'low' | 'medium' | 'high', on = addCalendarDays(today, -20)) =>
      t.db.insertInto('exploitation_screenings').values({ person_id: kids[key]!, screened_on: on, sexual_exploitation: 'none', criminal_exploitation: level, trafficking: 'none', summary: 'Screened.', review_due: addMonths(on, 3), created_by: samId }).execute();
    for (const key of ['a', 'd', 'e', 'f']) await screening(key, 'high');
    await screening('b', 'medium');
    await screening('h', 'medium');
    await screening('l', 'low');
    await screening('m', 'medium', addMonths(today, -8));
    // Cressida is on the agenda through an open MET hub referral.
    const panel = (await t.db.insertInto('panels').values({ kind: 'met_hub', name: 'Hubworth MET hub', created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('panel_referrals').values({ panel_id: panel, person_id: kids.c!, route: 'screening', reason: 'Exploitation concerns.', referred_on: addCalendarDays(today, -10), referred_by: samId, referring_agency_id: school, status: 'open' }).execute();
    // Aldous–Brigham: an association; Brigham and Cressida: a peer group; Aldous and the hidden Hollis: an association.
    const association = (x: string, y: string) =>
      t.db.insertInto('associations').values({ person_id: kids[x]!, other_person_id: kids[y]!, nature: 'peer', source: 'police', confidence: 'likely', from_date: addCalendarDays(today, -60), created_by: samId }).execute();
    await association('a', 'b');
    await association('a', 'h');
    const group = (await t.db.insertInto('peer_groups').values({ name: 'Hubworth estate group', created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
    for (const key of ['b', 'c']) await t.db.insertInto('peer_group_members').values({ group_id: group, person_id: kids[key]!, from_date: addCalendarDays(today, -40), created_by: samId }).execute();
    // Delphine and Evander were both found when missing at the bus station; Fenwick and Hollis were at the takeaway;
    // Aldous and Fenwick at the park, but long ago.
    const place = async (name: string) => (await t.db.insertInto('places').values({ name, kind: 'other', created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
    const [station, takeaway, park] = [await place('Hubworth bus station'), await place('Hubworth takeaway'), await place('Hubworth park')];
    const incident = async (placeId: string, keys: string[], daysAgo: number, found = false) => {
      const occurred = new Date(Date.now() - daysAgo * 86_400_000);
      const episode = found
        ? (await t.db.insertInto('missing_episodes').values({ person_id: kids[keys[0]!]!, kind: 'missing', started_at: new Date(occurred.getTime() - 3_600_000), reported_at: occurred, risk_level: 'medium', circumstances: 'Did not come home.', returned_at: occurred, created_by: samId }).returning('id').executeTakeFirstOrThrow()).id
        : null;
      const id = (await t.db.insertInto('place_incidents').values({ place_id: placeId, kind: found ? 'found_missing' : 'sighting', occurred_at: occurred, source: 'police', summary: 'Recorded.', missing_episode_id: episode, created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
      await t.db.insertInto('place_incident_people').values(keys.map((k) => ({ incident_id: id, person_id: kids[k]! }))).execute();
    };
    await incident(station, ['d'], 10, true);
    await incident(station, ['e'], 12, true);
    await incident(takeaway, ['f', 'h'], 5);
    await incident(park, ['a', 'f'], 120);
  });
  after(() => t.close());

  const mine = (ids: readonly { id: string }[]) => ids.filter((c) => Object.values(kids).includes(c.id));
  const nameOf = (id: string) => Object.entries(kids).find(([, v]) => v === id)![0];

  it('groups what a social worker may see: an association chained to a peer group, a shared place; hidden children and old incidents join nobody', async () => {
    const page = await hubPage(await ctxOf(SAM));
    const groups = page.groups.map((g) => ({ keys: mine(g.children).map((c) => nameOf(c.id)), links: g.links, places: g.places.map((p) => p.name) })).filter((g) => g.keys.length);
    assert.deepEqual(groups.map((g) => g.keys), [['a', 'b', 'c'], ['d', 'e']]);
    assert.deepEqual(groups[0]!.links.sort(), [
      'Aldous Hubworth and Brigham Hubworth: an association (peer, likely)',
      'Brigham Hubworth and Cressida Hubworth are in the peer group Hubworth estate group',
    ]);
    assert.deepEqual(groups[1]!.links, [`Delphine Hubworth and Evander Hubworth were linked to Hubworth bus station in the last 90 days`]);
    assert.deepEqual(groups[1]!.places, ['Hubworth bus station']);
    assert.deepEqual(mine(page.alone).map((c) => nameOf(c.id)), ['f'], 'Fenwick is linked only to a hidden child and to an old incident');
    const found = page.foundMissing.filter((f) => f.place.name === 'Hubworth bus station');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.children.map((c) => nameOf(c.id)), ['d', 'e']);
    const cressida = page.groups.flatMap((g) => g.children).find((c) => c.id === kids.c)!;
    assert.match(cressida.reasons.join(), /Open to the MET hub \(Hubworth MET hub, referred/);

    const html = (await sam.get('/exploitation')).body;
    assert.match(html, /Aldous Hubworth/);
    for (const absent of ['Hollis', 'Lorcan', 'Mirabel', kids.h!]) assert.doesNotMatch(html, new RegExp(absent), `${absent} is not on the agenda`);
  });

  it('shows a partner only the children they may see, joined only by links whose ends they may see', async () => {
    const page = await hubPage(await ctxOf(PAT));
    const shown = [...page.groups.flatMap((g) => g.children), ...page.alone];
    assert.deepEqual(mine(shown).map((c) => nameOf(c.id)).sort(), ['a', 'b']);
    const group = page.groups.find((g) => g.children.some((c) => c.id === kids.a))!;
    assert.deepEqual(group.links, ['Aldous Hubworth and Brigham Hubworth: an association (peer, likely)']);
    assert.equal(page.foundMissing.filter((f) => f.place.name === 'Hubworth bus station').length, 0, 'Pat may see neither child found there');
    const html = (await pat.get('/exploitation')).body;
    for (const hidden of ['Cressida', 'Delphine', 'Evander', 'Fenwick', 'Hollis', 'in the peer group Hubworth']) assert.doesNotMatch(html, new RegExp(hidden));
    assert.match(html, /Hubworth estate group<\/a> \(1 member you can see/, 'the group is listed, counting only Brigham');
  });
});
