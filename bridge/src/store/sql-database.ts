/** What a statement takes for its `?` placeholders, and what a column comes back as. */
export type SqlValue = string | number | null;

export interface SqlStatement {
  run(...params: SqlValue[]): { changes: number };
  /** The first row, or undefined: each row is an object by column name, integers as numbers. */
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
}

/**
 * The bridge's store engine: SQLite in its data dir (one machine) or
 * PostgreSQL (bridge processes on several machines). The rooms, Microsoft 365,
 * pairing and audit stores are written once against it, in the SQL both
 * engines speak. The rules every engine keeps:
 * - Calls are synchronous, as the bridge's logic is: a change and the answer
 *   it gives are decided in one turn of the event loop, so nothing else in
 *   the process runs in between.
 * - `?` placeholders; integers (milliseconds since the epoch among them) go
 *   in and come back as numbers; `"camelCase"` aliases keep their case.
 * - Write transactions are serialized across every process sharing the
 *   store: one that reads and then writes sees no other write in between.
 *   A single write outside `transaction` is serialized the same way.
 * - `transaction` inside another one is a savepoint: if its work throws,
 *   only its own writes are undone.
 * - A failure throws; nothing half-done is left behind.
 */
export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  /** Runs statements separated by `;`, taking no parameters. */
  exec(sql: string): void;
  /** Runs `work` in one write transaction: all of it is stored, or none. `work` must not be async. */
  transaction<T>(work: () => T): T;
  close(): void;
}
