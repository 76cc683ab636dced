import type { Connection } from '../../db/connection.ts';
import { migrationNames } from '../../db/migrate.ts';
import { databaseErrorKind } from './database-errors.ts';
import { countDatabaseError } from './metrics.ts';
import { appliedMigrationNames } from './repository.ts';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** How long the database has to answer a readiness check before the instance is reported not ready. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * Whether this instance should be sent requests: not while it is shutting down, and only when the database answers
 * within two seconds with every migration this version knows applied. A load balancer polls this, so it is one query.
 */
export async function checkReadiness(database: Connection, shuttingDown: boolean, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  if (shuttingDown) return { ready: false, reason: 'Cairn is shutting down' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const applied = await Promise.race([appliedMigrationNames(database.db, database.schema), timeout]);
    if (applied === 'timeout') {
      countDatabaseError('connection');
      return { ready: false, reason: `The database did not answer within ${timeoutMs / 1000} seconds` };
    }
    if (applied === null) return { ready: false, reason: 'The database has no migrations applied: run npm run cairn -- migrate' };
    const done = new Set(applied);
    const pending = migrationNames().filter((name) => !done.has(name));
    if (pending.length) {
      return { ready: false, reason: `${pending.length} database migration${pending.length === 1 ? ' is' : 's are'} not applied: ${pending.join(', ')}` };
    }
    return { ready: true };
  } catch (error) {
    countDatabaseError(databaseErrorKind(error) ?? 'connection');
    return { ready: false, reason: 'The database is not answering' };
  } finally {
    clearTimeout(timer);
  }
}
