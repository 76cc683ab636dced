import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingContext, emptyJourney } from '../../synthetic/context.test-support.ts';
import type { Journey, MissingSpell } from '../../synthetic/types.ts';
import type { Locality } from '../people/localities.ts';
import { synthesise as missing } from '../missing/synthetic.ts';
import { synthesise } from './synthetic.ts';

const END = '2026-03-31';
const HOUR = 3_600_000;

function spell(id: string, startIso: string, over: Partial<MissingSpell> = {}): MissingSpell {
  const started = new Date(startIso);
  return {
    id, kind: 'missing', startedAt: started, reportedAt: new Date(started.getTime() + 2 * HOUR), reportedBy: 'police', inCare: false, risk: 'high',
    returnedAt: new Date(started.getTime() + 20 * HOUR), interview: null, screenedOn: null, ...over,
  };
}

function child(n: number, missingSpells: MissingSpell[], locality: Locality = 'central_east', dateOfBirth = '2010-05-01'): Journey {
  const j = emptyJourney(dateOfBirth, locality);
  return { ...j, child: { ...j.child, index: n, personId: `child-${n}` }, missing: missingSpells };
}

/** Both parts over the same journeys, as the authority runs them (missing first). */
function run(journeys: Journey[], seed = 1) {
  const m = collectingContext(END, seed);
  const o = collectingContext(END, seed);
  for (const j of journeys) {
    missing(j, m.ctx);
    synthesise(j, o.ctx);
  }
  return { episodes: m.rows.missing_episodes ?? [], rows: o.rows };
}

const manyReturns = (n: number) => Array.from({ length: 12 }, (_, i) => spell(`m${n}-${i}`, `2025-${String(i + 1).padStart(2, '0')}-10T19:00:00Z`));

