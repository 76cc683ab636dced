import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type Connection, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { trackJob } from './platform/ops/metrics.ts';
import { shutDown } from './platform/ops/shutdown.ts';

try {
  const config = loadConfig();
  // Migrating and seeding may rightly run longer than any request should, so they use a connection without the
  // statement timeout; on PostgreSQL requests are then served through one with it.
  const setup = await openDatabase(config.database);
  await trackJob('migrate', () => migrateToLatest(setup.db, setup.schema));
  if (config.demo) await trackJob('demo-seed', () => seedDemoIfEmpty(setup.db));
  const database = setup.engine === 'postgres' ? await reopenWithTimeout(setup, config) : setup;
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
  app.webhookDelivery.start();
  app.notifications.start();
  app.log.info(`Cairn is running at http://localhost:${config.port} on the ${database.engine} database`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

async function reopenWithTimeout(setup: Connection, config: Config): Promise<Connection> {
  await setup.close();
  return openDatabase(config.database, { statementTimeoutMs: config.statementTimeoutMs });
}
