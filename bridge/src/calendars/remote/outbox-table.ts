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
 * The remote calendars' outbox in the bridge's store (`remote_outbox`):
 * changes are added in the transaction that makes them, so none is lost to
 * a crash, and leave only once their calendar answered. Every write joins
 * the caller's transaction.
 */
export class OutboxTable<C> {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  enqueue(roomId: string, meetingId: string, change: C, now: number): void {
    this.#db.prepare(`INSERT INTO remote_outbox (room_id, meeting_id, change, created_at) VALUES (?, ?, ?, ?)`).run(roomId, meetingId, JSON.stringify(change), now);
  }

  /** The oldest waiting changes first; a room's in the order they were made. `roomIds` limits it to the rooms this process sends for. */
  waiting(limit: number, roomIds?: readonly string[]): OutboxRow<C>[] {
    if (roomIds?.length === 0) return [];
    const rows = (roomIds === undefined
      ? this.#db.prepare(`SELECT seq, room_id, meeting_id, change FROM remote_outbox ORDER BY seq LIMIT ?`).all(limit)
      : this.#db
          .prepare(`SELECT seq, room_id, meeting_id, change FROM remote_outbox WHERE room_id IN (${roomIds.map(() => '?').join(', ')}) ORDER BY seq LIMIT ?`)
          .all(...roomIds, limit)) as { seq: number; room_id: string; meeting_id: string; change: string }[];
    return rows.map((row) => ({ seq: row.seq, roomId: row.room_id, meetingId: row.meeting_id, change: JSON.parse(row.change) as C }));
  }

  depth(roomId?: string): number {
    const row = (roomId === undefined
      ? this.#db.prepare(`SELECT COUNT(*) AS n FROM remote_outbox`).get()
      : this.#db.prepare(`SELECT COUNT(*) AS n FROM remote_outbox WHERE room_id = ?`).get(roomId)) as { n: number };
    return row.n;
  }

  hasPendingChanges(meetingId: string): boolean {
    return this.#db.prepare(`SELECT 1 FROM remote_outbox WHERE meeting_id = ? LIMIT 1`).get(meetingId) !== undefined;
  }

  markSent(seq: number): void {
    this.#db.prepare(`DELETE FROM remote_outbox WHERE seq = ?`).run(seq);
  }

  /** Kept on the row for whoever looks into the store: how often it failed and why, last. */
  markFailed(seq: number, error: string): void {
    this.#db.prepare(`UPDATE remote_outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?`).run(error.slice(0, 1000), seq);
  }

  dropChangesOf(meetingId: string): void {
    this.#db.prepare(`DELETE FROM remote_outbox WHERE meeting_id = ?`).run(meetingId);
  }

  dropRoom(roomId: string): void {
    this.#db.prepare(`DELETE FROM remote_outbox WHERE room_id = ?`).run(roomId);
  }
}