describe('harm outside the home in the synthetic authority', () => {
  it('finds a share of returning children at a place of concern in their locality, at the moment the missing part records the return', () => {
    const { episodes, rows } = run([child(1, manyReturns(1)), child(2, manyReturns(2), 'south')]);
    const found = rows.place_incidents!.filter((i) => i.kind === 'found_missing');
    assert.ok(found.length >= 4 && found.length <= 20, `${found.length} of 24 high-risk returns`);
    const places = new Map(rows.places!.map((p) => [p.id, p]));
    for (const f of found) {
      const episode = episodes.find((e) => e.id === f.missing_episode_id)!;
      assert.ok(episode, 'the incident names an episode the missing part wrote');
      assert.deepEqual(f.occurred_at, episode.returned_at);
      const people = rows.place_incident_people!.filter((p) => p.incident_id === f.id).map((p) => p.person_id);
      assert.deepEqual(people, [episode.person_id]);
      const place = places.get(f.place_id)!;
      assert.equal(place.locality, episode.person_id === 'child-1' ? 'central_east' : 'south');
      assert.notEqual(place.kind, 'school');
      assert.match(place.postcode as string, episode.person_id === 'child-1' ? /^ZZ99 [456][A-Z]{2}$/ : /^ZZ99 [789][A-Z]{2}$/);
      const entry = rows.chronology!.find((c) => c.record_id === f.id)!;
      assert.equal(entry.person_id, episode.person_id);
      assert.equal(entry.summary, `Found at ${place.name} when missing (found when missing, police)`);
    }
    assert.equal(new Set(found.map((f) => f.missing_episode_id)).size, found.length, 'one incident per episode');
    assert.equal(new Set(rows.places!.map((p) => p.id)).size, rows.places!.length, 'each place written once');
  });

  it('leaves out returns before the register of places began, children still missing, and anything after the end', () => {
    const old = [spell('old', '2023-06-01T19:00:00Z'), spell('old2', '2023-09-01T19:00:00Z'), spell('old3', '2023-12-01T19:00:00Z')];
    const away = spell('away', '2026-03-30T19:00:00Z', { returnedAt: new Date('2026-04-02T10:00:00Z') });
    for (let seed = 1; seed <= 20; seed++) {
      const { rows } = run([child(1, [...old, away])], seed);
      assert.equal(rows.place_incidents, undefined, `seed ${seed}`);
    }
  });

  it('makes peer groups of children screened within a year and a half in the same locality, never mixing localities', () => {
    const screened = (n: number, locality: Locality, on: string) => child(n, [spell(`s${n}`, `${on}T18:00:00Z`, { risk: 'low', screenedOn: on.replace(/-01$/, '-05') })], locality);
    const journeys = [
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => screened(n, 'central_east', `2025-0${n}-01`)),
      ...[11, 12, 13, 14, 15, 16].map((n) => screened(n, 'north_west_rural', `2024-0${n - 9}-01`)),
    ];
    let groups = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { rows } = run(journeys, seed);
      const members = rows.peer_group_members ?? [];
      for (const g of rows.peer_groups ?? []) {
        groups++;
        const mine = members.filter((m) => m.group_id === g.id);
        assert.ok(mine.length >= 2);
        const localities = new Set(mine.map((m) => (Number(String(m.person_id).slice(6)) > 10 ? 'north_west_rural' : 'central_east')));
        assert.deepEqual([...localities], [g.locality]);
        const screenedOn = mine.map((m) => journeys.find((j) => j.child.personId === m.person_id)!.missing[0]!.screenedOn!);
        assert.ok(screenedOn.every((on) => on <= (mine[0]!.from_date as string)), 'members join after they were screened');
        const places = (rows.peer_group_places ?? []).filter((p) => p.group_id === g.id);
        assert.ok(places.length >= 1 && places.every((p) => rows.places!.some((x) => x.id === p.place_id && x.locality === g.locality)));
        for (const m of mine) assert.ok(rows.chronology!.some((c) => c.person_id === m.person_id && c.record_id === g.id && c.summary === 'Recorded as part of a peer group'));
      }
      for (const a of rows.associations ?? []) {
        assert.notEqual(a.person_id, a.other_person_id);
        assert.ok(members.some((m) => m.person_id === a.person_id), 'the first end is a member child');
        const other = members.find((m) => m.person_id === a.other_person_id);
        const adult = (rows.people ?? []).find((p) => p.id === a.other_person_id);
        assert.ok(other || adult?.person_type === 'adult');
        if (other) assert.equal(other.group_id, members.find((m) => m.person_id === a.person_id)!.group_id);
      }
    }
    assert.ok(groups >= 10, `${groups} groups over ten seeds`);
  });

  it('sees members together at their group’s places, discusses groups at the MET hub with actions, and names no one on a child’s chronology', () => {
    const journeys = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => child(n, [spell(`s${n}`, '2025-06-01T18:00:00Z', { screenedOn: '2025-06-05' })]));
    let sightings = 0;
    let discussions = 0;
    let adults = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { rows } = run(journeys, seed);
      const members = rows.peer_group_members ?? [];
      for (const s of (rows.place_incidents ?? []).filter((i) => i.kind === 'sighting' && i.source !== 'child')) {
        const seen = rows.place_incident_people!.filter((p) => p.incident_id === s.id).map((p) => members.find((m) => m.person_id === p.person_id)!);
        assert.ok(seen.length >= 2 && new Set(seen.map((m) => m.group_id)).size === 1, 'children of one group seen together');
        assert.ok(rows.peer_group_places!.some((p) => p.group_id === seen[0]!.group_id && p.place_id === s.place_id), 'at one of the group’s places');
        sightings++;
      }
      for (const d of rows.peer_group_discussions ?? []) {
        discussions++;
        assert.ok((d.discussed_on as string) <= END);
        const actions = rows.peer_group_actions!.filter((a) => a.discussion_id === d.id);
        assert.equal(actions.length, 2);
        assert.ok(actions.some((a) => a.place_id) && actions.some((a) => !a.place_id));
        for (const a of actions) assert.ok(!a.done_on || (a.done_on as string) <= END);
      }
      adults += (rows.people ?? []).length;
      const placeNames = (rows.places ?? []).map((p) => p.name as string);
      const texts = new Set(rows.chronology!.filter((c) => c.entry_type !== 'person.created').map((c) => placeNames.reduce((t, name) => t.replace(` ${name} `, ' … '), String(c.summary))));
      for (const t of texts) assert.match(t, /^(Recorded as part of a peer group|No longer recorded as part of a peer group|Discussed as part of a peer group|An association with (another young person|an adult) was recorded \((confirmed|likely|possible)\)|Seen at … \([a-z ]+, [a-z ]+\)|Found at … when missing \(found when missing, police\)|Police information linked to … \(police information, police\))$/, t);
      for (const c of rows.chronology!) assert.ok((c.occurred_at as Date) < new Date('2026-04-01T00:00:00+01:00'));
    }
    assert.ok(sightings > 5 && discussions > 3 && adults > 0, `${sightings} sightings, ${discussions} discussions, ${adults} adults of concern`);
  });

  it('holds a group’s discussion at the MET hub meeting held about one of its members, soon after the group was known', () => {
    const meetings = { '2025-06-20': 'meeting-june', '2025-07-18': 'meeting-july' };
    const referral = { id: 'referral-2', panel: 'met_hub' as const, route: 'missing_exploitation' as const, referredOn: '2025-06-10', referredBy: 'police' as const, earlyHelpCaseId: null, contactId: null, presentingIssues: ['missing'], meetingDates: [...Object.keys(meetings), '2026-09-01'], closedOn: null };
    const journeys = [1, 2, 3, 4].map((n) => ({ ...child(n, [spell(`s${n}`, '2025-06-01T18:00:00Z', { screenedOn: '2025-06-05' })]), panels: n === 2 ? [referral] : [] }));
    let atMeetings = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const { ctx, rows } = collectingContext(END, seed);
      // The panels part has written the meetings by the time this part runs.
      for (const [date, id] of Object.entries(meetings)) ctx.once(`panel-meeting:panel-met:${date}`, () => id);
      for (const j of journeys) synthesise(j, ctx);
      for (const d of rows.peer_group_discussions ?? []) {
        const members = rows.peer_group_members!.filter((m) => m.group_id === d.group_id).map((m) => m.person_id);
        const entries = rows.chronology!.filter((c) => c.entry_type === 'outside.group_discussed' && c.record_id === d.group_id);
        if (d.panel_meeting_id === null) {
          assert.ok(!members.includes('child-2'), 'a group with a member referred to the MET hub is discussed at its meeting');
          assert.ok(entries.every((e) => e.summary === 'Discussed as part of a peer group'));
          continue;
        }
        atMeetings++;
        assert.ok(members.includes('child-2'));
        assert.equal(meetings[d.discussed_on as keyof typeof meetings], d.panel_meeting_id);
        assert.ok(entries.length >= 2 && entries.every((e) => e.summary === 'Discussed as part of a peer group at the MET hub'));
      }
    }
    assert.ok(atMeetings >= 3, `${atMeetings} discussions at a meeting`);
  });

  it('ends a membership on the child’s 18th birthday and closes a group whose members have all grown up', () => {
    const journeys = [1, 2, 3, 4].map((n) => child(n, [spell(`s${n}`, '2024-06-01T18:00:00Z', { screenedOn: '2024-06-05' })], 'south', '2006-09-01'));
    const { rows } = run(journeys, 3);
    assert.ok(rows.peer_groups?.length);
    for (const m of rows.peer_group_members!) assert.equal(m.to_date, '2024-09-01');
    for (const g of rows.peer_groups!) assert.equal(g.closed_on, '2024-09-01');
  });

  it('gives every row of a table the same columns, and the same rows from the same seed', () => {
    const journeys = [1, 2, 3, 4, 5].map((n) => child(n, [...manyReturns(n).slice(6), spell(`s${n}`, '2025-02-01T18:00:00Z', { screenedOn: '2025-02-05' })]));
    const a = run(journeys, 4).rows;
    assert.deepEqual(run(journeys, 4).rows, a);
    assert.notDeepEqual(run(journeys, 5).rows, a);
    for (const [table, list] of Object.entries(a)) {
      const keys = Object.keys(list![0]!).sort().join();
      for (const r of list!) assert.equal(Object.keys(r).sort().join(), keys, table);
    }
  });
});
