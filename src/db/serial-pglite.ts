import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { type DatabaseConnection, type Dialect, type Driver, Kysely, TransactionBuilder, type TransactionSettings } from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';

/**
 * PGlite is one database session. kysely-pglite hands every query that session with no queue, so while one request's
 * transaction was open another request's statements ran inside it: committed with it, or lost when it rolled back.
 * This driver lets one user of the session in at a time: a query, or a transaction from BEGIN to COMMIT.
 *
 * Code inside a transaction that queries through the outer `db` (not its `trx`) would wait for its own transaction
 * to end, for ever. So each transaction is marked in the async context that runs it, and a query from that context
 * joins the transaction instead of waiting (as it did before, when everything shared the session).
 */
const transactionsOfContext = new AsyncLocalStorage<readonly object[]>();

class SerialDriver implements Driver {
  #inner: Driver;
  #queue: Promise<void> = Promise.resolve();
  /** Who holds the session: a single query (null) or the transaction it was acquired for. */
  #holder: { transaction: object | null } | null = null;
  #joined = new WeakSet<DatabaseConnection>();
  #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const holding = this.#holder?.transaction;
    if (holding && transactionsOfContext.getStore()?.includes(holding)) {
      const joined = await this.#inner.acquireConnection();
      this.#joined.add(joined);
      return joined;
    }
    const before = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => (release = resolve));
    await before;
    const connection = await this.#inner.acquireConnection();
    this.#holder = { transaction: null };
    this.#releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (!this.#joined.has(connection)) this.#holder = { transaction: transactionsOfContext.getStore()?.at(-1) ?? null };
    await this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    if (this.#joined.has(connection)) return;
    this.#holder = null;
    this.#releases.get(connection)?.();
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
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
  const inner = new KyselyPGlite(pglite).dialect;
  const dialect: Dialect = {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new SerialDriver(inner.createDriver()),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
  return new SerialKysely<DB>({ dialect });
}
