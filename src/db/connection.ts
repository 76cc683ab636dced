import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { serialPGliteKysely } from './serial-pglite.ts';
import type { Database } from './types.ts';

export type Engine = 'embedded' | 'postgres';
export type Db = Kysely<Database>;

export interface Connection {
  db: Db;
  engine: Engine;
  /** The schema Cairn's tables live in: 'public' unless tests isolate themselves in one of their own. */
  schema: string;
  close(): Promise<void>;
  /** Embedded only: the whole database as a tar file, which `loadDataDir` opens again. */
  dumpDataDir?: () => Promise<Blob>;
}

export interface OpenOptions {
  /** PostgreSQL: the schema to work in (tests isolate each run in one). */
  searchPath?: string;
  /** Embedded: start from a saved database instead of an empty one. */
  loadDataDir?: Blob;
  /**
   * PostgreSQL: the server cancels a statement that runs longer than this; the client gives up waiting for an answer,
   * or for a new connection, a little later, so a network that silently stops carrying packets fails requests (503)
   * instead of holding them forever. Unset or 0: no limit (migrations, seeding, backups).
   */
  statementTimeoutMs?: number;
}

/** How much longer than the server's own limit the client waits before it decides the network has gone. */
const CLIENT_GRACE_MS = 2_000;

const DATE_OID = 1082;
const INT8_OID = 20;
const asText = (value: string) => value;

/**
 * Opens the database the config names. Both engines hand back the same Kysely type and read `date`
 * columns as 'YYYY-MM-DD' text, so a legal date never shifts with the server's time zone.
 */
export async function openDatabase(database: Config['database'], options: OpenOptions = {}): Promise<Connection> {
  if (database.engine === 'postgres') {
    pg.types.setTypeParser(DATE_OID, asText);
    pg.types.setTypeParser(INT8_OID, asText);
    const timeout = options.statementTimeoutMs || 0;
    const serverOptions = [
      ...(options.searchPath ? [`-c search_path=${options.searchPath},public`] : []),
      ...(timeout ? [`-c statement_timeout=${timeout}`] : []),
    ];
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 10,
      keepAlive: true,
      ...(serverOptions.length ? { options: serverOptions.join(' ') } : {}),
      ...(timeout ? { query_timeout: timeout + CLIENT_GRACE_MS, connectionTimeoutMillis: timeout + CLIENT_GRACE_MS } : {}),
    });
    // A connection the server drops (a restart, pg_terminate_backend, a network cut) is reported as an 'error' event:
    // on the pool while it is idle, on the client while a request holds it. Without a listener Node would end the
    // whole process. The query in flight fails on its own (the request answers 503) and the pool discards the client.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
      if (timeout) discardOnReadTimeout(client);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', schema: options.searchPath ?? 'public', close: () => db.destroy() };
  }
  return openEmbedded(database, options);
}

/**
 * After a read timeout `pg` stops waiting but keeps the client, with its statement still outstanding on a network that
 * may never answer; every later query on it would wait behind that one. Closing the socket marks the client unusable,
 * so the pool discards it on release and the next request gets a fresh connection.
 */
function discardOnReadTimeout(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === 'Query read timeout') (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      });
    }
    return result;
  };
}

async function openEmbedded(database: Extract<Config['database'], { engine: 'embedded' }>, options: OpenOptions): Promise<Connection> {
  const unlock = database.dataDir ? lockDataDir(database.dataDir) : () => {};
  const pglite = await PGlite.create({
    ...(database.dataDir ? { dataDir: database.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: asText, [INT8_OID]: asText },
  }).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const db = serialPGliteKysely<Database>(pglite);
  return {
    db,
    engine: 'embedded',
    schema: 'public',
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}
