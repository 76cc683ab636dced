import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('knows a database that cannot be reached', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006', 'connection failure'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
      new Error('wrapped', { cause: withCode('ECONNRESET') }),
    ]) {
      assert.equal(isDatabaseUnavailable(error), true, String((error as { code?: string }).code ?? error.message));
    }
  });

  it('leaves other failures alone: a bad query, a broken constraint, a bug', () => {
    for (const error of [withCode('23505', 'duplicate key value'), withCode('42P01', 'relation does not exist'), new TypeError('x is undefined'), null, 'text', withCode('FST_ERR_VALIDATION')]) {
      assert.equal(isDatabaseUnavailable(error), false, String(error));
    }
  });
});
