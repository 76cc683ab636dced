import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { CHRIS, childSharedWith, PAT, SAM, userIdOf } from '../early-help/fixtures.test-support.ts';
import { insertTestPerson } from '../people/fixtures.test-support.ts';
import type { RequestContext } from '../../platform/access/authorise.ts';
import { loadCurrentUser } from '../../platform/auth/users.ts';
import { groupsForPerson } from './groups-service.ts';

const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const idFrom = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
  assert.equal(response.statusCode, 303, response.body.slice(0, 3000));
  return String(response.headers.location).split('/').pop()!;
};
const today = ukToday();

describe('peer groups: members, places, discussions and actions', () => {
  let t: TestApp;
  let sam: TestClient;
  let pat: TestClient;
  /** Shared with the school (Pat's agency); Kit and Lux are not. */
  let jaz: string;
  let kit: string;
  let lux: string;
  let group: string;
  let place: string;

  before(async () => {
    t = await testApp({ children: 10 });
    [sam, pat] = await Promise.all([t.signedIn(SAM), t.signedIn(PAT)]);
    jaz = await childSharedWith(t.db, ['education'], { dateOfBirth: '2010-04-02' });
    await t.db.updateTable('people').set({ given_name: 'Jazlyn', family_name: 'Quarrington', search_name: 'jazlyn quarrington' }).where('id', '=', jaz).execute();
    kit = await insertTestPerson(t.db, { givenName: 'Kitteridge', familyName: 'Ollerton', dateOfBirth: '2009-11-12' });
    lux = await insertTestPerson(t.db, { givenName: 'Luxton', familyName: 'Pennyfeather', dateOfBirth: '2010-01-30' });
    place = (await t.db.insertInto('places').values({ name: 'Harrowgate Rec skate bowl', kind: 'park', created_by: await userIdOf(t.db, SAM) }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  const addMember = (personId: string, key = uuidv7(), from = addCalendarDays(today, -30)) =>
    sam.post(`/peer-groups/${group}/members/new`, { action: 'save', personId, idempotencyKey: key, ...dateFields('fromDate', from) });

  it('starts a group: bad input is kept with its errors, a taken name is refused, and a repeated submission is one group', async () => {
    assert.equal((await sam.get('/peer-groups/new')).statusCode, 200);
    const key = uuidv7();
    const bad = await sam.post('/peer-groups/new', { name: '', description: 'Meets behind the leisure centre', locality: 'nowhere', idempotencyKey: key });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Enter a name for the group/);
    assert.match(bad.body, /Select a locality from the list/);
    assert.match(bad.body, /Meets behind the leisure centre/, 'what was typed is kept');
    const form = { name: 'Harrowgate Rec group', description: 'Meets behind the leisure centre', locality: 'south', idempotencyKey: key };
    const first = await sam.post('/peer-groups/new', form);
    group = idFrom(first);
    assert.equal((await sam.post('/peer-groups/new', form)).headers.location, first.headers.location, 'a double submit is one group');
    assert.equal((await t.db.selectFrom('peer_groups').select('id').where('name', '=', 'Harrowgate Rec group').execute()).length, 1);
    const taken = await sam.post('/peer-groups/new', { ...form, name: 'harrowgate rec GROUP', idempotencyKey: uuidv7() });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /already a peer group with this name/);
    assert.match(taken.body, /value="harrowgate rec GROUP"/);
  });

  it('adds members found by search: only children the user may see are offered, twice is refused, a repeat is one member, and each chronology names nobody', async () => {
    const search = await sam.post(`/peer-groups/${group}/members/new`, { action: 'search', searchName: 'Quarrington' });
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /Jazlyn Quarrington/);
    const chosen = await sam.post(`/peer-groups/${group}/members/new`, { action: `choose:${jaz}`, idempotencyKey: uuidv7() });
    assert.match(chosen.body, /Since when have they been part of the group/);
    const change = await sam.post(`/peer-groups/${group}/members/new`, { action: 'change', personId: jaz, idempotencyKey: uuidv7() });
    assert.equal(change.statusCode, 200);
    assert.doesNotMatch(change.body, /There is a problem/, 'choosing someone else starts a fresh search');
    const future = await sam.post(`/peer-groups/${group}/members/new`, { action: 'save', personId: jaz, idempotencyKey: uuidv7(), ...dateFields('fromDate', addCalendarDays(today, 3)) });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    assert.match(future.body, new RegExp(`name="personId" value="${jaz}"`), 'the chosen child is kept');

    const key = uuidv7();
    assert.equal((await addMember(jaz, key)).statusCode, 303);
    assert.equal((await addMember(jaz, key)).statusCode, 303, 'the same submission again');
    assert.equal((await t.db.selectFrom('peer_group_members').select('id').where('person_id', '=', jaz).execute()).length, 1);
    const twice = await addMember(jaz);
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /Jazlyn Quarrington is already a member of this group/);
    for (const child of [kit, lux]) assert.equal((await addMember(child)).statusCode, 303);

    const adult = await insertTestPerson(t.db, { givenName: 'Grimsby', familyName: 'Holloway', dateOfBirth: '1988-01-01', personType: 'adult' });
    const refused = await addMember(adult);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /link an adult of concern as an association/);

    const entries = await t.db.selectFrom('chronology').select(['person_id', 'summary', 'entry_type']).where('record_id', '=', group).execute();
    assert.equal(entries.length, 3);
    for (const e of entries) {
      assert.equal(e.summary, 'Recorded as part of a peer group');
      assert.doesNotMatch(e.summary, /Harrowgate|Jazlyn|Kitteridge|Luxton/);
    }
  });

  it('shows a partner only the members they may see, never naming or linking the others, and refuses them the changes', async () => {
    await t.db.insertInto('peer_group_places').values({ group_id: group, place_id: place }).execute();
    const incident = (await t.db.insertInto('place_incidents').values({ place_id: place, kind: 'sighting', occurred_at: new Date(), source: 'police', summary: 'Three young people seen by the bowl late at night.', created_by: await userIdOf(t.db, SAM) }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('place_incident_people').values([jaz, kit].map((person_id) => ({ incident_id: incident, person_id }))).execute();

    const samPage = await sam.get(`/peer-groups/${group}`);
    assert.equal(samPage.statusCode, 200);
    for (const name of ['Jazlyn Quarrington', 'Kitteridge Ollerton', 'Luxton Pennyfeather', 'Harrowgate Rec skate bowl', 'Three young people seen by the bowl']) assert.match(samPage.body, new RegExp(name));

    const patPage = await pat.get(`/peer-groups/${group}`);
    assert.equal(patPage.statusCode, 200);
    assert.match(patPage.body, /Jazlyn Quarrington/);
    assert.match(patPage.body, /Three young people seen by the bowl/);
    for (const hidden of [kit, lux, 'Kitteridge', 'Luxton', 'Ollerton', 'Pennyfeather']) assert.doesNotMatch(patPage.body, new RegExp(hidden));
    assert.doesNotMatch(patPage.body, /Add a member|Record a group discussion/);
    const list = await pat.get('/peer-groups');
    assert.match(list.body, /Harrowgate Rec group/);
    assert.match(list.body, /<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/, 'one member counted: the one Pat may see');
    for (const url of ['/peer-groups/new', `/peer-groups/${group}/members/new`, `/peer-groups/${group}/discussions/new`, `/peer-groups/${group}/edit`]) assert.equal((await pat.get(url)).statusCode, 403, url);
    assert.equal((await pat.post(`/peer-groups/${group}/members/new`, { action: 'save', personId: jaz, idempotencyKey: uuidv7(), ...dateFields('fromDate', today) })).statusCode, 403);
    const hiddenEnd = await t.db.selectFrom('peer_group_members').select('id').where('person_id', '=', kit).executeTakeFirstOrThrow();
    const chris = await t.signedIn(CHRIS);
    assert.equal((await chris.get(`/peer-groups/${group}/members/${hiddenEnd.id}/end`)).statusCode, 404, 'a chair who may not see the child cannot reach the membership');
  });

  it('records a discussion with actions: errors kept, a member chronology naming nobody, one discussion for a repeated submission, and actions marked done at their version', async () => {
    const agency = (await t.db.selectFrom('agencies').select('id').where('kind', '=', 'police').executeTakeFirstOrThrow()).id;
    assert.equal((await sam.get(`/peer-groups/${group}/discussions/new`)).statusCode, 200);
    const key = uuidv7();
    const form = {
      idempotencyKey: key, panelMeetingId: '', riskLevel: 'high', summary: 'The group gathers at the bowl; older males supply vapes.', ...dateFields('discussedOn', today),
      actionKind0: 'patrols', actionPlace0: place, actionWhat0: 'Evening patrols at the bowl for four weeks', actionAgency0: agency, ...dateFields('actionDue0', addCalendarDays(today, 28)),
      actionKind1: 'detached_youth_work', actionPlace1: '', actionWhat1: '', actionAgency1: agency,
    };
    const bad = await sam.post(`/peer-groups/${group}/discussions/new`, { ...form, riskLevel: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select the risk level the group presents/);
    assert.match(bad.body, /Enter what is to be done/, 'a half-filled action row');
    assert.match(bad.body, /older males supply vapes/);
    assert.match(bad.body, /Evening patrols at the bowl for four weeks/);
    const early = await sam.post(`/peer-groups/${group}/discussions/new`, { ...form, actionWhat1: 'Detached team to meet the group', ...dateFields('actionDue1', addCalendarDays(today, -1)) });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /cannot be due before the discussion/);

    const good = { ...form, actionWhat1: 'Detached team to meet the group', ...dateFields('actionDue1', addCalendarDays(today, 14)) };
    assert.equal((await sam.post(`/peer-groups/${group}/discussions/new`, good)).statusCode, 303);
    assert.equal((await sam.post(`/peer-groups/${group}/discussions/new`, good)).statusCode, 303);
    assert.equal((await t.db.selectFrom('peer_group_discussions').select('id').where('group_id', '=', group).execute()).length, 1);
    const actions = await t.db.selectFrom('peer_group_actions').selectAll().where('group_id', '=', group).orderBy('due_on').execute();
    assert.deepEqual(actions.map((a) => [a.kind, a.place_id]), [['detached_youth_work', null], ['patrols', place]]);

    const discussed = await t.db.selectFrom('chronology').select(['person_id', 'summary']).where('record_id', '=', group).where('entry_type', '=', 'outside.group_discussed').execute();
    assert.deepEqual(discussed.map((e) => e.person_id).sort(), [jaz, kit, lux].sort(), 'every member, seen by the recorder or not');
    for (const e of discussed) assert.equal(e.summary, 'Discussed as part of a peer group');

    const page = await sam.get(`/peer-groups/${group}`);
    assert.match(page.body, /Evening patrols at the bowl/);
    assert.match(page.body, /Detached team to meet the group/);
    const action = actions[0]!;
    const stale = await sam.post(`/peer-groups/${group}/actions/${action.id}/done`, { version: String(action.version + 1), ...dateFields('doneOn', today) });
    assert.equal(stale.statusCode, 409);
    assert.equal((await t.db.selectFrom('peer_group_actions').select('done_on').where('id', '=', action.id).executeTakeFirstOrThrow()).done_on, null);
    assert.equal((await sam.post(`/peer-groups/${group}/actions/${action.id}/done`, { version: String(action.version), ...dateFields('doneOn', today) })).statusCode, 303);
    assert.match((await sam.get(`/peer-groups/${group}`)).body, /Done /);
  });

  it('records a discussion at a MET hub meeting on the meeting’s date, and says so in each member’s chronology', async () => {
    const samId = await userIdOf(t.db, SAM);
    const panel = (await t.db.insertInto('panels').values({ kind: 'met_hub', name: 'South MET hub', created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
    const meetingOn = addCalendarDays(today, -2);
    const meeting = (await t.db.insertInto('panel_meetings').values({ panel_id: panel, meeting_date: meetingOn, status: 'held', created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
    const page = await sam.get(`/peer-groups/${group}/discussions/new`);
    assert.match(page.body, new RegExp(`<option value="${meeting}">South MET hub`));
    const form = { idempotencyKey: uuidv7(), panelMeetingId: meeting, riskLevel: 'medium', summary: 'Reviewed at the hub.', ...dateFields('discussedOn', today) };
    const wrongDay = await sam.post(`/peer-groups/${group}/discussions/new`, form);
    assert.equal(wrongDay.statusCode, 400);
    assert.match(wrongDay.body, /so its date is/);
    assert.match(wrongDay.body, /Reviewed at the hub\./);
    const unknown = await sam.post(`/peer-groups/${group}/discussions/new`, { ...form, panelMeetingId: uuidv7() });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Select a MET hub meeting from the list/);
    assert.equal((await sam.post(`/peer-groups/${group}/discussions/new`, { ...form, ...dateFields('discussedOn', meetingOn) })).statusCode, 303);
    const entries = await t.db.selectFrom('chronology').select(['summary', 'occurred_at']).where('record_id', '=', group).where('summary', '=', 'Discussed as part of a peer group at the MET hub').execute();
    assert.equal(entries.length, 3, 'each member on the meeting day');
    assert.match((await sam.get(`/peer-groups/${group}`)).body, /South MET hub/);
  });

  it('links and unlinks places: only open places, once each, and the place itself stays', async () => {
    const samId = await userIdOf(t.db, SAM);
    const closed = (await t.db.insertInto('places').values({ name: 'Old Harrowgate arcade', kind: 'leisure', closed_on: addCalendarDays(today, -5), created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
    const station = (await t.db.insertInto('places').values({ name: 'Harrowgate bus station', kind: 'transport_hub', created_by: samId }).returning('id').executeTakeFirstOrThrow()).id;
    const choices = await sam.get(`/peer-groups/${group}/places`);
    assert.match(choices.body, /Harrowgate bus station/);
    assert.doesNotMatch(choices.body, /Old Harrowgate arcade/, 'closed places are not offered');
    assert.doesNotMatch(choices.body, /<option value="[^"]+">Harrowgate Rec skate bowl/, 'nor places already linked');
    const refused = await sam.post(`/peer-groups/${group}/places`, { placeId: closed });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Select a place from the list/);
    assert.equal((await sam.post(`/peer-groups/${group}/places`, { placeId: 'not an id' })).statusCode, 400);
    assert.equal((await sam.post(`/peer-groups/${group}/places`, { placeId: station })).statusCode, 303);
    assert.equal((await sam.post(`/peer-groups/${group}/places`, { placeId: station })).statusCode, 303, 'linking twice changes nothing');
    assert.equal((await t.db.selectFrom('peer_group_places').select('place_id').where('group_id', '=', group).execute()).length, 2);
    assert.equal((await sam.post(`/peer-groups/${group}/places/${station}/remove`)).statusCode, 303);
    assert.equal((await sam.post(`/peer-groups/${group}/places/${station}/remove`)).statusCode, 404);
    assert.ok(await t.db.selectFrom('places').select('id').where('id', '=', station).executeTakeFirst(), 'the place stays');
  });

  it('tells a child’s network page their groups, naming only the other members the user may see', async () => {
    const ctxOf = async (email: string): Promise<RequestContext> => ({ db: t.db, actor: (await loadCurrentUser(t.db, await userIdOf(t.db, email)))!, requestId: 'test' });
    const forSam = await groupsForPerson(await ctxOf(SAM), jaz);
    assert.equal(forSam.length, 1);
    assert.equal(forSam[0]!.name, 'Harrowgate Rec group');
    assert.equal(forSam[0]!.current, true);
    assert.deepEqual(forSam[0]!.otherMembers.map((m) => m.name), ['Kitteridge Ollerton', 'Luxton Pennyfeather']);
    const forPat = await groupsForPerson(await ctxOf(PAT), jaz);
    assert.deepEqual(forPat[0]!.otherMembers, [], 'the school may see neither of the others');
  });

  it('ends a membership at its version, and refuses a stale version or a date before they joined', async () => {
    const member = await t.db.selectFrom('peer_group_members').selectAll().where('person_id', '=', lux).executeTakeFirstOrThrow();
    const url = `/peer-groups/${group}/members/${member.id}/end`;
    const before = await sam.post(url, { version: String(member.version), ...dateFields('toDate', addCalendarDays(member.from_date, -1)) });
    assert.equal(before.statusCode, 400);
    assert.match(before.body, /cannot be before they joined/);
    const yesterday = addCalendarDays(today, -1);
    assert.equal((await sam.post(url, { version: String(member.version + 1), ...dateFields('toDate', yesterday) })).statusCode, 409);
    assert.equal((await t.db.selectFrom('peer_group_members').select('to_date').where('id', '=', member.id).executeTakeFirstOrThrow()).to_date, null, 'nothing overwritten');
    assert.equal((await sam.post(url, { version: String(member.version), ...dateFields('toDate', yesterday) })).statusCode, 303);
    const left = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', lux).where('entry_type', '=', 'outside.group_left').executeTakeFirstOrThrow();
    assert.equal(left.summary, 'No longer recorded as part of a peer group');
    assert.match((await sam.get(`/peer-groups/${group}`)).body, /Earlier members/);
  });

  it('changes and closes the group at its version; a closed group takes no new members', async () => {
    const row = await t.db.selectFrom('peer_groups').selectAll().where('id', '=', group).executeTakeFirstOrThrow();
    const form = { name: 'Harrowgate Rec group', description: 'Now meets at the station too', locality: 'south', version: String(row.version), ...dateFields('closedOn', today) };
    const stale = await sam.post(`/peer-groups/${group}/edit`, { ...form, version: String(row.version + 1) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Now meets at the station too/, 'what was typed is shown back');
    assert.equal((await sam.post(`/peer-groups/${group}/edit`, form)).statusCode, 303);
    const closed = await addMember(await insertTestPerson(t.db, { givenName: 'Perrin', familyName: 'Latchford', dateOfBirth: '2011-01-01' }));
    assert.equal(closed.statusCode, 409);
    assert.match(closed.body, /This peer group is closed/);
  });
});
