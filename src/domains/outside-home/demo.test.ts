import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addCalendarDays, ukToday } from '../../platform/calendar/working-days.ts';
import { FOUND_AT } from './demo-stories.ts';

describe('the harm outside the home demo', () => {
  let t: TestApp;
  const today = ukToday();
  before(async () => {
    t = await testApp({ children: 200 });
  });
  after(() => t?.close());

  it('has the six kinds of place and two peer groups of children who went missing, one screened at medium concern or more', async () => {
    const places = await t.db.selectFrom('places').select(['kind', 'locality', 'postcode']).execute();
    assert.deepEqual(places.map((p) => p.kind).sort(), ['address', 'online', 'park', 'school', 'shop', 'transport_hub']);
    assert.ok(places.every((p) => p.postcode === null || p.postcode.startsWith('ZZ99')), 'postcodes are in the non-geographic area');
    const members = await t.db.selectFrom('peer_group_members as m').innerJoin('people as p', 'p.id', 'm.person_id').select(['m.group_id', 'm.person_id', 'p.person_type', 'm.to_date']).execute();
    const groups = new Set(members.map((m) => m.group_id));
    assert.equal(groups.size, 2);
    for (const g of groups) assert.ok(members.filter((m) => m.group_id === g).length >= 2);
    assert.ok(members.every((m) => m.person_type === 'child' && m.to_date === null));
    const missing = new Set((await t.db.selectFrom('missing_episodes').select('person_id').execute()).map((e) => e.person_id));
    assert.ok(members.every((m) => missing.has(m.person_id)), 'every member has gone missing');
    const screened = await t.db.selectFrom('exploitation_screenings').select('person_id')
      .where((eb) => eb.or([eb('sexual_exploitation', 'in', ['medium', 'high']), eb('criminal_exploitation', 'in', ['medium', 'high'])])).execute();
    assert.ok(screened.some((s) => members.some((m) => m.person_id === s.person_id)));
    const groupPlaces = await t.db.selectFrom('peer_group_places').select('group_id').execute();
    assert.ok([...groups].every((g) => groupPlaces.some((p) => p.group_id === g)));
  });

  it('records a found-when-missing incident at the place each return was found at, dated at the return', async () => {
    const found = await t.db.selectFrom('place_incidents as i').innerJoin('places as p', 'p.id', 'i.place_id').innerJoin('missing_episodes as e', 'e.id', 'i.missing_episode_id')
      .innerJoin('place_incident_people as ip', 'ip.incident_id', 'i.id')
      .select(['p.name', 'e.found_where', 'e.returned_at', 'i.occurred_at', 'e.person_id', 'ip.person_id as linked']).where('i.kind', '=', 'found_missing').execute();
    const returns = await t.db.selectFrom('missing_episodes').select('found_where').where('returned_at', 'is not', null).execute();
    assert.equal(found.length, returns.filter((r) => r.found_where && FOUND_AT[r.found_where]).length);
    assert.ok(found.length >= 4);
    const names = Object.fromEntries((await t.db.selectFrom('places').select(['name', 'kind']).execute()).map((p) => [p.kind, p.name]));
    const kindOf = { flat: 'address', bus: 'transport_hub', park: 'park', takeaway: 'shop' } as const;
    for (const f of found) {
      assert.equal(f.occurred_at.getTime(), f.returned_at!.getTime());
      assert.equal(f.linked, f.person_id);
      assert.equal(f.name, names[kindOf[FOUND_AT[f.found_where!] as keyof typeof kindOf]]);
    }
    // The MET hub's pattern: a place where two or more children were found when missing in the last 90 days.
    const since = new Date(`${addCalendarDays(today, -90)}T00:00:00Z`);
    const byPlace = new Map<string, Set<string>>();
    for (const f of found.filter((x) => x.occurred_at >= since)) byPlace.set(f.name, (byPlace.get(f.name) ?? new Set()).add(f.person_id));
    assert.ok([...byPlace.values()].some((children) => children.size >= 2), 'several children found at one place');
  });

  it('sees members of a group together at its places lately, with associations between them and with adults of concern', async () => {
    const since = new Date(`${addCalendarDays(today, -90)}T00:00:00Z`);
    const sightings = await t.db.selectFrom('place_incidents as i').innerJoin('place_incident_people as ip', 'ip.incident_id', 'i.id')
      .select(['i.id', 'i.place_id', 'ip.person_id']).where('i.kind', '=', 'sighting').where('i.occurred_at', '>=', since).execute();
    const members = await t.db.selectFrom('peer_group_members').select(['group_id', 'person_id']).execute();
    const groupOf = new Map(members.map((m) => [m.person_id, m.group_id]));
    const together = new Map<string, string[]>();
    for (const s of sightings) if (groupOf.has(s.person_id)) together.set(s.id, [...(together.get(s.id) ?? []), s.person_id]);
    assert.ok([...together.values()].some((c) => c.length >= 2 && new Set(c.map((p) => groupOf.get(p))).size === 1));
    const associations = await t.db.selectFrom('associations as a').innerJoin('people as x', 'x.id', 'a.person_id').innerJoin('people as y', 'y.id', 'a.other_person_id')
      .select(['a.nature', 'a.from_date', 'a.to_date', 'x.person_type as first', 'y.person_type as second', 'a.person_id', 'a.other_person_id']).execute();
    assert.ok(associations.every((a) => a.first === 'child' && a.person_id !== a.other_person_id && a.from_date <= today && a.to_date === null));
    assert.ok(associations.some((a) => a.second === 'adult' && a.nature === 'suspected_exploiter'));
    assert.ok(associations.some((a) => a.second === 'child' && groupOf.get(a.person_id) === groupOf.get(a.other_person_id)));
  });

  it('discussed the first group at a MET hub meeting held, with actions for its places and the group, some overdue and some done', async () => {
    const discussion = await t.db.selectFrom('peer_group_discussions as d').innerJoin('panel_meetings as m', 'm.id', 'd.panel_meeting_id').innerJoin('panels as p', 'p.id', 'm.panel_id')
      .select(['d.id', 'd.discussed_on', 'm.meeting_date', 'm.status', 'p.kind']).executeTakeFirstOrThrow();
    assert.equal(discussion.kind, 'met_hub');
    assert.equal(discussion.status, 'held');
    assert.equal(discussion.discussed_on, discussion.meeting_date);
    const actions = await t.db.selectFrom('peer_group_actions').selectAll().where('discussion_id', '=', discussion.id).execute();
    assert.ok(actions.some((a) => a.place_id && a.kind === 'disruption'));
    assert.ok(actions.some((a) => !a.place_id && a.kind === 'detached_youth_work'));
    assert.ok(actions.some((a) => !a.done_on && a.due_on < today), 'an action overdue');
    assert.ok(actions.some((a) => a.done_on && a.done_on <= today));
  });

  it('writes a chronology entry on each child for what involved them, naming no other person', async () => {
    const entries = await t.db.selectFrom('chronology').select(['person_id', 'entry_type', 'summary', 'record_type', 'record_id', 'occurred_at']).where((eb) => eb.or([eb('entry_type', 'like', 'outside.%'), eb('entry_type', 'like', 'association.%')])).execute();
    const links = await t.db.selectFrom('place_incident_people as ip').innerJoin('people as p', 'p.id', 'ip.person_id').select(['ip.incident_id', 'ip.person_id', 'p.person_type']).execute();
    for (const l of links.filter((x) => x.person_type === 'child')) {
      assert.ok(entries.some((e) => e.person_id === l.person_id && e.record_type === 'place_incident' && e.record_id === l.incident_id), 'each child involved has the incident on their chronology');
    }
    assert.ok(!entries.some((e) => links.some((l) => l.person_type === 'adult' && l.person_id === e.person_id)), 'adults of concern have no incident entries');
    const members = await t.db.selectFrom('peer_group_members').select('person_id').execute();
    for (const m of members) assert.ok(entries.some((e) => e.person_id === m.person_id && e.record_type === 'peer_group'));
    assert.ok(entries.some((e) => e.summary === 'Discussed as part of a peer group at the MET hub'));
    assert.ok(entries.some((e) => e.record_type === 'association' && /^An association with an adult was recorded \(likely\)$/.test(e.summary)));
    assert.ok(entries.some((e) => /^Seen at .+ \(sighting, police\)$/.test(e.summary)));
    const people = await t.db.selectFrom('people').select(['given_name', 'family_name']).where('id', 'in', [...links.map((l) => l.person_id), ...members.map((m) => m.person_id)]).execute();
    for (const e of entries) for (const p of people) assert.ok(!e.summary.includes(p.family_name), `"${e.summary}" names someone`);
    const now = new Date();
    assert.ok(entries.every((e) => e.occurred_at <= now));
  });

  it('shows a social worker every place, both groups, each member’s network and the members screened at medium concern on the MET hub agenda', async () => {
    const sam = await t.signedIn('sam.rowe@cairn.example');
    for (const p of await t.db.selectFrom('places').select('id').execute()) assert.equal((await sam.get(`/places/${p.id}`)).statusCode, 200);
    for (const g of await t.db.selectFrom('peer_groups').select('id').execute()) assert.equal((await sam.get(`/peer-groups/${g.id}`)).statusCode, 200);
    const members = await t.db.selectFrom('peer_group_members as m').innerJoin('people as p', 'p.id', 'm.person_id').select(['p.id', 'p.given_name', 'p.family_name']).execute();
    for (const m of members) {
      const network = await sam.get(`/people/${m.id}/network`);
      assert.equal(network.statusCode, 200);
      assert.match(network.body, /<svg[^>]*role="img"/);
    }
    const hub = await sam.get('/exploitation');
    assert.equal(hub.statusCode, 200);
    const screened = await t.db.selectFrom('exploitation_screenings').select('person_id').where('criminal_exploitation', 'in', ['medium', 'high']).execute();
    const onAgenda = members.filter((x) => screened.some((s) => s.person_id === x.id));
    assert.ok(onAgenda.length >= 1);
    for (const m of onAgenda) assert.ok(hub.body.includes(`${m.given_name} ${m.family_name}`), 'screened member on the agenda');
  });
});
