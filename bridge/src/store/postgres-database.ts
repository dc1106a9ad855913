import { createRequire } from 'node:module';
import type Libpq from 'libpq';
import type { Clock } from '../../../shared/clock.ts';
import { POSTGRES_MIGRATIONS } from './postgres-schema.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql-database.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

/**
 * The one advisory lock every write transaction of every bridge process
 * takes first: SQLite's single writer, across machines. Walk-up actions,
 * sync rounds and admin changes are small and rare enough that one queue
 * costs nothing, and no reasoning about which rows conflict is needed.
 */
const WRITE_LOCK = 0x4c696e74; // "Lint"

/**
 * Bounds on how long the bridge waits for the database: calls are
 * synchronous (SqlDatabase's rules), so an unreachable or stuck database must
 * fail a call within seconds rather than hold the whole bridge.
 */
const CONNECTION_DEFAULTS: Record<string, string> = {
  connect_timeout: '2',
  tcp_user_timeout: '5000',
  keepalives_idle: '10',
  application_name: 'lintel-bridge',
};
const SESSION_SETTINGS = [
  "statement_timeout = '5s'",
  "lock_timeout = '5s'",
  "idle_in_transaction_session_timeout = '10s'",
  // libpq prints notices on stderr, beside the bridge's log.
  'client_min_messages = warning',
];

/**
 * Errors that say the database cannot serve the bridge just now, not that
 * the statement is wrong: connection failures (class 08), the server
 * shutting down or starting (57P0x), too many connections, and the bounds
 * above (a statement, a lock or an idle transaction that took too long).
 */
function unavailable(sqlState: string | undefined): boolean {
  if (sqlState === undefined) return true;
  return sqlState.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014', '55P03', '25P03'].includes(sqlState);
}

/**
 * After a failed connection, the next is tried only this much later, doubling
 * up to the cap: calls in between fail at once, so a database that does not
 * answer holds the bridge for connect_timeout at most once in a while, not at
 * every call.
 */
const FIRST_RECONNECT_MS = 1_000;
const MAX_RECONNECT_MS = 15_000;

/** int2, int4, int8, float4, float8, numeric: what SQLite hands back as numbers. */
const NUMBER_TYPES = new Set([21, 23, 20, 700, 701, 1700]);
const CONNECTION_LOST = 4; // PQTRANS_UNKNOWN

/** node-libpq has it; its type declaration does not. */
type Connection = Libpq & { transactionStatus(): number };

/**
 * PostgreSQL as the bridge's store, for bridge processes on several
 * machines. libpq's synchronous calls keep the SqlDatabase rules: a change is
 * decided in one turn of the event loop, as with SQLite. A lost connection
 * fails the call under way and is made again by the next one.
 */
export function openPostgresDatabase(url: string, clock: Clock): SqlDatabase {
  const database = new PostgresDatabase(loadLibpq(), withConnectionDefaults(url), clock);
  database.migrate();
  return database;
}

function loadLibpq(): new () => Connection {
  try {
    return createRequire(import.meta.url)('libpq') as new () => Connection;
  } catch (error) {
    throw new Error("PostgreSQL needs the libpq module, built when npm install finds PostgreSQL's client library: install libpq-dev (Debian) and run npm install again.", {
      cause: error,
    });
  }
}

/** The URL with the connection bounds added, unless it sets them itself. */
function withConnectionDefaults(url: string): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(CONNECTION_DEFAULTS)) if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

class PostgresDatabase implements SqlDatabase {
  readonly #Libpq: new () => Connection;
  readonly #url: string;
  readonly #clock: Clock;
  #pq: Connection | undefined;
  /** How many transactions are open inside each other: the outermost one is real, the others savepoints. */
  #depth = 0;
  #failedConnections = 0;
  #nextConnectionAt = 0;
  #connectionFailure = '';

  constructor(libpq: new () => Connection, url: string, clock: Clock) {
    this.#Libpq = libpq;
    this.#url = url;
    this.#clock = clock;
  }

