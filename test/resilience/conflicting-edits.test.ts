import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Selectable } from 'kysely';
import type { Database } from '../../src/db/types.ts';
import { type TestApp, testApp, type TestClient } from '../support/app.ts';
import { testEngine } from '../support/database.ts';

const SAM = 'sam.rowe@cairn.example';
/** Edits sent at once, all from the same version of the record. */
const EDITORS = 200;

/** The "Change details" form for a person as a browser sends it, every field as read, with the version it was read at. */
function editForm(person: Selectable<Database['people']>, givenName: string, version: number): Record<string, string | string[]> {
  const date = (name: string, iso: string | null) => {
    const [year = '', month = '', day = ''] = (iso ?? '').split('-');
    return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
  };
  return {
    version: String(version),
    personType: person.person_type,
    givenName,
    familyName: person.family_name,
    ...date('dateOfBirth', person.date_of_birth),
    ...date('expectedDateOfDelivery', person.expected_date_of_delivery),
    sex: person.sex ?? 'U',
    gender: person.gender ?? '',
    ethnicity: person.ethnicity ?? '',
    nhsNumber: person.nhs_number ?? '',
    upn: person.upn ?? '',
    language: person.language ?? '',
    disabilities: person.disabilities,
  };
}

describe(`${EDITORS} people saving conflicting changes to the same record at once (${testEngine})`, () => {
  let t: TestApp;
  let editors: TestClient[];
  let personId: string;
  before(async () => {
    t = await testApp({ children: 20 });
    // Several signed-in sessions, as several people at their desks would have.
    editors = await Promise.all(Array.from({ length: 4 }, () => t.signedIn(SAM)));
    personId = (await t.db.selectFrom('people').select('id').where('person_type', '=', 'child').where('restricted', '=', false).orderBy('id').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  for (const round of [1, 2]) {
    it(`round ${round}: exactly one wins, the other ${EDITORS - 1} see the conflict page, and the record holds the winner's change`, async (c) => {
      const person = await t.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
      const updatesBefore = await t.db.selectFrom('chronology').select('id').where('person_id', '=', personId).where('entry_type', '=', 'person.updated').execute();
      const names = Array.from({ length: EDITORS }, (_, i) => `Contender ${round}-${i}`);
      const started = Date.now();
      const responses = await Promise.all(names.map((name, i) => editors[i % editors.length]!.post(`/people/${personId}/edit`, editForm(person, name, person.version))));
      c.diagnostic(`${EDITORS} edits answered in ${Date.now() - started} ms`);

      const statuses = responses.map((r) => r.statusCode);
      const winners = statuses.flatMap((s, i) => (s === 303 ? [i] : []));
      assert.equal(winners.length, 1, `exactly one edit is saved (answers: ${[...new Set(statuses)].join(', ')})`);
      assert.equal(statuses.filter((s) => s === 409).length, EDITORS - 1, 'every other edit is refused as a conflict');
      const winner = names[winners[0]!]!;
      assert.equal(responses[winners[0]!]!.headers.location, `/people/${personId}?saved=1`);
      for (const [i, r] of responses.entries()) {
        if (i === winners[0]) continue;
        assert.match(r.body, /This record was changed by someone else/);
        assert.match(r.body, /Nothing you entered has been saved/);
        // Both versions side by side: what this user typed, and the winner's change now saved.
        assert.ok(r.body.includes(names[i]!) && r.body.includes(winner), 'the conflict page shows the user’s version and the saved one');
      }

      const saved = await t.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
      assert.equal(saved.given_name, winner, 'the stored record is the winner’s input');
      assert.equal(saved.version, person.version + 1, 'the version moved on once');
      assert.deepEqual({ ...saved, given_name: person.given_name, search_name: person.search_name, version: person.version, updated_at: person.updated_at }, person, 'nothing else changed');
      const updates = await t.db.selectFrom('chronology').select('summary').where('person_id', '=', personId).where('entry_type', '=', 'person.updated').execute();
      assert.equal(updates.length, updatesBefore.length + 1, 'one chronology entry, for the one change saved');

      const page = await editors[0]!.get(`/people/${personId}/edit`);
      assert.ok(page.body.includes(`value="${winner}"`), 'the edit form now starts from the winner’s version');
      assert.ok(page.body.includes(`name="version" value="${person.version + 1}"`));
    });
  }
});
