import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';

try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db, database.schema);
  if (config.demo) await seedDemoIfEmpty(database.db);
  const app = await buildApp({ config, database });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Cairn is running at http://localhost:${config.port} on the ${database.engine} database`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
