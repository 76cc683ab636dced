import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { generateAuthority } from '../../synthetic/authority.ts';
import { localityForPostcode } from '../people/localities.ts';

const END = '2025-03-31';

describe('harm outside the home in a tiny synthetic authority', () => {
  let connection: Connection;
  before(async () => {
    connection = await testDatabase();
    // Seed 4 over three years: missing episodes and half a dozen screenings, enough for one group.
    await generateAuthority(connection.db, { scale: 'tiny', seed: 4, years: 3, end: END });
  });
  after(() => connection.close());

  it('finds children at places of concern in their own locality when they return from being missing', async () => {
    const db = connection.db;
    const found = await db.selectFrom('place_incidents as i').innerJoin('missing_episodes as e', 'e.id', 'i.missing_episode_id').innerJoin('places as p', 'p.id', 'i.place_id')
      .innerJoin('place_incident_people as ip', 'ip.incident_id', 'i.id').innerJoin('person_addresses as a', 'a.person_id', 'e.person_id')
      .select(['i.occurred_at', 'e.returned_at', 'e.person_id', 'ip.person_id as linked', 'p.locality', 'a.postcode']).where('i.kind', '=', 'found_missing').execute();
    assert.ok(found.length >= 3, `${found.length} found at a place`);
    for (const f of found) {
      assert.equal(f.occurred_at.getTime(), f.returned_at!.getTime());
      assert.equal(f.linked, f.person_id);
      assert.equal(f.locality, localityForPostcode(f.postcode));
    }
  });

  it('groups children screened for exploitation, with their places, associations and chronology', async () => {
    const db = connection.db;
    const members = await db.selectFrom('peer_group_members as m').innerJoin('peer_groups as g', 'g.id', 'm.group_id').select(['m.person_id', 'm.from_date', 'g.id', 'g.locality']).execute();
    assert.ok(members.length >= 2);
    const screenings = await db.selectFrom('exploitation_screenings').select(['person_id', 'screened_on']).execute();
    for (const m of members) assert.ok(screenings.some((s) => s.person_id === m.person_id && s.screened_on <= m.from_date), 'a member was screened before joining');
    const associations = await db.selectFrom('associations').select(['person_id', 'other_person_id']).execute();
    assert.ok(associations.length >= 1);
    assert.ok(associations.every((a) => members.some((m) => m.person_id === a.person_id)));
    const entries = await db.selectFrom('chronology').select(['person_id', 'summary', 'occurred_at']).where((eb) => eb.or([eb('entry_type', 'like', 'outside.%'), eb('entry_type', 'like', 'association.%')])).execute();
    const names = await db.selectFrom('people').select('family_name').where('id', 'in', [...members.map((m) => m.person_id), ...associations.map((a) => a.other_person_id)]).execute();
    for (const e of entries) {
      for (const n of names) assert.ok(!e.summary.includes(n.family_name), `"${e.summary}" names someone`);
      assert.ok(e.occurred_at < new Date('2025-04-01T00:00:00+01:00'));
    }
    for (const m of members) assert.ok(entries.some((e) => e.person_id === m.person_id && e.summary === 'Recorded as part of a peer group'));
    const atMeetings = await db.selectFrom('peer_group_discussions as d').innerJoin('panel_meetings as m', 'm.id', 'd.panel_meeting_id').innerJoin('panels as p', 'p.id', 'm.panel_id')
      .select(['d.discussed_on', 'm.meeting_date', 'm.status', 'p.kind']).execute();
    for (const d of atMeetings) assert.deepEqual([d.kind, d.status, d.discussed_on], ['met_hub', 'held', d.meeting_date]);
  });
});
