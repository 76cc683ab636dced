import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import { ukWallClock } from '../../platform/calendar/uk-time.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { agencyOf, ALEX, CHRIS, childSharedWith, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import { incidentsForPeople, placesForPerson, repeatPlaces } from './places-api.ts';
import { FOUND_MISSING_SUMMARY } from './places-incidents.ts';

const LEE = 'lee.marsh@cairn.example';

/** Date and time boxes for a moment `hoursAgo` before now, in UK time. */
function momentFields(name: string, hoursAgo: number) {
  const { date, time } = ukWallClock(new Date(Date.now() - hoursAgo * 3_600_000));
  return { [`${name}-day`]: String(Number(date.slice(8))), [`${name}-month`]: String(Number(date.slice(5, 7))), [`${name}-year`]: date.slice(0, 4), [`${name}-time`]: time };
}
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const idFrom = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
  assert.equal(response.statusCode, 303, response.body.slice(0, 3000));
  return String(response.headers.location).split('/').pop()!;
};

describe('places of concern and what happens there', () => {
  let t: TestApp;
  let sam: TestClient;
  let pat: TestClient;
  /** Shared with the school (Pat's agency); Bex is not. */
  let ava: string;
  let bex: string;
  let adult: string;
  const ctxOf = async (email: string): Promise<RequestContext> => ({ db: t.db, actor: (await loadCurrentUser(t.db, await userIdOf(t.db, email)))!, requestId: 'test' });

  before(async () => {
    t = await testApp({ children: 10 });
    [sam, pat] = await Promise.all([t.signedIn(SAM), t.signedIn(PAT)]);
    ava = await childSharedWith(t.db, ['education'], { dateOfBirth: '2011-04-02' });
    await t.db.updateTable('people').set({ given_name: 'Avaline', family_name: 'Thorncroft' }).where('id', '=', ava).execute();
    bex = await insertTestPerson(t.db, { givenName: 'Bexley', familyName: 'Marrowgate', dateOfBirth: '2010-09-12' });
    adult = await insertTestPerson(t.db, { givenName: 'Dorrance', familyName: 'Kettleby', dateOfBirth: '1990-01-01', personType: 'adult' });
  });
  after(() => t.close());

  async function addPlace(client: TestClient, name: string, extra: Record<string, string> = {}) {
    return idFrom(await client.post('/places/new', { name, kind: 'park', postcode: '', locality: '', description: '', idempotencyKey: uuidv7(), ...extra }));
  }
  /** Records an incident through both steps' form, as the details page would post it. */
  const incident = (placeId: string, people: { child?: string[]; adult?: string[] }, key: string, overrides: Record<string, string> = {}) =>
    sam.post(`/places/${placeId}/incidents/new`, {
      action: 'save', idempotencyKey: key, child: people.child ?? [], adult: people.adult ?? [],
      kind: 'sighting', source: 'police', summary: 'Seen by the skate ramp after dark with older males.', ...momentFields('occurredAt', 2), ...overrides,
    });

  it('adds a place: bad input is kept with its errors, the locality follows the postcode, and a repeated submission is one place', async () => {
    assert.equal((await sam.get('/places/new')).statusCode, 200);
    const key = uuidv7();
    const bad = await sam.post('/places/new', { name: '', kind: '', postcode: 'not a postcode', description: 'Bins behind the shops', idempotencyKey: key });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Enter the name of the place/);
    assert.match(bad.body, /Select what kind of place it is/);
    assert.match(bad.body, /Enter a real postcode/);
    assert.match(bad.body, /Bins behind the shops/, 'what was typed is kept');
    assert.match(bad.body, /value="not a postcode"/);

    const good = { name: 'Millfield Park skate area', kind: 'park', postcode: 'zz99 4ab', locality: '', description: 'Bins behind the shops', idempotencyKey: key };
    const first = await sam.post('/places/new', good);
    const id = idFrom(first);
    assert.equal((await sam.post('/places/new', good)).headers.location, first.headers.location, 'a double submit is one place');
    const rows = await t.db.selectFrom('places').selectAll().where('name', '=', 'Millfield Park skate area').execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.postcode, 'ZZ99 4AB');
    assert.equal(rows[0]!.locality, 'central_east', 'from the postcode');
    const page = await sam.get(`/places/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Millfield Park skate area/);
    assert.match(page.body, /Central and East/);
  });

  it('changes a place at the version read: a stale form is refused with what was typed, a future closing date is an error', async () => {
    const id = await addPlace(sam, 'Station Road takeaway', { kind: 'shop' });
    const form = await sam.get(`/places/${id}/edit`);
    assert.match(form.body, /name="version" value="1"/);
    const change = { name: 'Chicken Palace, Station Road', kind: 'shop', postcode: '', locality: 'south', description: 'Older males buy food for children here', version: '1' };
    const future = await sam.post(`/places/${id}/edit`, { ...change, ...dateFields('closedOn', addCalendarDays(ukToday(), 3)) });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /The date it closed must be today or in the past/);
    assert.match(future.body, /Older males buy food for children here/);
    const saved = await sam.post(`/places/${id}/edit`, change);
    assert.equal(saved.statusCode, 303);
    const stale = await sam.post(`/places/${id}/edit`, { ...change, name: 'Chicken Palace', description: 'A later thought' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed this place while you were editing it/);
    assert.match(stale.body, /A later thought/, 'what was typed is shown back');
    const row = await t.db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.name, row.locality, row.version], ['Chicken Palace, Station Road', 'south', 2]);
  });

  it('records a sighting with the children and an adult: each chronology names only the place, a repeat is one incident', async () => {
    const placeId = await addPlace(sam, 'Brackenshire bus station', { kind: 'transport_hub' });
    const start = await sam.get(`/places/${placeId}/incidents/new`);
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /Who was involved\?/);
    const found = await sam.post(`/places/${placeId}/incidents/new`, { action: 'search', searchName: 'Marrowgate' });
    assert.match(found.body, /Add <span class="govuk-visually-hidden">Bexley Marrowgate <\/span>as a child involved/);
    const picked = await sam.post(`/places/${placeId}/incidents/new`, { action: `child:${bex}`, child: [ava] });
    assert.match(picked.body, new RegExp(`name="child" value="${bex}"`));
    const details = await sam.post(`/places/${placeId}/incidents/new`, { action: 'continue', child: [ava, bex], adult: [adult] });
    assert.equal(details.statusCode, 200);
    assert.match(details.body, /What happened\?/);
    assert.match(details.body, /Avaline Thorncroft, Bexley Marrowgate, Dorrance Kettleby/);

    const key = uuidv7();
    const bad = await incident(placeId, { child: [ava, bex], adult: [adult] }, key, { summary: '', source: '', ...momentFields('occurredAt', -5) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter what was seen or what happened/);
    assert.match(bad.body, /Select where the information came from/);
    assert.match(bad.body, new RegExp(`name="child" value="${bex}"`), 'the people chosen are kept');
    const late = await incident(placeId, { child: [ava, bex], adult: [adult] }, key, { ...momentFields('occurredAt', -5) });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /When it happened must be in the past/);
    assert.match(late.body, /Seen by the skate ramp after dark/, 'what was typed is kept');

    const first = await incident(placeId, { child: [ava, bex], adult: [adult] }, key);
    assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
    assert.equal(first.headers.location, `/places/${placeId}`);
    assert.equal((await incident(placeId, { child: [ava, bex], adult: [adult] }, key)).statusCode, 303);
    const incidents = await t.db.selectFrom('place_incidents').select('id').where('place_id', '=', placeId).execute();
    assert.equal(incidents.length, 1, 'a double submit is one incident');

    for (const person of [ava, bex, adult]) {
      const entries = await t.db.selectFrom('chronology').select(['summary', 'entry_type']).where('person_id', '=', person).where('record_id', '=', incidents[0]!.id).execute();
      assert.deepEqual(entries, [{ summary: 'Seen at Brackenshire bus station (sighting, police)', entry_type: 'outside.incident' }], 'one entry naming only the place');
    }
    const audited = await t.db.selectFrom('access_audit').select('person_id').where('action', '=', 'outside.record').where('user_id', '=', await userIdOf(t.db, SAM)).execute();
    for (const person of [ava, bex, adult]) assert.ok(audited.some((a) => a.person_id === person), 'the link is audited on each person');
  });

  it('shows a partner only the children they may see, on the place page, in search and through the service', async () => {
    const placeId = await addPlace(sam, 'Canal towpath bench');
    assert.equal((await incident(placeId, { child: [ava, bex] }, uuidv7(), { ...momentFields('occurredAt', 30) })).statusCode, 303);
    assert.equal((await incident(placeId, { child: [bex] }, uuidv7(), { kind: 'police_information', ...momentFields('occurredAt', 24 * 40) })).statusCode, 303);

    const samPage = await sam.get(`/places/${placeId}`);
    assert.match(samPage.body, /Avaline Thorncroft/);
    assert.match(samPage.body, /Bexley Marrowgate/);
    const patPage = await pat.get(`/places/${placeId}`);
    assert.equal(patPage.statusCode, 200);
    assert.match(patPage.body, /Avaline Thorncroft/);
    assert.doesNotMatch(patPage.body, /Bexley|Marrowgate/, 'not named');
    assert.doesNotMatch(patPage.body, new RegExp(bex), 'not linked');
    assert.match(patPage.body, /Police information/, 'the incident itself is still on the timeline');

    // The period leaves out the police information from 40 days ago.
    const recent = await sam.get(`/places/${placeId}?${new URLSearchParams(dateFields('from', addCalendarDays(ukToday(), -7)))}`);
    assert.doesNotMatch(recent.body, /Police information,/);
    assert.match(recent.body, /Sighting,/);
    const badPeriod = await sam.get(`/places/${placeId}?from-day=31&from-month=2&from-year=2026`);
    assert.equal(badPeriod.statusCode, 400);
    assert.match(badPeriod.body, /Date from must be a real date/);
    assert.match(badPeriod.body, /value="31"/);

    // Searching to add people offers the partner only those they may open, and refuses anyone else.
    const search = await pat.post(`/places/${placeId}/incidents/new`, { action: 'search', searchName: 'Marrowgate' });
    assert.doesNotMatch(search.body, /Add <span class="govuk-visually-hidden">Bexley/);
    const pick = await pat.post(`/places/${placeId}/incidents/new`, { action: `child:${bex}` });
    assert.equal(pick.statusCode, 400);
    assert.doesNotMatch(pick.body, new RegExp(`value="${bex}"`));
    const forged = await pat.post(`/places/${placeId}/incidents/new`, { action: 'save', child: [bex], idempotencyKey: uuidv7(), kind: 'sighting', source: 'school', summary: 'At the bench', ...momentFields('occurredAt', 1) });
    assert.equal(forged.statusCode, 400);
    assert.match(forged.body, /only link people whose records you may see/);
    assert.doesNotMatch(forged.body, /Bexley|Marrowgate/, 'a person carried in a forged form is not named back');
    const carried = await pat.post(`/places/${placeId}/incidents/new`, { action: 'continue', child: [ava, bex] });
    assert.equal(carried.statusCode, 400);
    assert.doesNotMatch(carried.body, /Bexley|Marrowgate/);
    assert.match(carried.body, new RegExp(`name="child" value="${ava}"`), 'the people they may see are kept');
    assert.equal((await t.db.selectFrom('place_incidents').select('id').where('place_id', '=', placeId).execute()).length, 2, 'nothing recorded');

    const patCtx = await ctxOf(PAT);
    assert.deepEqual(await incidentsForPeople(patCtx, [bex]), [], 'asking about a child they cannot see gives nothing');
    const patIncidents = await incidentsForPeople(patCtx, [ava]);
    assert.ok(patIncidents.length >= 1);
    for (const i of patIncidents) assert.ok(i.people.every((p) => p.id !== bex), 'the other child is left out of the people');
    const samIncidents = await incidentsForPeople(await ctxOf(SAM), [bex], new Date(Date.now() - 7 * 86_400_000));
    assert.ok(samIncidents.every((i) => i.occurredAt.getTime() > Date.now() - 7 * 86_400_000), 'since is honoured');
    assert.ok(samIncidents.some((i) => i.place?.name === 'Canal towpath bench' && i.people.some((p) => p.id === ava)));
    assert.deepEqual(await placesForPerson(patCtx, bex), []);
    const places = await placesForPerson(await ctxOf(SAM), bex);
    assert.ok(places.some((p) => p.place.name === 'Canal towpath bench' && p.incidents === 2 && p.kinds.includes('police_information')));

    const samRepeats = await repeatPlaces(await ctxOf(SAM));
    const towpath = samRepeats.find((r) => r.place.name === 'Canal towpath bench');
    assert.equal(towpath?.children, 2);
    assert.ok(samRepeats.every((r, i) => i === 0 || samRepeats[i - 1]!.children >= r.children), 'most children first');
    assert.equal((await repeatPlaces(patCtx)).find((r) => r.place.name === 'Canal towpath bench'), undefined, 'one child the partner can see is no pattern to them');
    assert.equal((await repeatPlaces(patCtx, { minChildren: 1 })).find((r) => r.place.name === 'Canal towpath bench')?.children, 1);
    const list = await sam.get('/places');
    assert.match(list.body, /Places with repeat incidents/);
    assert.match(list.body, /Canal towpath bench/);
    const kinds = await sam.get('/places?kind=transport_hub&name=bus');
    assert.match(kinds.body, /Brackenshire bus station/);
    assert.doesNotMatch(kinds.body.split('Find a place')[1]!, /Canal towpath bench/);
    const wildcards = await sam.get(`/places?name=${encodeURIComponent('50%_\\')}`);
    assert.equal(wildcards.statusCode, 200, 'LIKE wildcards are searched for as text');
    assert.match(wildcards.body, /No places match your search/);
  });

  it('links a missing child’s return to the place they were found, naming only the place', async () => {
    const placeId = await addPlace(sam, 'Flat above the launderette', { kind: 'address' });
    const closedId = await addPlace(sam, 'Old arcade', { kind: 'leisure' });
    await t.db.updateTable('places').set({ closed_on: ukToday() }).where('id', '=', closedId).execute();
    const child = await childSharedWith(t.db, ['education']);
    const report = { kind: 'missing', ...momentFields('startedAt', 10), ...momentFields('reportedAt', 9), reportedByAgencyId: await agencyOf(t.db, 'social_care'), riskLevel: 'high', circumstances: 'Left after an argument', idempotencyKey: uuidv7() };
    const episodeId = idFrom(await sam.post(`/people/${child}/missing/new`, report));

    const form = await sam.get(`/missing/${episodeId}/return`);
    assert.match(form.body, /Were they found at a place of concern\?/);
    assert.match(form.body, /Flat above the launderette/);
    assert.doesNotMatch(form.body, /Old arcade/, 'closed places are not offered');
    assert.doesNotMatch((await (await t.signedIn(LEE)).get(`/missing/${episodeId}/return`)).body, /place of concern/, 'only offered to those who record at places');

    const back = { ...momentFields('returnedAt', 1), foundWhere: 'Found by police at a flat in town', version: '1' };
    const closed = await sam.post(`/missing/${episodeId}/return`, { ...back, placeId: closedId });
    assert.equal(closed.statusCode, 400);
    assert.match(closed.body, /Select a place of concern from the list/);
    assert.match(closed.body, /Found by police at a flat in town/);
    assert.equal((await t.db.selectFrom('missing_episodes').select('returned_at').where('id', '=', episodeId).executeTakeFirstOrThrow()).returned_at, null, 'nothing saved');

    assert.equal((await sam.post(`/missing/${episodeId}/return`, { ...back, placeId })).statusCode, 303);
    const found = await t.db.selectFrom('place_incidents').selectAll().where('missing_episode_id', '=', episodeId).executeTakeFirstOrThrow();
    assert.deepEqual([found.kind, found.place_id, found.source, found.summary], ['found_missing', placeId, 'social_care', FOUND_MISSING_SUMMARY]);
    const chronology = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', child).where('record_id', '=', found.id).execute();
    assert.deepEqual(chronology.map((c) => c.summary), ['Found at Flat above the launderette when missing (found when missing, social care)']);
    assert.match((await sam.get(`/people/${child}/chronology`)).body, /Linked to a place of concern/);
    assert.match((await sam.get(`/missing/${episodeId}`)).body, new RegExp(`<a class="govuk-link" href="/places/${placeId}">Flat above the launderette</a>`), 'the episode links to the place');
    const page = await pat.get(`/places/${placeId}`);
    assert.match(page.body, /Found when missing/);
    assert.doesNotMatch(page.body, /Found by police at a flat in town/, 'what the episode says stays on the episode');

    // A return without a place still works, and records no incident.
    const other = await childSharedWith(t.db, []);
    const otherEpisode = idFrom(await sam.post(`/people/${other}/missing/new`, { ...report, idempotencyKey: uuidv7() }));
    assert.equal((await sam.post(`/missing/${otherEpisode}/return`, { ...back, placeId: '' })).statusCode, 303);
    assert.equal((await t.db.selectFrom('place_incidents').select('id').where('missing_episode_id', '=', otherEpisode).execute()).length, 0);
  });

  it('refuses those who do not work with places, and lets a panel chair see them', async () => {
    const placeId = await addPlace(sam, 'Library steps');
    for (const email of [ALEX, LEE]) {
      const other = await t.signedIn(email);
      for (const url of ['/places', '/places/new', `/places/${placeId}`, `/places/${placeId}/edit`, `/places/${placeId}/incidents/new`]) assert.equal((await other.get(url)).statusCode, 403, `${email} ${url}`);
      assert.equal((await other.post('/places/new', { name: 'X', kind: 'park', idempotencyKey: uuidv7() })).statusCode, 403);
    }
    const chris = await t.signedIn(CHRIS);
    assert.equal((await chris.get(`/places/${placeId}`)).statusCode, 200);
    assert.equal((await sam.get(`/places/${uuidv7()}`)).statusCode, 404);
    assert.equal((await sam.get('/places/not-an-id')).statusCode, 404);
  });
});
