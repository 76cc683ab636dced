import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StateError } from './http/errors.ts';
import { stateMachine } from './state-machine.ts';

describe('state machines', () => {
  const machine = stateMachine('assessment', { draft: ['submitted'], submitted: ['draft', 'authorised'], authorised: [] }, { draft: 'In progress', submitted: 'Submitted', authorised: 'Authorised' });

  it('allows only the declared steps', () => {
    assert.equal(machine.allowed('draft', 'submitted'), true);
    assert.equal(machine.allowed('draft', 'authorised'), false);
    machine.assert('submitted', 'authorised');
  });

  it('explains an illegal step and what may follow instead', () => {
    assert.throws(() => machine.assert('draft', 'authorised'), (error: unknown) => {
      assert.ok(error instanceof StateError);
      assert.equal(error.statusCode, 409);
      assert.equal(error.message, 'This assessment is in progress, so it cannot be authorised now. From here it can only be: submitted.');
      return true;
    });
    assert.throws(() => machine.assert('authorised', 'draft'), /Nothing can follow this/);
  });
});
