/**
 * Cairn serving the synthetic authority in a process of its own (started by `server-process.ts` with
 * `--expose-gc`), so that the memory it reports is the server's alone, not the load generator's. It answers the
 * parent over IPC: session cookies for given users, and its memory (after a full collection when asked, so that a
 * sample is what is still live rather than where the sawtooth of allocation happened to be).
 */
import { performance } from 'node:perf_hooks';
import { benchAuthority } from './authority.ts';
import { serveCairn, sessionCookie } from './http.ts';
import type { ParentMessage } from './server-process.ts';

const authority = await benchAuthority();
const { app, base } = await serveCairn(authority);
const send = (message: unknown) => process.send!(message);
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('The server process needs --expose-gc to settle its heap before a sample');

process.on('message', (message: ParentMessage) => {
  void (async () => {
    if (message.type === 'cookies') {
      const cookies = await Promise.all(message.userIds.map((id) => sessionCookie(app, authority, id)));
      send({ type: 'cookies', cookies });
    } else if (message.type === 'memory') {
      const started = performance.now();
      // Twice: the first collection can leave objects whose finalisers free more on the second.
      if (message.settle) {
        collect();
        collect();
      }
      const pauseMs = performance.now() - started;
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      send({ type: 'memory', rss, heapUsed, heapTotal, external, pauseMs });
    } else if (message.type === 'stop') {
      await app.close();
      await authority.close();
      process.exit(0);
    }
  })();
});
send({ type: 'ready', base });
