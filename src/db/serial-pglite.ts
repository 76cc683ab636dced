import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  TransactionBuilder,
} from 'kysely';

/**
 * Kysely's driver for PGlite, which is one database session: it lets one user of the session in at a time, a query or
 * a transaction from BEGIN to COMMIT. (kysely-pglite, used before, handed every query the session with no queue, so
 * while one request's transaction was open another request's statements ran inside it: committed with it, or lost
 * when it rolled back.)
 *
 * Code inside a transaction that queries through the outer `db` (not its `trx`) would wait for its own transaction
 * to end, for ever. So each transaction is marked in the async context that runs it, and a query from that context
 * joins the transaction instead of waiting (as it did before, when everything shared the session).
 */
const transactionsOfContext = new AsyncLocalStorage<readonly object[]>();

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#pglite.query<R>(query.sql, [...query.parameters]);
    return { rows: result.rows, ...(result.affectedRows === undefined ? {} : { numAffectedRows: BigInt(result.affectedRows) }) };
  }

  // eslint-disable-next-line require-yield -- the interface asks for a generator; PGlite cannot stream
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results.');
  }
}

class SerialDriver implements Driver {
  readonly #pglite: PGlite;
  #queue: Promise<void> = Promise.resolve();
  /** Who holds the session: a single query (null) or the transaction it was acquired for. */
  #holder: { transaction: object | null } | null = null;
  #joined = new WeakSet<DatabaseConnection>();
  #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const holding = this.#holder?.transaction;
    if (holding && transactionsOfContext.getStore()?.includes(holding)) {
      const joined = new PGliteConnection(this.#pglite);
      this.#joined.add(joined);
      return joined;
    }
    const before = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => (release = resolve));
    await before;
    const connection = new PGliteConnection(this.#pglite);
    this.#holder = { transaction: null };
    this.#releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#joined.has(connection)) this.#holder = { transaction: transactionsOfContext.getStore()?.at(-1) ?? null };
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (this.#joined.has(connection)) return;
    this.#holder = null;
    this.#releases.get(connection)?.();
  }

  async destroy(): Promise<void> {
    if (!this.#pglite.closed) await this.#pglite.close();
  }
}

/** Marks the async context a transaction runs in, through every builder setting (isolation level, access mode). */
function marked<DB>(builder: TransactionBuilder<DB>): TransactionBuilder<DB> {
  return new Proxy(builder, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key === 'execute') {
        return (callback: Parameters<TransactionBuilder<DB>['execute']>[0]) =>
          transactionsOfContext.run([...(transactionsOfContext.getStore() ?? []), {}], () => target.execute(callback));
      }
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof TransactionBuilder ? marked(result as TransactionBuilder<DB>) : result;
      };
    },
  });
}

class SerialKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    return marked(super.transaction());
  }
}

/** A Kysely over one PGlite whose requests take turns, each transaction kept whole. */
export function serialPGliteKysely<DB>(pglite: PGlite): Kysely<DB> {
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new SerialDriver(pglite),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
  return new SerialKysely<DB>({ dialect });
}