  /** Brings the schema up to date; processes starting together queue on the write lock, and the later ones find it done. */
  migrate(): void {
    this.transaction(() => {
      this.exec('CREATE TABLE IF NOT EXISTS lintel_schema (version INTEGER NOT NULL)');
      const row = this.prepare('SELECT version FROM lintel_schema').get() as { version: number } | undefined;
      const current = row?.version ?? 0;
      if (current > POSTGRES_MIGRATIONS.length) {
        throw new Error(`The database was written by a newer Lintel (schema ${current}); this one knows ${POSTGRES_MIGRATIONS.length}.`);
      }
      for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) this.exec(POSTGRES_MIGRATIONS[version] ?? '');
      this.exec('DELETE FROM lintel_schema');
      this.prepare('INSERT INTO lintel_schema (version) VALUES (?)').run(POSTGRES_MIGRATIONS.length);
    });
  }

  prepare(sql: string): SqlStatement {
    const text = numberPlaceholders(sql);
    return {
      run: (...params) => this.#serialized(() => ({ changes: Number(this.#query(text, params).cmdTuples()) || 0 })),
      get: (...params) => rowsOf(this.#query(text, params))[0],
      all: (...params) => rowsOf(this.#query(text, params)),
    };
  }

  exec(sql: string): void {
    this.#serialized(() => this.#command(sql));
  }

  transaction<T>(work: () => T): T {
    const outermost = this.#depth === 0;
    const savepoint = `lintel_${this.#depth}`;
    this.#command(outermost ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    try {
      if (outermost) this.#query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const result = work();
      if (typeof (result as { then?: unknown } | null)?.then === 'function') throw new Error('A store transaction cannot wait for anything: its work must not be async.');
      this.#command(outermost ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      this.#undo(outermost, savepoint);
      throw error;
    } finally {
      this.#depth--;
    }
  }

  close(): void {
    if (this.#pq) finish(this.#pq);
    this.#pq = undefined;
  }

  /** A write outside a transaction queues on the write lock like any other (SqlDatabase's rules). */
  #serialized<T>(write: () => T): T {
    return this.#depth > 0 ? write() : this.transaction(write);
  }

  #undo(outermost: boolean, savepoint: string): void {
    try {
      this.#command(outermost ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
    } catch {
      // The connection is gone, and the server rolled the transaction back with it: the caller hears of the first failure.
    }
  }

  #command(sql: string): void {
    const pq = this.#connection();
    pq.exec(sql);
    this.#check(pq);
  }

  #query(text: string, params: readonly SqlValue[]): Connection {
    const pq = this.#connection();
    // libpq sends null as SQL NULL; its type declaration leaves that out.
    pq.execParams(text, params.map((value) => (value === null ? null : String(value))) as string[]);
    this.#check(pq);
    return pq;
  }

  #check(pq: Connection): void {
    const status = pq.resultStatus();
    if (status !== 'PGRES_FATAL_ERROR' && status !== 'PGRES_BAD_RESPONSE') return;
    const fields = pq.resultErrorFields();
    const message = `PostgreSQL: ${fields.messagePrimary ?? (pq.resultErrorMessage() || pq.errorMessage()).trim()}`;
    const lost = pq.transactionStatus() === CONNECTION_LOST;
    if (lost) this.close();
    if (lost || unavailable(fields.sqlState)) throw new StoreUnavailableError(message);
    throw Object.assign(new Error(message), { code: fields.sqlState });
  }

  #connection(): Connection {
    if (this.#pq) return this.#pq;
    // A transaction under way died with its connection: its work must not go on in a new one, half done.
    if (this.#depth > 0) throw new StoreUnavailableError('PostgreSQL: the connection was lost during a transaction.');
    const now = this.#clock.now();
    if (now < this.#nextConnectionAt) {
      throw new StoreUnavailableError(`PostgreSQL: cannot connect (${this.#connectionFailure}); trying again in ${Math.ceil((this.#nextConnectionAt - now) / 1000)} s`);
    }
    const pq = new this.#Libpq();
    try {
      pq.connectSync(this.#url);
    } catch (error) {
      this.#connectionFailure = error instanceof Error ? error.message.trim() : String(error);
      this.#nextConnectionAt = now + Math.min(MAX_RECONNECT_MS, FIRST_RECONNECT_MS * 2 ** this.#failedConnections++);
      throw new StoreUnavailableError(`PostgreSQL: cannot connect (${this.#connectionFailure})`, { cause: error });
    }
    this.#failedConnections = 0;
    this.#nextConnectionAt = 0;
    this.#pq = pq;
    try {
      for (const setting of SESSION_SETTINGS) this.#command(`SET ${setting}`);
    } catch (error) {
      this.close();
      throw error;
    }
    return pq;
  }
}

/** Finished connections, kept from the garbage collector until libuv has let go of their socket. */
const closing = new Set<Connection>();

/**
 * node-libpq's finish() hands the connection's socket watcher to libuv to
 * close, which it does in a later phase of the event loop; the watcher lives
 * inside the connection object, so a garbage collection in between frees
 * memory libuv still reads, and the process aborts. Two turns of the check
 * phase later, every close phase that may hold it has run.
 */
function finish(pq: Connection): void {
  pq.finish();
  closing.add(pq);
  setImmediate(() => setImmediate(() => closing.delete(pq)));
}

/** `?` becomes `$1`, `$2`, ... except inside quoted text and identifiers. */
function numberPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = '';
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '?') {
      out += `$${++n}`;
      continue;
    }
    out += char;
  }
  return out;
}

function rowsOf(pq: Libpq): Record<string, SqlValue>[] {
  const columns = Array.from({ length: pq.nfields() }, (_, index) => ({ name: pq.fname(index), number: NUMBER_TYPES.has(pq.ftype(index)) }));
  return Array.from({ length: pq.ntuples() }, (_, row) =>
    Object.fromEntries(
      columns.map((column, index) => {
        if (pq.getisnull(row, index)) return [column.name, null];
        const text = pq.getvalue(row, index);
        return [column.name, column.number ? Number(text) : text];
      }),
    ),
  );
}
