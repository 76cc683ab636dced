import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { agencyOf, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { associationsAmong } from './associations-service.ts';

const LEE = 'lee.marsh@cairn.example';
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const association = (other: string, key: string, overrides: Record<string, string> = {}) => ({
  action: 'save', otherPersonId: other, idempotencyKey: key, nature: 'friend', source: 'school', confidence: 'likely',
  ...dateFields('fromDate', addCalendarDays(ukToday(), -30)), notes: 'Seen together at the bus station after school.', ...overrides,
});

describe('associations and the network page', () => {
  let t: TestApp;
  let sam: TestClient;
  let child: string;
  let peer: string;
  let adult: string;
  before(async () => {
    t = await testApp({ children: 10 });
    sam = await t.signedIn(SAM);
    child = await insertTestPerson(t.db, { givenName: 'Tamsin', familyName: 'Larkhill', dateOfBirth: '2011-04-02' });
    peer = await insertTestPerson(t.db, { givenName: 'Oren', familyName: 'Larkhill', dateOfBirth: '2010-09-12' });
    adult = await insertTestPerson(t.db, { givenName: 'Dmitri', familyName: 'Larkhill', dateOfBirth: '1990-01-20', personType: 'adult' });
  });
  after(() => t.close());

  const ctxOf = async (email: string): Promise<RequestContext> => ({ db: t.db, actor: (await loadCurrentUser(t.db, await userIdOf(t.db, email)))!, requestId: uuidv7() });
  const record = async (client: TestClient, subject: string, other: string, overrides: Record<string, string> = {}) => {
    const saved = await client.post(`/people/${subject}/associations/new`, association(other, uuidv7(), overrides));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
    return (await t.db.selectFrom('associations').select(['id', 'version']).orderBy('created_at', 'desc').executeTakeFirstOrThrow());
  };

  it('finds the other person, keeps bad input with its errors, records one association per submission and never names the other in the chronology', async () => {
    const empty = await sam.get(`/people/${child}/network`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /No current associations to show/);
    assert.match(empty.body, /role="img"/);
    assert.match((await sam.get(`/people/${child}`)).body, new RegExp(`href="/people/${child}/network"`), 'the record links to the network');

    const form = await sam.get(`/people/${child}/associations/new`);
    assert.equal(form.statusCode, 200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    assert.equal((await sam.post(`/people/${child}/associations/new`, { action: 'search', idempotencyKey: key })).statusCode, 400, 'a search needs a name or date of birth');
    const found = await sam.post(`/people/${child}/associations/new`, { action: 'search', searchName: 'Larkhill', idempotencyKey: key });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(`value="choose:${peer}"`));
    assert.match(found.body, new RegExp(`value="choose:${adult}"`));
    assert.doesNotMatch(found.body, new RegExp(`value="choose:${child}"`), 'not the child themselves');
    assert.match(found.body, new RegExp(`name="idempotencyKey" value="${key}"`), 'the key is kept between steps');
    const chosen = await sam.post(`/people/${child}/associations/new`, { action: `choose:${peer}`, idempotencyKey: key });
    assert.equal(chosen.statusCode, 200);
    assert.match(chosen.body, /Oren Larkhill/);
    assert.match(chosen.body, new RegExp(`name="otherPersonId" value="${peer}"`));
    assert.equal((await sam.post(`/people/${child}/associations/new`, { action: `choose:${child}`, idempotencyKey: key })).statusCode, 400);

    const bad = await sam.post(`/people/${child}/associations/new`, association(peer, key, { nature: '', confidence: '', 'fromDate-day': '31', 'fromDate-month': '2' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Select how they are associated/);
    assert.match(bad.body, /Select how confident you are of the association/);
    assert.match(bad.body, /Seen together at the bus station after school\./, 'what was typed is kept');
    assert.match(bad.body, /value="school" selected/);
    const future = await sam.post(`/people/${child}/associations/new`, association(peer, key, dateFields('fromDate', addCalendarDays(ukToday(), 2))));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /first known must be today or in the past/);
    const backwards = await sam.post(`/people/${child}/associations/new`, association(peer, key, dateFields('toDate', addCalendarDays(ukToday(), -40))));
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /must be the same as or after the date it was first known/);

    const first = await sam.post(`/people/${child}/associations/new`, association(peer, key));
    assert.equal(first.statusCode, 303, first.body.slice(0, 3000));
    assert.equal(first.headers.location, `/people/${child}/network#associations`);
    const again = await sam.post(`/people/${child}/associations/new`, association(peer, key));
    assert.equal(again.statusCode, 303, 'a repeated submission is answered as the first');
    const rows = await t.db.selectFrom('associations').selectAll().where('person_id', 'in', [child, peer]).execute();
    assert.equal(rows.length, 1, 'one association');
    assert.equal(rows[0]!.person_id, child);
    assert.equal(rows[0]!.other_person_id, peer);

    for (const person of [child, peer]) {
      const entries = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('person_id', '=', person).where('record_id', '=', rows[0]!.id).execute();
      assert.deepEqual(entries, [{ summary: 'An association with another young person was recorded (likely)', entry_type: 'association.recorded' }]);
    }
    const page = await sam.get(`/people/${child}/network`);
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/people/${peer}">Oren Larkhill</a>`));
    assert.match(page.body, />Oren Larkhill<\/text>/, 'the graph names the peer');
    assert.match(page.body, /linked to 1 young person, 0 adults/);
    assert.match((await sam.get(`/people/${peer}/network`)).body, /Tamsin Larkhill/, 'and the peer’s network shows the child');
    const duplicate = await sam.post(`/people/${peer}/associations/new`, association(child, uuidv7()));
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /already recorded and has not ended/);
  });

  it('keeps natures to the people they describe', async () => {
    const peerAsExploiter = await sam.post(`/people/${child}/associations/new`, association(adult, uuidv7(), { nature: 'peer' }));
    assert.equal(peerAsExploiter.statusCode, 400);
    assert.match(peerAsExploiter.body, /describes another young person/);
    assert.match(peerAsExploiter.body, /Dmitri Larkhill/, 'the person chosen is kept');
    const other = await insertTestPerson(t.db, { givenName: 'Nell', familyName: 'Corrie', dateOfBirth: '2012-02-02' });
    const childAsAdult = await sam.post(`/people/${child}/associations/new`, association(other, uuidv7(), { nature: 'suspected_exploiter' }));
    assert.equal(childAsAdult.statusCode, 400);
    assert.match(childAsAdult.body, /describes an adult/);
    const { id } = await record(sam, adult, child, { nature: 'suspected_exploiter', confidence: 'confirmed', source: 'police' });
    const row = await t.db.selectFrom('associations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.person_id, child, 'the child first, even when recorded from the adult’s record');
    const entries = await t.db.selectFrom('chronology').select('summary').where('record_id', '=', id).execute();
    assert.deepEqual(entries.map((e) => e.summary), ['An association with an adult was recorded (confirmed)'], 'on the child only, without a name');
    assert.ok(!entries.some((e) => /Dmitri|Larkhill/.test(e.summary)));
  });

  it('ends an association at the version read: a stale version is a conflict, a bad date is kept with its error', async () => {
    const other = await insertTestPerson(t.db, { givenName: 'Piran', familyName: 'Wold', dateOfBirth: '2010-03-03' });
    const { id, version } = await record(sam, child, other);
    const url = `/people/${child}/associations/${id}/end`;
    const form = await sam.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Piran Wold/);
    const early = await sam.post(url, { ...dateFields('toDate', addCalendarDays(ukToday(), -60)), version: String(version) });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /must be on or after/);
    assert.match(early.body, new RegExp(`name="toDate-year"[^>]*value="${addCalendarDays(ukToday(), -60).slice(0, 4)}"`));
    const missing = await sam.post(url, { version: String(version) });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter the date the association ended/);

    await t.db.updateTable('associations').set({ notes: 'Changed by someone else', version: version + 1 }).where('id', '=', id).execute();
    const stale = await sam.post(url, { ...dateFields('toDate', ukToday()), version: String(version) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed this association after you opened it/);
    assert.equal((await t.db.selectFrom('associations').select('to_date').where('id', '=', id).executeTakeFirstOrThrow()).to_date, null, 'nothing overwritten');

    const ended = await sam.post(url, { ...dateFields('toDate', ukToday()), version: String(version + 1) });
    assert.equal(ended.statusCode, 303, ended.body.slice(0, 2000));
    assert.equal((await t.db.selectFrom('associations').select('to_date').where('id', '=', id).executeTakeFirstOrThrow()).to_date, ukToday());
    const entries = await t.db.selectFrom('chronology').select('summary').where('record_id', '=', id).where('entry_type', '=', 'association.ended').execute();
    assert.equal(entries.length, 2, 'on both children');
    assert.ok(entries.every((e) => /^An association with another young person ended on /.test(e.summary)));
    const today = await sam.get(`/people/${child}/network`);
    assert.match(today.body, /Piran Wold/, 'an association ending today still stands today');
  });

  it('shows an association only to a user who may see both people; break-glass on the other person then shows it', async () => {
    const shared = await insertTestPerson(t.db, { givenName: 'Isla', familyName: 'Brennock', dateOfBirth: '2011-06-06' });
    const hidden = await insertTestPerson(t.db, { givenName: 'Ruari', familyName: 'Brennock', dateOfBirth: '1995-06-06', personType: 'adult' });
    await t.db.insertInto('involvements').values({ person_id: shared, agency_id: await agencyOf(t.db, 'education'), basis: 'consent', detail: 'test' }).execute();
    const { id } = await record(sam, shared, hidden, { nature: 'adult_of_concern', confidence: 'possible', source: 'police' });

    const pat = await t.signedIn(PAT);
    const network = await pat.get(`/people/${shared}/network`);
    assert.equal(network.statusCode, 200);
    assert.doesNotMatch(network.body, /Ruari/);
    assert.doesNotMatch(network.body, new RegExp(hidden));
    assert.doesNotMatch(network.body, new RegExp(id));
    assert.match(network.body, /No current associations to show/);
    assert.match(network.body, /linked to 0 young people, 0 adults/, 'not even counted');
    assert.doesNotMatch(network.body, /Ended associations/);
    assert.equal((await pat.get(`/people/${shared}/associations/${id}/end`)).statusCode, 404, 'as if there were none');
    assert.equal((await pat.post(`/people/${shared}/associations/${id}/end`, { ...dateFields('toDate', ukToday()), version: '1' })).statusCode, 404);
    assert.deepEqual(await associationsAmong(await ctxOf(PAT), [shared, hidden]), []);
    assert.equal((await pat.get(`/people/${hidden}/network`)).statusCode, 403, 'the other person’s network is theirs to see only');
    const search = await pat.post(`/people/${shared}/associations/new`, { action: 'search', searchName: 'Brennock' });
    assert.doesNotMatch(search.body, new RegExp(`choose:${hidden}`), 'only people the user may see are offered');
    const forced = await pat.post(`/people/${shared}/associations/new`, association(hidden, uuidv7(), { nature: 'other' }));
    assert.equal(forced.statusCode, 400);
    assert.match(forced.body, /Choose a person from the search results/);
    assert.equal((await t.db.selectFrom('associations').select('id').where('other_person_id', '=', hidden).execute()).length, 1, 'nothing recorded');

    const sams = await associationsAmong(await ctxOf(SAM), [shared]);
    assert.deepEqual(sams.map((a) => [a.id, a.personId, a.otherPersonId, a.nature]), [[id, shared, hidden, 'adult_of_concern']]);

    const glass = await pat.post(`/people/${hidden}/break-glass`, { reason: 'Police say this adult is with the child now; urgent safety planning.', declaration: 'yes' });
    assert.equal(glass.statusCode, 303, glass.body.slice(0, 2000));
    const opened = await pat.get(`/people/${shared}/network`);
    assert.match(opened.body, /Ruari Brennock/);
    assert.match(opened.body, /Adult of concern/);
    assert.match(opened.body, /linked to 0 young people, 1 adult/);
    assert.deepEqual((await associationsAmong(await ctxOf(PAT), [shared])).map((a) => a.id), [id]);
  });

  it('shows the child’s peer groups with their other members the user may see, and the places from their incidents', async () => {
    const kid = await insertTestPerson(t.db, { givenName: 'Fenella', familyName: 'Ashdown', dateOfBirth: '2011-01-01' });
    const mate = await insertTestPerson(t.db, { givenName: 'Caspian', familyName: 'Ashdown', dateOfBirth: '2011-02-02' });
    const secret = await insertTestPerson(t.db, { givenName: 'Thorne', familyName: 'Ashdown', dateOfBirth: '2011-03-03', restricted: true });
    const group = await t.db.insertInto('peer_groups').values({ name: 'Millbrook Underpass group', locality: 'North' }).returning('id').executeTakeFirstOrThrow();
    for (const person of [kid, mate, secret]) await t.db.insertInto('peer_group_members').values({ group_id: group.id, person_id: person, from_date: addCalendarDays(ukToday(), -10) }).execute();
    const place = await t.db.insertInto('places').values({ name: 'Millbrook Underpass', kind: 'transport_hub' }).returning('id').executeTakeFirstOrThrow();
    const incident = await t.db.insertInto('place_incidents').values({ place_id: place.id, kind: 'sighting', occurred_at: new Date(), source: 'police', summary: 'Seen there.' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('place_incident_people').values({ incident_id: incident.id, person_id: kid }).execute();

    const page = await sam.get(`/people/${kid}/network`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/peer-groups/${group.id}">Millbrook Underpass group</a>`));
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/people/${mate}">Caspian Ashdown</a>`));
    assert.doesNotMatch(page.body, /Thorne/, 'a member the user may not see is not named');
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/places/${place.id}">Millbrook Underpass</a>`));
    assert.equal([...page.body.matchAll(/data-kind="group"/g)].length, 1);
    assert.equal([...page.body.matchAll(/data-kind="place"/g)].length, 1);
    assert.match(page.body, /linked to 0 young people, 0 adults, 1 place and 1 peer group/);
    const audit = await t.db.selectFrom('access_audit').select(['action', 'outcome']).where('person_id', '=', kid).where('user_id', '=', await userIdOf(t.db, SAM)).execute();
    assert.deepEqual(audit, [{ action: 'outside.view', outcome: 'allowed' }], 'opening the network is an audited view of the child');
  });

  it('refuses those who do not work with places and groups, and hides a restricted person from the network', async () => {
    const lee = await t.signedIn(LEE);
    assert.equal((await lee.get(`/people/${child}/network`)).statusCode, 403);
    assert.equal((await lee.get(`/people/${child}/associations/new`)).statusCode, 403);
    const secret = await insertTestPerson(t.db, { givenName: 'Wynn', familyName: 'Halloway', dateOfBirth: '2010-10-10' });
    const { id } = await record(sam, child, secret);
    await t.db.updateTable('people').set({ restricted: true }).where('id', '=', secret).execute();
    const page = await sam.get(`/people/${child}/network`);
    assert.doesNotMatch(page.body, /Wynn|Halloway/);
    assert.ok(!(await associationsAmong(await ctxOf(SAM), [child])).some((a) => a.id === id));
    assert.ok(!(await associationsAmong(await ctxOf(SAM), [child], { includeEnded: true })).some((a) => a.id === id));
  });
});
