import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { trackJob } from './platform/ops/metrics.ts';
import { shutDown } from './platform/ops/shutdown.ts';

try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await trackJob('migrate', () => migrateToLatest(database.db, database.schema));
  if (config.demo) await trackJob('demo-seed', () => seedDemoIfEmpty(database.db));
  const app = await buildApp({ config, database });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // Asked again while requests finish (a second Ctrl-C): stop at once, as people expect.
    if (stopping) process.exit(1);
    stopping = true;
    void shutDown(app, database, { signal, timeoutMs: config.shutdownTimeoutMs }).then((code) => process.exit(code));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Cairn is running at http://localhost:${config.port} on the ${database.engine} database`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
