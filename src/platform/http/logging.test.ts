import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, type TestClient, testApp } from '../../../test/support/app.ts';
import { serializeError } from './logging.ts';

const SAM = 'sam.rowe@cairn.example';
const GIVEN = 'Zebedee';
const FAMILY = 'Quartermaine';

describe('request logs carry no personal data', () => {
  const lines: string[] = [];
  let t: TestApp;
  let sam: TestClient;
  before(async () => {
    t = await testApp({ children: 10, logger: { write: (line: string) => void lines.push(line) } });
    sam = await t.signedIn(SAM);
  });
  after(() => t.close());

  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs a person search and a form post by route pattern, with no name, query string, body or header', async () => {
    const start = lines.length;
    assert.equal((await sam.get(`/people?name=${GIVEN}+${FAMILY}&dateOfBirth=2015-03-04`)).statusCode, 200);
    assert.equal((await sam.post('/people/search', { name: `${GIVEN} ${FAMILY}` })).statusCode, 200);
    const created = await sam.post('/people/new', { givenName: GIVEN, familyName: FAMILY, 'dateOfBirth-day': '4', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2015' });
    assert.ok(created.statusCode < 500, `the form post was answered (${created.statusCode})`);
    const personId = (await t.db.selectFrom('people').select('id').limit(1).executeTakeFirstOrThrow()).id;
    assert.equal((await sam.get(`/people/${personId}?from=search&name=${GIVEN}`)).statusCode, 200);

    const text = lines.slice(start).join('');
    const entries = logged().slice(start);
    const incoming = entries.filter((e) => e.msg === 'incoming request').map((e) => e.req);
    assert.deepEqual(incoming, [
      { method: 'GET', route: '/people' },
      { method: 'POST', route: '/people/search' },
      { method: 'POST', route: '/people/new' },
      { method: 'GET', route: '/people/:id' },
    ]);
    assert.ok(entries.some((e) => e.msg === 'request completed' && (e.res as { statusCode: number }).statusCode === 200));
    for (const secret of [GIVEN, FAMILY, 'dateOfBirth', personId, 'name=', 'cookie', 'cairn_session', sam.csrf]) {
      assert.ok(!text.includes(secret), `"${secret}" is not in the log`);
    }
  });

  it('never logs the email address a user signs in with', () => {
    assert.ok(logged().some((e) => (e.req as { route?: string } | undefined)?.route === '/sign-in'), 'the sign-in was logged');
    assert.ok(!lines.join('').includes(SAM));
  });

  it('logs a database error by its code, without the value the database quotes or the statement’s parameters', async () => {
    const error = await sql`SELECT ${`${GIVEN} ${FAMILY}`}::uuid AS id`.execute(t.db).then(
      () => assert.fail('the database accepted a name as a uuid'),
      (e: Error) => e,
    );
    assert.ok(String(error.message).includes(GIVEN), 'the raw error does quote the value');
    const serialized = serializeError(error);
    assert.equal(serialized.code, '22P02');
    assert.match(serialized.message, /invalid input syntax for type uuid/);
    assert.ok(!JSON.stringify(serialized).includes(GIVEN));

    const start = lines.length;
    t.app.log.error({ err: error }, 'request failed');
    const line = lines.slice(start).join('');
    assert.match(line, /"code":"22P02"/);
    assert.ok(!line.includes(GIVEN) && !line.includes(FAMILY));
  });

  it('drops the values drivers attach to other errors', () => {
    const error = Object.assign(new Error('something failed'), { detail: `Key (name)=(${GIVEN})`, params: [GIVEN], statusCode: 500 });
    const serialized = serializeError(error);
    assert.equal(serialized.message, 'something failed');
    assert.equal(serialized.statusCode, 500);
    assert.ok(!JSON.stringify(serialized).includes(GIVEN));
  });
});
