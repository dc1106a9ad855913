import type { SqlDatabase } from '../../store/sql-database.ts';

/** One change waiting to be written to a room's calendar, in the order it was made. */
export interface OutboxRow<C> {
  seq: number;
  roomId: string;
  /** The meeting changed (or a series' key). */
  meetingId: string;
  change: C;
}

/**
 * A calendar integration's outbox in the bridge's store (`m365_outbox`,
 * `remote_outbox`: the same columns): changes are added in the transaction
 * that makes them, so none is lost to a crash, and leave only once their
 * calendar answered. Every write joins the caller's transaction.
 */
export class OutboxTable<C> {
  readonly #db: SqlDatabase;
  readonly #table: string;

  constructor(db: SqlDatabase, table: 'm365_outbox' | 'remote_outbox') {
    this.#db = db;
    this.#table = table;
  }

  enqueue(roomId: string, meetingId: string, change: C, now: number): void {
    this.#db.prepare(`INSERT INTO ${this.#table} (room_id, meeting_id, change, created_at) VALUES (?, ?, ?, ?)`).run(roomId, meetingId, JSON.stringify(change), now);
  }

  /** The oldest waiting changes first; a room's in the order they were made. `roomIds` limits it to the rooms this process sends for. */
  waiting(limit: number, roomIds?: readonly string[]): OutboxRow<C>[] {
    if (roomIds?.length === 0) return [];
    const rows = (roomIds === undefined
      ? this.#db.prepare(`SELECT seq, room_id, meeting_id, change FROM ${this.#table} ORDER BY seq LIMIT ?`).all(limit)
      : this.#db
          .prepare(`SELECT seq, room_id, meeting_id, change FROM ${this.#table} WHERE room_id IN (${roomIds.map(() => '?').join(', ')}) ORDER BY seq LIMIT ?`)
          .all(...roomIds, limit)) as { seq: number; room_id: string; meeting_id: string; change: string }[];
    return rows.map((row) => ({ seq: row.seq, roomId: row.room_id, meetingId: row.meeting_id, change: JSON.parse(row.change) as C }));
  }

  depth(roomId?: string): number {
    const row = (roomId === undefined
      ? this.#db.prepare(`SELECT COUNT(*) AS n FROM ${this.#table}`).get()
      : this.#db.prepare(`SELECT COUNT(*) AS n FROM ${this.#table} WHERE room_id = ?`).get(roomId)) as { n: number };
    return row.n;
  }

  hasPendingChanges(meetingId: string): boolean {
    return this.#db.prepare(`SELECT 1 FROM ${this.#table} WHERE meeting_id = ? LIMIT 1`).get(meetingId) !== undefined;
  }

  markSent(seq: number): void {
    this.#db.prepare(`DELETE FROM ${this.#table} WHERE seq = ?`).run(seq);
  }

  /** Kept on the row for whoever looks into the store: how often it failed and why, last. */
  markFailed(seq: number, error: string): void {
    this.#db.prepare(`UPDATE ${this.#table} SET attempts = attempts + 1, last_error = ? WHERE seq = ?`).run(error.slice(0, 1000), seq);
  }

  dropChangesOf(meetingId: string): void {
    this.#db.prepare(`DELETE FROM ${this.#table} WHERE meeting_id = ?`).run(meetingId);
  }

  dropRoom(roomId: string): void {
    this.#db.prepare(`DELETE FROM ${this.#table} WHERE room_id = ?`).run(roomId);
  }
}
