import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PollLoop } from './poll-loop.ts';

const waitFor = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('a background poll loop', () => {
  it('runs round after round, reports a failed round and goes on', async () => {
    let rounds = 0;
    const errors: unknown[] = [];
    const loop = new PollLoop({
      round: async () => {
        rounds += 1;
        if (rounds === 2) throw new Error('the second round failed');
      },
      intervalMs: 1,
      onError: (error) => errors.push(error),
    });
    loop.start();
    await waitFor(() => rounds >= 4);
    await loop.stop();
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /the second round failed/);
  });

  it('runs the first step once before the rounds, and stop waits for the round in progress', async () => {
    const events: string[] = [];
    let release!: () => void;
    const loop = new PollLoop({
      round: () => {
        events.push('round started');
        return new Promise<void>((resolve) => (release = resolve)).then(() => void events.push('round finished'));
      },
      intervalMs: 1,
      onError: () => {},
    });
    loop.start(async () => void events.push('first'));
    await waitFor(() => events.includes('round started'));
    const stopping = loop.stop().then(() => events.push('stopped'));
    assert.equal(loop.running, false);
    release();
    await stopping;
    assert.deepEqual(events, ['first', 'round started', 'round finished', 'stopped']);
  });
});
