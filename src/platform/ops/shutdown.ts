import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '../../db/connection.ts';

/**
 * Shuts down without cutting anyone off: readiness turns 503, the listener closes (new connections are refused),
 * requests in flight finish, and only then is the database closed. Requests still running after `timeoutMs` are cut
 * off so that a stuck request cannot hold the process forever. Resolves to the exit code: 0 when everything finished,
 * 1 when requests had to be cut off or something failed on the way down.
 */
export async function shutDown(app: FastifyInstance, database: Connection, { signal, timeoutMs }: { signal: string; timeoutMs: number }): Promise<number> {
  app.lifecycle.shuttingDown = true;
  app.log.info({ signal, timeoutMs }, 'shutting down: refusing new connections and finishing requests in flight');
  let exitCode = 0;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  try {
    const closing = app.close().then(() => 'closed' as const);
    if ((await Promise.race([closing, timedOut])) === 'timed out') {
      exitCode = 1;
      app.log.warn({ timeoutMs }, 'requests still in flight when the shutdown timeout ran out: cutting them off');
      app.server.closeAllConnections();
      // Destroyed sockets let the server close at once; a second's grace, so nothing can hold the process up.
      await Promise.race([closing, delay(1000)]);
    }
  } catch (error) {
    exitCode = 1;
    app.log.error({ err: error }, 'the server did not close cleanly');
  } finally {
    clearTimeout(timer);
  }
  try {
    await database.close();
  } catch (error) {
    exitCode = 1;
    app.log.error({ err: error }, 'the database did not close cleanly');
  }
  app.log.info({ exitCode }, 'shut down');
  return exitCode;
}
